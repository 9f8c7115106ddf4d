import { thumbnailPath } from './thumbnail-path.ts';
import { unlinkFiles } from './unlink-files.ts';

/**
 * Removes the thumbnails of removed photos from disk; returns how many were there. Not cancellable on
 * purpose: once the rows are gone, a thumbnail left behind would be litter nobody can reach. A long
 * list is removed by a worker thread (see unlinkFiles), so the caller may block meanwhile.
 */
export function removeThumbnails(dataDir: string, imageHashes: readonly string[]): Promise<number> {
  return unlinkFiles(imageHashes.map((hash) => thumbnailPath(dataDir, hash)));
}
