import Database from 'better-sqlite3';
import { assertDatabaseFile, NotADatabaseError } from './database-file.ts';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeReason, type BackupInfo } from '../backups/backup-files.ts';
import { DamagedSourceError, makeBackupSync } from '../backups/backup-sync.ts';
import { latestGoodBackup, quickCheckFile } from '../backups/check-database.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

export { NotADatabaseError } from './database-file.ts';

/**
 * Thrown when the database is damaged (it fails quick_check, or SQLite finds it corrupt): it was
 * not changed. The message names the file and the latest good backup with the command that
 * restores it (`backup`; null when there is none).
 */
export class DamagedDatabaseError extends NotADatabaseError {
  readonly file: string;
  readonly backup: BackupInfo | null;
  /** `before`: the destructive step it was found before (which was not done). */
  constructor(file: string, detail: string, options: { before?: string } = {}) {
    const backup = latestGoodBackup(dirname(file));
    const found = options.before === undefined ? '' : `, found while backing it up before ${options.before}, which was not done`;
    const todo =
      backup === null
        ? 'move it away and restore a backup of it, or start a new library (it was not changed; Keepsake has no backup of it yet)'
        : `it was not changed: restore the latest good backup (made before ${describeReason(backup.reason)}, ${backup.createdAt}) with: keepsake restore ${backup.name} --yes`;
    super(`${file} is damaged (${detail.length > 300 ? `${detail.slice(0, 300)}…` : detail})${found}; ${todo}`);
    this.file = file;
    this.backup = backup;
  }
}

/**
 * Written into every Keepsake database's header (PRAGMA application_id, "KEEP"), so that another
 * application's SQLite file is told apart from ours by what it is, not by a guess at its tables.
 */
export const KEEPSAKE_APPLICATION_ID = 0x4b454550;

/**
 * Refuses, before anything is written to it, a file that is not a Keepsake database: an empty file,
 * another application's SQLite database (its own application_id, or tables but no Keepsake schema),
 * a damaged one. A database from before application_id was set is recognised by its schema.
 */
export function assertOurs(db: Db, file: string): void {
  let applicationId: number;
  let version: number;
  let tables: string[];
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
    tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
  } catch (error) {
    throw unusable(file, error);
  }
  if (applicationId === KEEPSAKE_APPLICATION_ID) return;
  if (applicationId !== 0) throw new NotADatabaseError(`${file} is not a Keepsake database: it belongs to another application (application id 0x${applicationId.toString(16)}); Keepsake leaves it untouched`);
  if (version === 0 && tables.length === 0) return; // a database nothing was written to yet
  if (version === 0 || !tables.includes('libraries') || !tables.includes('photos')) {
    throw new NotADatabaseError(`${file} is not a Keepsake database: it is another application's SQLite database; Keepsake leaves it untouched`);
  }
}

/** What is wrong with a file SQLite cannot use, and what to do, naming the file. */
function unusable(file: string, error: unknown): NotADatabaseError {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  if (code === 'SQLITE_NOTADB') return new NotADatabaseError(`${file} is not a Keepsake database (not an SQLite file); Keepsake leaves it untouched`);
  if (code === 'SQLITE_CORRUPT') return new DamagedDatabaseError(file, message);
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new NotADatabaseError(`${file} cannot be written (${message}): check that you may write it and its folder; reading commands (keepsake stats, missing) still work`);
  }
  return new NotADatabaseError(`${file} is not a Keepsake database: ${message}`);
}

/**
 * Opens (creating if needed) the library database, with WAL and foreign keys on, and brings it up
 * to the latest schema, backing it up first (`backups/keepsake-migration-<from>-to-<to>-<time>.db`).
 * `upTo` stops at a given version (for migration tests); `now` names the backup. A file that is not
 * a Keepsake database is refused before anything is written to it (see assertOurs), and so is one
 * that fails quick_check — checked at every open with `checkAtOpen: 'always'` (the app's launch),
 * else only after an unclean close (see assertSound).
 */
