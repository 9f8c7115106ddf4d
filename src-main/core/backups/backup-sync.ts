/**
 * The synchronous backup, for the one place that cannot wait on a worker: opening a database whose
 * schema is about to be upgraded (openDatabase is synchronous, and the caller holds the writer lock,
 * so nothing else writes meanwhile). A read-only connection of its own quick_checks the database,
 * then `VACUUM INTO` writes a consistent, compact, self-contained copy; the copy is quick_checked,
 * fsynced and put in place with the same naming and pruning as every other backup. VACUUM INTO
 * rebuilds the indexes from the tables, so a damaged index would not show in the copy: hence the
 * check of the source first. About 1 s at 100,000 photos, once per upgrade.
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { assertReason, fsyncFile, partialBackupPath, publishBackup, removePartial, type BackupInfo } from './backup-files.ts';
import { quickCheck } from './check-database.ts';

/** Thrown when the database or its copy fails quick_check: the database is damaged (the caller says so, naming it). */
export class DamagedSourceError extends Error {
  override readonly name = 'DamagedSourceError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`quick_check: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/** Backs up the database `file` into the backups folder of its data folder (the folder it is in). */
export function makeBackupSync(file: string, reason: string, now: Date): BackupInfo {
  assertReason(reason);
  const dataDir = dirname(file);
  const partial = partialBackupPath(dataDir);
  try {
    const from = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const problems = quickCheck(from);
      if (problems.length > 0) throw new DamagedSourceError(problems);
      from.prepare('VACUUM INTO ?').run(partial);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw new DamagedSourceError([(error as Error).message]);
      throw error;
    } finally {
      from.close();
    }
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    let problems: string[];
    try {
      problems = quickCheck(copy);
    } finally {
      copy.close();
    }
    if (problems.length > 0) throw new DamagedSourceError(problems.map((problem) => `in its copy: ${problem}`));
    fsyncFile(partial);
    return publishBackup(dataDir, partial, reason, now);
  } finally {
    removePartial(partial);
  }
}
