import type { FileWorkers } from '../file-workers/file-workers.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import type { AnswerWaiter } from './answer-waiter.ts';
import type { ScanCounts, DescribeRequest, SidecarRequest } from './scan-work.ts';

type Described = { request: DescribeRequest; value: Awaited<ReturnType<FileWorkers['describe']>> };
type SidecarRead = { request: SidecarRequest; value: Awaited<ReturnType<FileWorkers['sidecar']>> };

/**
 * The descriptions (thumbnail + capture date) and sidecars the scan asked the workers for: how many
 * are still out, and the answers that came back since they were last taken (to be written in the
 * next batch).
 */
export class WorkerAnswers {
  readonly #workers: FileWorkers;
  readonly #dataDir: string;
  readonly #counts: ScanCounts;
  readonly #waiter: AnswerWaiter;
  /** Requests sent and not answered yet. */
  outstanding = 0;
  #described: Described[] = [];
  #sidecars: SidecarRead[] = [];

  constructor(workers: FileWorkers, dataDir: string, counts: ScanCounts, waiter: AnswerWaiter) {
    this.#workers = workers;
    this.#dataDir = dataDir;
    this.#counts = counts;
    this.#waiter = waiter;
  }

  /** Descriptions answered and not yet taken. */
  get describedCount(): number {
    return this.#described.length;
  }

  ask(describes: readonly DescribeRequest[], sidecars: readonly SidecarRequest[]): void {
    const settled = () => {
      this.outstanding--;
      this.#waiter.answered();
    };
    for (const request of describes) {
      this.outstanding++;
      this.#workers.describe(request.path, thumbnailPath(this.#dataDir, request.imageHash), request.type).then(
        (value) => {
          this.#described.push({ request, value });
          settled();
        },
        () => {
          this.#counts.errors++; // gone or unreadable since it was hashed: the next scan sees it
          settled();
        },
      );
    }
    for (const request of sidecars) {
      this.outstanding++;
      this.#workers.sidecar(request.path).then(
        (value) => {
          this.#sidecars.push({ request, value });
          settled();
        },
        () => settled(), // a sidecar we cannot parse adds nothing; the photo is whole without it
      );
    }
  }

  /** The answers that came back since the last call. */
  take(): { described: Described[]; sidecars: SidecarRead[] } {
    const taken = { described: this.#described, sidecars: this.#sidecars };
    this.#described = [];
    this.#sidecars = [];
    return taken;
  }
}
