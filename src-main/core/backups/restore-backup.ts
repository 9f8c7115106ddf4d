/**
 * Puts a backup back as the library database. The caller holds the writer lock and has not opened
 * the database (it may be damaged). What it replaces is kept: backed up as `before-restore` when it
 * can be read, else moved into the backups folder as it is (`damaged-<time>.db`).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupsDirOf, DB_FILE, dbPathOf } from '../data-folder/data-folder-files.ts';
import type { WriterLock } from '../data-folder/writer-lock.ts';
import { assertOurs, NotADatabaseError } from '../db/open-database.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { badRequest, notFound } from '../errors.ts';
import { backupStamp, findBackup, fsyncDir, fsyncFile, type BackupInfo } from './backup-files.ts';
import { quickCheck } from './check-database.ts';
import { makeBackup } from './make-backup.ts';

/** What a restore did. */
export interface RestoreResult {
  /** The backup that is the library database now. */
  readonly restored: BackupInfo;
  /** The backup of the database it replaced (null when there was none, or it could not be read). */
  readonly saved: BackupInfo | null;
  /** Where the replaced database went instead, when it could not be backed up (damaged): its files, moved as they were. */
  readonly setAside: readonly string[];
}

/** `keepsake.db.restoring-<pid>.tmp`: the backup's copy beside the database, before it replaces it. */
const RESTORING = /^keepsake\.db\.restoring-(\d+)\.tmp$/;

/**
 * Restores backup `name` (a bare name from listBackups). `lock` is the writer lock the caller holds:
 * no process writes the library meanwhile. Steps, each safe to be interrupted: the backup is
 * quick_checked and copied beside keepsake.db (fsynced); the current database is backed up (or set
 * aside); its -wal and -shm are removed (they belong to the old file) and the copy renamed over it.
 */
export async function restoreBackup(dataDir: string, name: string, _lock: WriterLock, now = new Date()): Promise<RestoreResult> {
  const backup = findBackup(dataDir, name);
  if (backup === null) throw notFound(`no backup named "${name}" in ${backupsDirOf(dataDir)} (see keepsake backups)`);
  assertRestorable(backup);

  const file = dbPathOf(dataDir);
  for (const entry of readdirSync(dataDir)) {
    const stale = RESTORING.exec(entry);
    if (stale !== null && Number(stale[1]) !== process.pid) rmSync(join(dataDir, entry), { force: true });
  }
  const restoring = join(dataDir, `${DB_FILE}.restoring-${process.pid}.tmp`);
  try {
    copyFileSync(backup.path, restoring);
    fsyncFile(restoring);

    let saved: BackupInfo | null = null;
    let setAside: string[] = [];
    if (existsSync(file)) {
      try {
        saved = await makeBackup(dataDir, 'before-restore', now, { spare: [backup.name] });
      } catch (error) {
        // Damaged, or not a database at all: nothing SQLite can copy. Kept as it is, files together.
        if (!(error instanceof NotADatabaseError) && (error as { code?: string }).code !== 'SQLITE_NOTADB') throw error;
        setAside = setAsideDamaged(dataDir, now);
      }
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    try {
      renameSync(restoring, file);
    } catch (error) {
      throw new Error(`could not put the backup in place of ${file} (${(error as Error).message}); if the Keepsake app is open, close it and run the restore again`, { cause: error });
    }
    fsyncDir(dataDir);
    return { restored: backup, saved, setAside };
  } finally {
    rmSync(restoring, { force: true });
  }
}

/** Refuses a backup that fails quick_check, is not Keepsake's, or is from a newer Keepsake. */
function assertRestorable(backup: BackupInfo): void {
  let db: Database.Database;
  try {
    db = new Database(backup.path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw badRequest(`backup ${backup.name} cannot be opened (${(error as Error).message}); choose another one (keepsake backups)`);
  }
  try {
    const problems = quickCheck(db);
    if (problems.length > 0) throw badRequest(`backup ${backup.name} is damaged (quick_check: ${problems.join('; ')}); choose another one (keepsake backups)`);
    try {
      assertOurs(db, backup.path);
    } catch (error) {
      throw badRequest(`backup ${backup.name} cannot be restored: ${(error as Error).message}`);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (version > latest) throw badRequest(`backup ${backup.name} is from a newer Keepsake (schema ${version}; this one knows ${latest})`);
  } finally {
    db.close();
  }
}

/** Moves a database that cannot be backed up, with its -wal, into the backups folder as `damaged-<time>.db`; returns where. */
function setAsideDamaged(dataDir: string, now: Date): string[] {
  const dir = backupsDirOf(dataDir);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `damaged-${backupStamp(now)}-${process.pid}.db`);
  const moved: string[] = [];
  for (const suffix of ['', '-wal']) {
    const from = `${dbPathOf(dataDir)}${suffix}`;
    if (!existsSync(from)) continue;
    renameSync(from, `${target}${suffix}`);
    moved.push(`${target}${suffix}`);
  }
  fsyncDir(dir);
  return moved;
}
