/**
 * The backups the destructive steps make first. Each runs where the step holds the library (a job,
 * or an exclusive write), so nothing of the step has happened yet when the copy is taken. The copy
 * is of the file the step's connection writes (`db.name`: `<dataDir>/keepsake.db` in the app and the CLI).
 */
import type { Db } from '../db/open-database.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { backupsInUse } from '../undo/deletion-records.ts';
import { makeBackup, type BackupInfo } from './make-backup.ts';

/**
 * Delete Missing's first phase, 'backing up': a backup whenever the job can delete a photo. It
 * deletes the library's missing photos (and offline ones when included); the roots probe that
 * follows can turn offline photos missing (a drive back whose files are gone) and present ones
 * offline (a drive just unplugged). So with offline photos included it always backs up, and
 * otherwise when the library has any photo that is not present (one indexed lookup).
 */
export async function backUpBeforeDeleteMissing(ctx: Pick<JobContext, 'db' | 'libraryId' | 'dataDir' | 'now' | 'progress'>, includeOffline: boolean): Promise<BackupInfo | null> {
  if (!includeOffline && !hasAbsentPhotos(ctx.db, ctx.libraryId)) return null;
  ctx.progress('backing up', 0, 0);
  // The backups undoable deletions are undone from are kept past the last-10 rule.
  return makeBackup(ctx.dataDir, 'delete-missing', ctx.now(), { source: ctx.db.name, spare: backupsInUse(ctx.db, ctx.now()) });
}

const hasAbsentPhotos = (db: Db, libraryId: number): boolean =>
  db.prepare(`SELECT EXISTS (SELECT 1 FROM photos WHERE library_id = ? AND availability <> 'present')`).pluck().get(libraryId) === 1;

/** Delete forever's backup, when any of the photos is known (deleting none changes nothing). */
export async function backUpBeforeDeleteForever(db: Db, dataDir: string, imageHashes: readonly string[], now: Date): Promise<BackupInfo | null> {
  const known = db.prepare('SELECT EXISTS (SELECT 1 FROM photos WHERE image_hash IN (SELECT value FROM json_each(?)))').pluck().get(JSON.stringify(imageHashes)) === 1;
  return known ? makeBackup(dataDir, 'delete-forever', now, { source: db.name, spare: backupsInUse(db, now) }) : null;
}
