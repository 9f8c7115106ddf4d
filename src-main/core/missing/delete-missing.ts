import type { DeleteMissingCounts, DeleteMissingResult } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { backUpBeforeDeleteMissing } from '../backups/backup-before-delete.ts';
import { holdCheckpoint } from '../db/hold-checkpoint.ts';
import { deleteDoomed } from '../photos/delete-doomed.ts';
import { clearDoomed, countDoomed, prepareDoomed } from '../photos/doomed-preview.ts';
import { removeThumbnails } from '../thumbnails/remove-thumbnails.ts';
import { undoRecorder } from '../undo/record-undo.ts';
import { holdThumbnails } from '../undo/hold-thumbnails.ts';
import { probeLibraryRoots } from '../volumes/probe-root.ts';

/** The term that lets SQLite read photos that are not present off their partial index (migration 009). */
const ABSENT = `availability <> 'present'`;

/**
 * The photos Delete Missing would remove: the library's missing photos, plus its offline ones only
 * when the user included them. The library is bound in every statement (LibrePhotos' or-ed query
 * leaked other owners' photos; this one cannot).
 */
const DOOMED = `SELECT image_hash FROM photos WHERE library_id = @libraryId AND availability = 'missing' AND ${ABSENT}
  UNION ALL
  SELECT image_hash FROM photos WHERE library_id = @libraryId AND availability = 'offline' AND ${ABSENT} AND @includeOffline = 1`;

/** Fills `temp.doomed_photos` with them, for the preview's counts. */
function selectDoomed(db: Db, libraryId: number, includeOffline: boolean): void {
  prepareDoomed(db);
  db.prepare(`INSERT INTO temp.doomed_photos (image_hash) ${DOOMED}`).run({ libraryId, includeOffline: includeOffline ? 1 : 0 });
}

/**
 * Them as the sorted list the delete takes. Sorting 100,000 of them in JavaScript (8 ms) beats a
 * temp b-tree in SQLite (25 ms) or inserting them into the temp table first (50 ms).
 */
function doomedHashes(db: Db, libraryId: number, includeOffline: boolean): string[] {
  return (db.prepare(DOOMED).pluck().all({ libraryId, includeOffline: includeOffline ? 1 : 0 }) as string[]).sort();
}

const countOffline = (db: Db, libraryId: number): number =>
  db.prepare(`SELECT COUNT(*) FROM photos WHERE library_id = ? AND availability = 'offline' AND ${ABSENT}`).pluck().get(libraryId) as number;

/**
 * What Delete Missing would remove, for the confirm dialog. `offline_photos` is the number of the
 * library's offline photos — included in `photos` only when `includeOffline` — so the dialog can say
 * how many the "include offline photos" choice adds. Roots are probed first, as the job does.
 */
export async function previewDeleteMissing(db: Db, libraryId: number, includeOffline: boolean, now: Date, options: { store?: boolean } = {}): Promise<DeleteMissingCounts> {
  // store false: a read-only process, or a job at work on the library: the stored states are used.
  if (options.store !== false) await probeLibraryRoots(db, libraryId, now);
  return db.transaction(() => {
    selectDoomed(db, libraryId, includeOffline);
    const counts = countDoomed(db, { orphanMissingFilesOf: libraryId });
    clearDoomed(db);
    return { ...counts, offline_photos: countOffline(db, libraryId) };
  })();
}

/**
 * Delete Missing Photos (LibrePhotos job 5). Probes the roots (a drive that was just unplugged must
 * count as offline, not missing), then in ONE transaction removes each missing photo of the library
 * from all four album kinds, deletes its faces, the photos and the missing file records; after the
 * commit removes their thumbnails from disk. Never touches another library.
 */
export async function deleteMissing(ctx: JobContext, options: { includeOffline: boolean }): Promise<DeleteMissingResult> {
  const { db, libraryId } = ctx;
  const backup = await backUpBeforeDeleteMissing(ctx, options.includeOffline); // phase 'backing up': a copy of the database first
  ctx.progress('probing roots', 0, 0);
  await probeLibraryRoots(db, libraryId, ctx.now());
  ctx.signal.throwIfAborted();
  const doomed = doomedHashes(db, libraryId, options.includeOffline);
  const offline = options.includeOffline ? countOffline(db, libraryId) : 0;
  // Undoable for 30 days: the list of what goes is on disk before anything goes (see core/undo).
  const undo = backup !== null && doomed.length > 0 ? undoRecorder(ctx, 'delete_missing', backup.name, doomed) : undefined;
  ctx.progress('deleting', 0, doomed.length);
  const checkpoint = holdCheckpoint(db);
  let removing: Promise<number>;
  let removed: ReturnType<typeof deleteDoomed> & { offline: number };
  try {
    // One transaction: every missing photo goes with all it holds, or nothing does.
    removed = { ...deleteDoomed(db, doomed, { orphanMissingFilesOf: libraryId, ...(undo ? { record: undo.record } : {}) }), offline };
    ctx.progress('deleting', doomed.length, doomed.length);
    ctx.progress('removing thumbnails', 0, removed.imageHashes.length);
    // Held for the undo (moved aside), or removed when there is no undo.
    removing = undo ? holdThumbnails(db, ctx.dataDir, ctx.jobId, removed.imageHashes) : removeThumbnails(ctx.dataDir, removed.imageHashes);
  } finally {
    // The WAL checkpoint (the deleted pages written back into the database file) runs while a worker
    // thread removes the thumbnails: two kinds of disk work side by side instead of one after the other.
    checkpoint();
  }
  const thumbnails = await removing;
  ctx.progress('done', removed.imageHashes.length, removed.imageHashes.length);
  return { status: true, job_id: ctx.jobId, removed: { ...removed.counts, thumbnails, offline_photos: removed.offline } };
}
