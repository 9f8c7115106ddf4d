import { rm } from 'node:fs/promises';
import type { Db } from '../db/open-database.ts';
import { deletionDir, UNDO_DAYS } from './deletion-records.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Removes what deletions older than 30 days (or undone) held for their undo: the list of their
 * photos and their thumbnails. Their backups then fall under the usual last-10 rule. The rows stay:
 * the job history still says what was deleted.
 */
export async function expireDeletions(db: Db, dataDir: string, now: Date): Promise<number> {
  const before = new Date(now.getTime() - UNDO_DAYS * DAY_MS).toISOString();
  const expired = db.prepare('SELECT job_id FROM deletions WHERE (deleted_at <= ? OR undone_at IS NOT NULL) AND thumbnails_held = 1').pluck().all(before) as string[];
  for (const jobId of expired) await rm(deletionDir(dataDir, jobId), { recursive: true, force: true });
  return expired.length;
}
