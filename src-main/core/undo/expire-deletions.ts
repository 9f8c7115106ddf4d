import { rm } from 'node:fs/promises';
import type { Db } from '../db/open-database.ts';
import { deletionDir, readDeletedList, UNDO_DAYS } from './deletion-records.ts';
import { returnThumbnails } from './hold-thumbnails.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Removes what deletions older than 30 days (or undone) held for their undo: the list of their
 * photos and their thumbnails. Their backups then fall under the usual last-10 rule. The rows stay:
 * the job history still says what was deleted.
 */
export async function expireDeletions(db: Db, dataDir: string, now: Date): Promise<number> {
  const before = new Date(now.getTime() - UNDO_DAYS * DAY_MS).toISOString();
  const expired = db.prepare('SELECT job_id, undone_at FROM deletions WHERE (deleted_at <= ? OR undone_at IS NOT NULL) AND thumbnails_held = 1').all(before) as { job_id: string; undone_at: string | null }[];
  const exists = db.prepare('SELECT EXISTS (SELECT 1 FROM photos WHERE image_hash = ?)').pluck();
  for (const { job_id: jobId, undone_at: undoneAt } of expired) {
    // An undo killed between its commit and putting the thumbnails back: they go back now.
    if (undoneAt !== null) await returnThumbnails(dataDir, jobId, readDeletedList(dataDir, jobId).filter((hash) => exists.get(hash) === 1));
    await rm(deletionDir(dataDir, jobId), { recursive: true, force: true });
  }
  return expired.length;
}
