import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import { dropPreview } from '../thumbnails/preview-cache.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import type { VideoTools } from '../video/find-video-tools.ts';
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
  /** Looked up at the first video only: finding ffmpeg runs a process, which a scan of photos need not pay. */
  readonly #videoTools: () => Promise<VideoTools | null>;
  #videoToolsFound: Promise<VideoTools | null> | null = null;
  /** Whether any preview was ever cached: a first scan of 100,000 new photos then tries no removals. */
  readonly #previewsCached: boolean;
  /** Requests sent and not answered yet. */
  outstanding = 0;
  #described: Described[] = [];
  #sidecars: SidecarRead[] = [];

  constructor(workers: FileWorkers, dataDir: string, counts: ScanCounts, waiter: AnswerWaiter, videoTools: () => Promise<VideoTools | null>) {
    this.#workers = workers;
    this.#videoTools = videoTools;
    this.#previewsCached = existsSync(join(dataDir, 'previews'));
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
      const dest = thumbnailPath(this.#dataDir, request.imageHash);
      // Described again: its main file is new or changed, so a cached preview shows the old picture.
      if (this.#previewsCached) void dropPreview(this.#dataDir, request.imageHash).catch(() => undefined);
      const described = request.type === 'VIDEO'
        ? (this.#videoToolsFound ??= this.#videoTools().catch(() => null)).then((tools) => this.#workers.describe(request.path, dest, request.type, tools))
        : this.#workers.describe(request.path, dest, request.type);
      described.then(
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
