import { thumbnailPath } from './thumbnail-path.ts';
import { removePreviewsOf } from './preview-cache.ts';
import { unlinkFiles } from './unlink-files.ts';

/**
 * Removes the thumbnails (and cached previews) of removed photos from disk; returns how many thumbnails were there. Not cancellable on
 * purpose: once the rows are gone, a thumbnail left behind would be litter nobody can reach. A long
 * list is removed by a worker thread (see unlinkFiles), so the caller may block meanwhile.
 */
export async function removeThumbnails(dataDir: string, imageHashes: readonly string[]): Promise<number> {
  const [removed] = await Promise.all([unlinkFiles(imageHashes.map((hash) => thumbnailPath(dataDir, hash))), removePreviewsOf(dataDir, imageHashes)]);
  return removed;
}
