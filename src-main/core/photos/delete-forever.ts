import type { Db } from '../db/open-database.ts';
import { librariesOf } from './photo-edits.ts';
import { deleteDoomed, prepareDoomed, removeThumbnails } from './remove-photos.ts';

/**
 * Removes photos from Keepsake for good (the caller has the user's confirmation): the photos, their
 * file records, faces, album links and thumbnails. The files on disk are never touched — so a later
 * Scan Photos finds them again as new photos, as the Trash view says.
 */
export async function deletePhotosForever(db: Db, dataDir: string, imageHashes: readonly string[]): Promise<{ count: number; libraryIds: number[] }> {
  const libraryIds = librariesOf(db, imageHashes);
  prepareDoomed(db);
  db.prepare('INSERT OR IGNORE INTO temp.doomed_photos (image_hash) SELECT p.image_hash FROM photos p WHERE p.image_hash IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(imageHashes),
  );
  const removed = deleteDoomed(db);
  await removeThumbnails(dataDir, removed.imageHashes);
  return { count: removed.counts.photos, libraryIds };
}
