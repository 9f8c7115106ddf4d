/**
 * The quiet writer: an edit marks its photo (sidecar-pending.ts); a moment after the last edit
 * (debounced, at most MAX_WAIT_MS after the first), the marked photos of that library are written
 * in one batch through the job queue — as a queued write, not a job: a rating is not worth a line
 * in the history. A sidecar found edited in another app is not merged there but handed to a Read
 * Sidecars job, whose history says what changed. Photos that could not be written (drive offline,
 * folder read-only) wait and are tried again when a scan, a Scan for Missing or a probe of the
 * drives ends, and when the library is opened again.
 */
import type { JobType } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import type { CoreEvents } from '../jobs/core-events.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Logger } from '../log/log-file.ts';
import { readSidecarsJob } from './sidecar-jobs.ts';
import { hasUntried, librariesWithPending, listPending } from './sidecar-pending.ts';
import { writesSidecars } from './sidecar-store.ts';
import { syncSidecars } from './sync-sidecars.ts';

/** Quiet after the last edit before writing: a user rating photo after photo gets one batch. */
const DEBOUNCE_MS = 300;
/** A steady stream of edits still reaches the files this soon after the first. */
const MAX_WAIT_MS = 1000;
/** Waiting sidecars from which the file workers write them. */
const MANY = 100;
/** Jobs after which waiting sidecars are tried again (a drive may be back, a file relinked). */
const RETRY_AFTER: ReadonlySet<JobType> = new Set(['scan_photos', 'scan_missing', 'locate_folder', 'write_sidecars', 'live_changes']);
/** Jobs that hash what changed on disk: after them, a sidecar with other bytes than Keepsake recorded was edited elsewhere. */
const SAW_FILES: ReadonlySet<JobType> = new Set(['scan_photos', 'live_changes']);

export interface SidecarQueueOptions {
  readonly db: Db;
  readonly runner: JobRunner;
  readonly events: CoreEvents;
  readonly now: () => Date;
  readonly log: Logger;
  readonly getWorkers: () => FileWorkers;
  readonly debounceMs?: number;
  readonly maxWaitMs?: number;
}

interface Scheduled {
  timer: NodeJS.Timeout;
  readonly firstAt: number;
  retry: boolean;
}

/** Starts the quiet writer for a writing process; `close()` stops it (what waits stays marked in the database). */
export function startSidecarQueue(options: SidecarQueueOptions): { close(): void; flushNow(libraryId: number): Promise<void> } {
  const { db, runner, events, now, log, getWorkers } = options;
  const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  const maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
  const scheduled = new Map<number, Scheduled>();
  let closed = false;

  const write = async (libraryId: number, retry: boolean): Promise<void> => {
    if (!writesSidecars(db, libraryId)) return;
    const pending = listPending(db, libraryId, { untriedOnly: !retry });
    if (pending.length === 0) return;
    const outcome = await syncSidecars(db, libraryId, pending.map((row) => row.imageHash), {
      mode: 'write',
      unknownFiles: 'defer',
      now,
      // A few edits are written from here; many (a drive back with a thousand waiting) by the file workers.
      ...(pending.length > MANY ? { writeFiles: (writes) => getWorkers().writeSidecars(writes) } : {}),
    });
    if (outcome.deferred.length > 0 && !closed) runner.start(readSidecarsJob(libraryId, outcome.deferred, true, getWorkers));
    if (outcome.problems > 0) log.warn({ libraryId, problems: outcome.problem_files.slice(0, 20) }, 'sidecars that could not be written');
  };

  const flush = (libraryId: number, retry: boolean): Promise<void> =>
    runner.enqueue(libraryId, `sidecars:${libraryId}:${retry ? 'retry' : 'edits'}`, () => write(libraryId, retry)).catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'unavailable') log.error({ err: error, libraryId }, 'could not write sidecars');
    });

  const schedule = (libraryId: number, retry: boolean): void => {
    if (closed) return;
    const at = Date.now();
    const known = scheduled.get(libraryId);
    if (known !== undefined) clearTimeout(known.timer);
    const entry: Scheduled = known ?? { timer: undefined as unknown as NodeJS.Timeout, firstAt: at, retry };
    entry.retry ||= retry;
    const delay = Math.max(0, Math.min(debounceMs, entry.firstAt + maxWaitMs - at));
    entry.timer = setTimeout(() => {
      scheduled.delete(libraryId);
      void flush(libraryId, entry.retry);
    }, delay);
    entry.timer.unref();
    scheduled.set(libraryId, entry);
  };

  /** Sidecars changed since Keepsake last wrote or read them, as the scan just saw them (another app edited them). */
  const editedOutside = (libraryId: number): string[] =>
    db
      // Only where the scan walked (an offline root's rows are as they were, not what is there now).
      .prepare(`SELECT s.image_hash FROM sidecar_state s JOIN files f ON f.library_id = s.library_id AND f.path = s.path
        JOIN roots r ON r.id = f.root_id AND r.state = 'online'
        WHERE s.library_id = ? AND f.missing = 0 AND f.hash <> (s.digest || s.library_id)`)
      .pluck()
      .all(libraryId) as string[];

  const unsubscribe = [
    events.on('library.changed', ({ libraryId, reason }) => {
      const retry = reason === 'roots probed';
      if (retry || hasUntried(db, libraryId)) schedule(libraryId, retry);
    }),
    events.on('job.finished', (record) => {
      if (record.status !== 'succeeded' || !RETRY_AFTER.has(record.type)) return;
      if (SAW_FILES.has(record.type) && writesSidecars(db, record.libraryId)) {
        const changed = editedOutside(record.libraryId);
        try {
          if (changed.length > 0 && !closed) runner.start(readSidecarsJob(record.libraryId, changed, true, getWorkers));
        } catch (error) {
          if ((error as { code?: string }).code !== 'unavailable') log.error({ err: error }, 'could not start reading the sidecars edited in other apps');
        }
      }
      schedule(record.libraryId, true);
    }),
  ];
  // What a previous run left waiting (a crash, a drive unplugged at the time).
  for (const libraryId of librariesWithPending(db)) schedule(libraryId, true);

  return {
    close() {
      closed = true;
      for (const entry of scheduled.values()) clearTimeout(entry.timer);
      scheduled.clear();
      for (const off of unsubscribe) off();
    },
    flushNow: (libraryId) => flush(libraryId, true),
  };
}
