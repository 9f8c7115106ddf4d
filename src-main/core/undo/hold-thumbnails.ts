/**
 * Thumbnails of deleted photos are moved into the deletion's holding folder instead of being
 * removed, so that an undo brings back what the user recognises their photos by. The move is
 * journaled by the deletion's row (`thumbnails_held`): a crash in the middle leaves it 0, and the
 * next start finishes the move.
 */
import { access, mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Db } from '../db/open-database.ts';
import { removePreviewsOf } from '../thumbnails/preview-cache.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import { heldThumbnailsDir, readDeletedList } from './deletion-records.ts';

/**
 * Renames, a few at a time (the disk, not the loop, is the limit); returns how many were moved. A
 * source that is not there is skipped; with `keepExisting`, so is a move onto a file that exists.
 */
async function moveEach(moves: readonly { from: string; to: string }[], keepExisting = false): Promise<number> {
  let moved = 0;
  let next = 0;
  const moveOne = async (from: string, to: string): Promise<boolean> => {
    if (keepExisting && (await exists(to))) return false;
    try {
      await rename(from, to);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !(await exists(from))) return false;
      // The source is there: the target's folder is not (a thumbnails/ab/ folder removed since).
      await mkdir(dirname(to), { recursive: true });
      await rename(from, to);
      return true;
    }
  };
  const lane = async (): Promise<void> => {
    while (next < moves.length) {
      const { from, to } = moves[next++] as { from: string; to: string };
      try {
        if (await moveOne(from, to)) moved++;
      } catch {
        // Left where it is: an undo finds it there, the expiry removes it.
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  return moved;
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/** Moves the thumbnails of photos that no longer exist into the deletion's holding folder, then marks it done. */
export async function holdThumbnails(db: Db, dataDir: string, jobId: string, imageHashes: readonly string[]): Promise<number> {
  const held = heldThumbnailsDir(dataDir, jobId);
  await mkdir(held, { recursive: true });
  // Previews are a cache: dropped, not held (an undone photo's is made again when it is viewed).
  const [moved] = await Promise.all([
    moveEach(imageHashes.map((hash) => ({ from: thumbnailPath(dataDir, hash), to: join(held, `${hash}.webp`) }))),
    removePreviewsOf(dataDir, imageHashes),
  ]);
  db.prepare('UPDATE deletions SET thumbnails_held = 1 WHERE job_id = ?').run(jobId);
  return moved;
}

/** Finishes the moves a crash cut short (of photos still deleted: one an undo or a scan brought back keeps its thumbnail). */
export async function finishHeldThumbnails(db: Db, dataDir: string): Promise<number> {
  let moved = 0;
  const stillDeleted = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM photos WHERE image_hash = ?)').pluck();
  for (const jobId of db.prepare('SELECT job_id FROM deletions WHERE thumbnails_held = 0').pluck().all() as string[]) {
    const hashes = readDeletedList(dataDir, jobId).filter((hash) => stillDeleted.get(hash) === 1);
    moved += await holdThumbnails(db, dataDir, jobId, hashes);
  }
  return moved;
}

/** Puts held thumbnails back for these photos (where no thumbnail was made meanwhile); returns how many. */
export function returnThumbnails(dataDir: string, jobId: string, imageHashes: readonly string[]): Promise<number> {
  const held = heldThumbnailsDir(dataDir, jobId);
  return moveEach(imageHashes.map((hash) => ({ from: join(held, `${hash}.webp`), to: thumbnailPath(dataDir, hash) })), true);
}
