import type { Db } from '../db/open-database.ts';
import { recordDeletion, writeDeletedList } from './deletion-records.ts';

/**
 * Makes a deletion undoable: writes the list of the photos about to go (now, before they go), and
 * gives the `record` the delete calls inside its own transaction, which writes the deletion's row.
 */
export function undoRecorder(
  ctx: { db: Db; dataDir: string; jobId: string; libraryId: number; now: () => Date },
  kind: 'delete_missing' | 'delete_forever',
  backupName: string,
  imageHashes: readonly string[],
): { record: (counts: { photos: number; faces: number; album_links: number }) => void } {
  writeDeletedList(ctx.dataDir, ctx.jobId, imageHashes);
  return {
    record: (counts) =>
      recordDeletion(ctx.db, {
        job_id: ctx.jobId,
        kind,
        library_id: ctx.libraryId,
        deleted_at: ctx.now().toISOString(),
        backup_name: backupName,
        photos: counts.photos,
        faces: counts.faces,
        album_links: counts.album_links,
      }),
  };
}
