/**
 * The backups folder of a data folder (`backups/`): how a backup is named, listed, put in place
 * and pruned. Both ways of making one (make-backup.ts in a worker, backup-sync.ts for a schema
 * upgrade) write a temporary file here and hand it to `publishBackup`, so a backup is either
 * complete under its final name or not there at all.
 *
 * Only the process that holds the writer lock makes, prunes or restores backups; everyone may list them.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupsDirOf } from '../data-folder/data-folder-files.ts';

/** How many backups are kept: the newest ten, whatever they were made for. */
export const KEEP_BACKUPS = 10;

/** One backup of the database. */
export interface BackupInfo {
  /** The file name, e.g. `keepsake-delete-missing-20261201T120606Z.db` (what `keepsake restore` takes). */
  readonly name: string;
  readonly path: string;
  /** What it was made before: `delete-missing`, `delete-forever`, `migration-7-to-9`, `before-restore`. */
  readonly reason: string;
  /** When, to the second (ISO 8601, UTC), as its name says. */
  readonly createdAt: string;
  readonly bytes: number;
}

/** `keepsake-<reason>-<UTC time>[-<n>].db`; n tells apart two backups made in the same second. */
const BACKUP_NAME = /^keepsake-([a-z0-9]+(?:-[a-z0-9]+)*)-(\d{8}T\d{6}Z)(?:-(\d+))?\.db$/;
/** A backup being written: `.partial-<pid>-<random>.db` (and SQLite's journal beside it). */
const PARTIAL_NAME = /^\.partial-(\d+)-[a-z0-9]+\.db(?:-journal|-wal|-shm)?$/;
const REASON = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** 2026-12-01T12:06:06.123Z → 20261201T120606Z. */
export const backupStamp = (now: Date): string => now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');

interface ParsedName {
  readonly reason: string;
  readonly stamp: string;
  readonly seq: number;
}

function parseBackupName(name: string): ParsedName | null {
  const match = BACKUP_NAME.exec(name);
  if (match === null) return null;
  return { reason: match[1] as string, stamp: match[2] as string, seq: match[3] === undefined ? 1 : Number(match[3]) };
}

/** 20261201T120606Z → 2026-12-01T12:06:06Z. */
const isoOf = (stamp: string): string => `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;

/** The backups of a data folder, newest first (by the time in their names). Anything else in the folder is ignored. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDirOf(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no backups folder yet
  }
  const found: (BackupInfo & ParsedName)[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (parsed === null) continue;
    const path = join(dir, name);
    let bytes: number;
    try {
      const info = statSync(path);
      if (!info.isFile()) continue;
      bytes = info.size;
    } catch {
      continue; // pruned meanwhile
    }
    found.push({ name, path, createdAt: isoOf(parsed.stamp), bytes, ...parsed });
  }
  found.sort((a, b) => (a.stamp === b.stamp ? b.seq - a.seq : a.stamp < b.stamp ? 1 : -1));
  return found.map(({ name, path, reason, createdAt, bytes }) => ({ name, path, reason, createdAt, bytes }));
}

/**
 * The backup a user named, or null. The name must be one of the listed backups, taken as a bare
 * file name: nothing with a path separator or outside the backups folder is ever opened.
 */
export function findBackup(dataDir: string, name: string): BackupInfo | null {
  if (name.includes('/') || name.includes('\\') || parseBackupName(name) === null) return null;
  return listBackups(dataDir).find((backup) => backup.name === name) ?? null;
}

/** What a backup was made before, for people: "Delete Missing", "the schema upgrade 7 → 9", "a restore". */
export function describeReason(reason: string): string {
  const migration = /^migration-(\d+)-to-(\d+)$/.exec(reason);
  if (migration !== null) return `the schema upgrade ${migration[1]} → ${migration[2]}`;
  const known: Record<string, string> = { 'delete-missing': 'Delete Missing', 'delete-forever': 'Delete forever', 'before-restore': 'a restore' };
  return known[reason] ?? reason;
}

/** Refuses a reason that would not make a well-formed name. */
export function assertReason(reason: string): void {
  if (!REASON.test(reason)) throw new Error(`internal: bad backup reason "${reason}"`);
}

/** Where a backup is written before it is complete (created with the backups folder if needed). */
export function partialBackupPath(dataDir: string): string {
  const dir = backupsDirOf(dataDir);
  mkdirSync(dir, { recursive: true });
  return join(dir, `.partial-${process.pid}-${Math.random().toString(36).slice(2, 10)}.db`);
}

/** Removes a partial backup and whatever SQLite left beside it. */
export function removePartial(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Puts a complete, checked and fsynced backup in place under its final name, fsyncs the folder,
 * and prunes the folder to the newest KEEP_BACKUPS (never the ones in `spare`).
 */
export function publishBackup(dataDir: string, partial: string, reason: string, now: Date, spare: readonly string[] = []): BackupInfo {
  const dir = backupsDirOf(dataDir);
  const stamp = backupStamp(now);
  const sameSecond = readdirSync(dir).flatMap((entry) => {
    const parsed = parseBackupName(entry);
    return parsed !== null && parsed.stamp === stamp ? [parsed.seq] : [];
  });
  const seq = sameSecond.length === 0 ? 1 : Math.max(...sameSecond) + 1;
  const name = `keepsake-${reason}-${stamp}${seq === 1 ? '' : `-${seq}`}.db`;
  const path = join(dir, name);
  renameSync(partial, path);
  fsyncDir(dir);
  const bytes = statSync(path).size;
  pruneBackups(dataDir, [...spare, name]);
  return { name, path, reason, createdAt: isoOf(stamp), bytes };
}

/**
 * Keeps the newest KEEP_BACKUPS backups (and those in `spare`) and removes the rest, and the partial
 * files of processes that are gone (only the lock holder writes here, and this is it).
 */
export function pruneBackups(dataDir: string, spare: readonly string[] = []): string[] {
  const dir = backupsDirOf(dataDir);
  const removed: string[] = [];
  for (const backup of listBackups(dataDir).slice(KEEP_BACKUPS)) {
    if (spare.includes(backup.name)) continue;
    rmSync(backup.path, { force: true });
    removed.push(backup.name);
  }
  for (const name of readdirSync(dir)) {
    const partial = PARTIAL_NAME.exec(name);
    if (partial !== null && Number(partial[1]) !== process.pid) rmSync(join(dir, name), { force: true });
  }
  return removed;
}

/** Flushes a file's bytes to the disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename) to the disk, where the platform allows it (not on Windows). */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a folder; the rename itself is atomic still.
  } finally {
    closeSync(fd);
  }
}