export function openDatabase(file: string, options: { upTo?: number; readonly?: boolean; now?: () => Date; checkAtOpen?: 'always' | 'after-unclean-close' } = {}): Db {
  let db: Db;
  const existed = existsSync(file);
  if (existed) assertDatabaseFile(file);
  if (existed && options.readonly !== true) {
    try {
      accessSync(file, constants.W_OK);
    } catch (error) {
      throw unusable(file, Object.assign(new Error('the file is read-only'), { code: 'SQLITE_READONLY', cause: error }));
    }
  }
  if (existed && options.readonly !== true) assertSound(file, options.checkAtOpen ?? 'after-unclean-close');
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw unusable(file, error);
  }
  try {
    if (existed) assertOurs(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  try {
    // 8 KiB pages for a new database (SQLite's default is 4 KiB; an existing file keeps its own).
    // Measured at 100,000 photos: Delete Missing 1.70 → 1.45 s and a rescan 0.53 → 0.46 s, with the
    // first scan of small files no slower; 16 KiB pages made that scan 20% slower (every random
    // insert writes a whole page to the WAL).
    db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
  } catch (error) {
    db.close();
    throw unusable(file, error);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // One process writes (the writer lock), so the writer waits only on a reader's WAL snapshot or
  // recovery, which take milliseconds; a minute is far beyond any of that, so SQLITE_BUSY never
  // fails a job (it failed 2 of 12 overlapping runs before the lock).
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // A 16 MiB page cache (default 2 MiB). Measured: Delete Missing of 100,000 photos costs the same
  // CPU with 8, 16 or 64 MiB (the OS page cache serves the rest), while a 64 MiB cache filled during
  // a large scan is a quarter of the scan's memory budget (250 MB for the whole process).
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = MEMORY');
  if (!options.readonly) {
    try {
      if (existed) backUpBeforeMigrating(db, file, options.upTo, options.now?.() ?? new Date());
    } catch (error) {
      db.close();
      throw error;
    }
    migrate(db, MIGRATIONS, options.upTo);
    // Databases from before the id was set get it the first time they are opened to write.
    if ((db.pragma('application_id', { simple: true }) as number) !== KEEPSAKE_APPLICATION_ID) db.pragma(`application_id = ${KEEPSAKE_APPLICATION_ID}`);
  }
  return db;
}

const BUSY_TIMEOUT_MS = 60_000;

/**
 * Refuses, before it is opened to write, a database the last writer did not close cleanly and that
 * fails quick_check. A writer that closes deletes `keepsake.db-wal`; one that was killed (or lost
 * its power) leaves it with content. Read-only connections leave an empty one, so an empty file
 * says nothing. Checked through a read-only connection, which writes nothing back on close (a
 * read-write one would checkpoint the WAL into the damaged file). quick_check takes 0.16–0.26 s at
 * 100,000 photos (132 MB, warm cache), about as long as a whole fresh `keepsake stats` (0.21 s): at
 * every open it would double the start of every write command, hence only here.
 */
function assertSound(file: string, when: 'always' | 'after-unclean-close'): void {
  let walBytes = 0;
  try {
    walBytes = statSync(`${file}-wal`).size;
  } catch {
    // closed cleanly
  }
  // The app checks at every launch (0.2 s once, as it starts); a command only after a crash.
  if (walBytes === 0 && when !== 'always') return;
  const problems = quickCheckFile(file);
  if (problems.length > 0) throw new DamagedDatabaseError(file, `quick_check: ${problems.join('; ')}`);
}

/** Before pending migrations of an existing database, a backup of it as it is (synchronous: see backup-sync.ts). */
function backUpBeforeMigrating(db: Db, file: string, upTo: number | undefined, now: Date): void {
  const from = schemaVersion(db);
  const to = Math.min(MIGRATIONS.at(-1)?.version ?? 0, upTo ?? Number.POSITIVE_INFINITY);
  if (from === 0 || from >= to) return; // nothing to keep yet, or nothing to do (or a newer schema: refused by migrate)
  try {
    makeBackupSync(file, `migration-${from}-to-${to}`, now);
  } catch (error) {
    if (error instanceof DamagedSourceError) throw new DamagedDatabaseError(file, error.message, { before: `the upgrade of its schema (${from} → ${to})` });
    throw new NotADatabaseError(`${file} was not upgraded (schema ${from} → ${to}): the backup before the upgrade failed (${(error as Error).message}); nothing was changed`);
  }
}

/**
 * Opens the library database read-only, for a process that is not the writer: it never changes the
 * file. A database on an older schema is brought up to date first when `migrateWith` can take the
 * writer lock (nobody writes); otherwise it is refused with a message. A data folder with no
 * database yet reads as an empty library (in memory), so that a process started while another one
 * creates the library shows nothing rather than failing.
 */
export function openReadOnlyDatabase(file: string, options: { migrateWith?: () => { release(): void } | null } = {}): Db {
  if (!existsSync(file)) {
    const empty = new Database(':memory:');
    migrate(empty, MIGRATIONS);
    return empty;
  }
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  let db = openReadOnly(file);
  const version = schemaVersion(db);
  if (version > latest) {
    db.close();
    throw new NotADatabaseError(`database schema ${version} is newer than this Keepsake (${latest})`);
  }
  if (version < latest) {
    db.close();
    const lock = options.migrateWith?.() ?? null;
    if (lock === null) throw new NotADatabaseError(`${file} needs an upgrade (schema ${version} → ${latest}), which only the process that holds the library can make; try again once it has finished`);
    try {
      openDatabase(file).close();
    } finally {
      lock.release();
    }
    db = openReadOnly(file);
  }
  return db;
}

function openReadOnly(file: string): Db {
  assertDatabaseFile(file);
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw unusable(file, error);
  }
  try {
    assertOurs(db, file);
    if ((db.pragma('user_version', { simple: true }) as number) === 0) throw new NotADatabaseError(`${file} is not a Keepsake database yet (nothing was written to it)`);
  } catch (error) {
    db.close();
    throw error;
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = MEMORY');
  return db;
}

/** Applies each pending migration in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[], upTo = Number.POSITIVE_INFINITY): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new NotADatabaseError(`database schema ${current} is newer than this Keepsake (${latest})`);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > upTo) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    // A no-op inside a transaction: hence set around it (SQLite's procedure for changing a table).
    if (migration.rebuildsTables === true) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(typeof migration.sql === 'string' ? migration.sql : migration.sql(db));
        if (migration.rebuildsTables === true) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${migration.version} (${migration.name}) would break ${broken.length} references`);
        }
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (migration.rebuildsTables === true) db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
    }
  }
}

/** The schema version a database is at. */
export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;
