import type { Db } from '../db/open-database.ts';
import { librariesOf } from './photo-edits.ts';
import { removeThumbnails } from '../thumbnails/remove-thumbnails.ts';
import { deleteDoomed } from './delete-doomed.ts';

/**
 * Removes photos from Keepsake for good (the caller has the user's confirmation): the photos, their
 * file records, faces, album links and thumbnails. The files on disk are never touched — so a later
 * Scan Photos finds them again as new photos, as the Trash view says.
 */
export async function deletePhotosForever(db: Db, dataDir: string, imageHashes: readonly string[]): Promise<{ count: number; libraryIds: number[] }> {
  const libraryIds = librariesOf(db, imageHashes);
  const doomed = db.prepare('SELECT image_hash FROM photos WHERE image_hash IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(imageHashes)) as string[];
  const removed = deleteDoomed(db, doomed.sort());
  await removeThumbnails(dataDir, removed.imageHashes);
  return { count: removed.counts.photos, libraryIds };
}
