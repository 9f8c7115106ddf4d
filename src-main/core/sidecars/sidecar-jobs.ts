/**
 * The sidecar jobs: Write Sidecars (every photo of a library: when the setting is turned on, and
 * `keepsake sidecars write`) and Read Sidecars (`keepsake sidecars read`, and the sidecars found
 * edited in another app). Both go through the one job queue; their result — counts, what changed,
 * what could not be written and why — is what the job history shows.
 */
import type { SidecarsResult } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import type { JobSpec } from '../jobs/job-runner.ts';
import { syncSidecars } from './sync-sidecars.ts';

/** Every photo of a library (in the trash too: its metadata is still the user's). */
const photosOf = (db: Db, libraryId: number): string[] =>
  db.prepare('SELECT image_hash FROM photos WHERE library_id = ? ORDER BY main_file').pluck().all(libraryId) as string[];

/** A sync's outcome as a job result (the deferred list is the quiet writer's business only). */
const asResult = ({ deferred: _deferred, ...result }: Awaited<ReturnType<typeof syncSidecars>>): SidecarsResult => result;

/** The file workers write the sidecars, in batches (see write-sidecar-file.ts). */
const inWorkers = (getWorkers: () => FileWorkers) => (writes: Parameters<FileWorkers['writeSidecars']>[0]) => getWorkers().writeSidecars(writes);

/** Write Sidecars: every photo's sidecar created or merged into; edits made in other apps are read first. */
export function writeSidecarsJob(libraryId: number, getWorkers: () => FileWorkers): JobSpec {
  return {
    type: 'write_sidecars',
    libraryId,
    dedupeKey: `write_sidecars:${libraryId}`,
    run: async (ctx) => {
      const photos = photosOf(ctx.db, libraryId);
      ctx.progress('write', 0, photos.length);
      const outcome = await syncSidecars(ctx.db, libraryId, photos, {
        mode: 'write',
        unknownFiles: 'merge',
        now: ctx.now,
        signal: ctx.signal,
        progress: (done, total) => ctx.progress('write', done, total),
        writeFiles: inWorkers(getWorkers),
      });
      return asResult(outcome);
    },
  };
}

/**
 * Read Sidecars: what the sidecars hold is read into the library (the newer side wins per field).
 * `imageHashes`: only these photos (null: every photo). `write`: a field Keepsake's side won is
 * written back into the file at once (the library keeps sidecars); otherwise files are only read.
 */
export function readSidecarsJob(libraryId: number, imageHashes: readonly string[] | null, write: boolean, getWorkers: () => FileWorkers): JobSpec {
  return {
    type: 'read_sidecars',
    libraryId,
    dedupeKey: imageHashes === null ? `read_sidecars:${libraryId}` : `read_sidecars:${libraryId}:changed`,
    run: async (ctx) => {
      const photos = imageHashes ?? photosOf(ctx.db, libraryId);
      ctx.progress('read', 0, photos.length);
      const outcome = await syncSidecars(ctx.db, libraryId, photos, {
        mode: write ? 'write' : 'read',
        unknownFiles: 'merge',
        now: ctx.now,
        signal: ctx.signal,
        progress: (done, total) => ctx.progress('read', done, total),
        writeFiles: inWorkers(getWorkers),
      });
      return asResult(outcome);
    },
  };
}
