import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-database.ts';
import { removeThumbnails } from '../thumbnails/remove-thumbnails.ts';
import { holdThumbnails } from '../undo/hold-thumbnails.ts';
import { undoRecorder } from '../undo/record-undo.ts';
import { deleteDoomed } from './delete-doomed.ts';
import { librariesOf } from './photo-edits.ts';

/**
 * Removes photos from Keepsake for good (the caller has the user's confirmation): the photos, their
 * file records, faces, album links and thumbnails. The files on disk are never touched — so a later
 * Scan Photos finds them again as new photos, as the Trash view says. With `backupName` (the backup
 * just taken) it can be undone for 30 days: its thumbnails are held, not removed.
 */
export async function deletePhotosForever(
  db: Db,
  dataDir: string,
  imageHashes: readonly string[],
  options: { backupName?: string; now?: Date } = {},
): Promise<{ count: number; libraryIds: number[]; jobId: string | null }> {
  const libraryIds = librariesOf(db, imageHashes);
  const doomed = (db.prepare('SELECT image_hash FROM photos WHERE image_hash IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(imageHashes)) as string[]).sort();
  const [libraryId] = libraryIds;
  const jobId = options.backupName !== undefined && libraryId !== undefined && doomed.length > 0 ? randomUUID() : null;
  const now = options.now ?? new Date();
  const undo = jobId !== null ? undoRecorder({ db, dataDir, jobId, libraryId: libraryId as number, now: () => now }, 'delete_forever', options.backupName as string, doomed) : undefined;
  const removed = deleteDoomed(db, doomed, undo ? { record: undo.record } : {});
  if (jobId !== null) await holdThumbnails(db, dataDir, jobId, removed.imageHashes);
  else await removeThumbnails(dataDir, removed.imageHashes);
  return { count: removed.counts.photos, libraryIds, jobId };
}
