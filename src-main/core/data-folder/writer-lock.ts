/**
 * One writer per data folder, across processes: the desktop app or one `keepsake` command writes a
 * library's database at a time; everyone else reads.
 *
 * The lock is SQLite's own file lock on `keepsake.lock`, held by a connection that stays inside
 * `BEGIN EXCLUSIVE` for as long as the process writes. That is a real OS lock (fcntl on Unix,
 * LockFileEx on Windows): the kernel drops it when the process dies, so a kill -9 leaves no stale
 * lock, and no clock, pid check or lease is involved. better-sqlite3 is already loaded, so this
 * adds no native module (a flock addon would need a rebuild for Electron's ABI). SQLite also keeps
 * the lock per file inside a process, so a second open in the same process is refused too.
 *
 * Who holds the lock is written to `keepsake.lock.json` after it is taken, only to name the holder
 * in a refusal; a stale file there (after a kill) is ignored because the lock is free.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCK_FILE, LOCK_HOLDER_FILE } from './data-folder-files.ts';

/** Who writes: the desktop app or a `keepsake` command. */
export interface LockHolder {
  readonly kind: 'app' | 'cli';
  readonly pid: number;
  /** What it is doing, for people: "the Keepsake app", "keepsake scan". */
  readonly command: string;
  readonly since: string;
}

/** A held writer lock. */
export interface WriterLock {
  readonly holder: LockHolder;
  /** Lets go of the lock (idempotent). */
  release(): void;
}

/** Thrown when another process holds the lock. `holder` is null when it did not say who it is (yet). */
export class LibraryInUseError extends Error {
  override readonly name = 'LibraryInUseError';
  readonly holder: LockHolder | null;
  constructor(holder: LockHolder | null, message = describeHolder(holder)) {
    super(message);
    this.holder = holder;
  }
}

/** "the Keepsake app (pid 4242)", "`keepsake scan` (pid 4242)", or "another Keepsake process". */
export function describeHolder(holder: LockHolder | null): string {
  if (holder === null) return 'this library is in use by another Keepsake process';
  const who = holder.kind === 'app' ? 'the Keepsake app' : `\`${holder.command}\``;
  return `this library is in use by ${who} (pid ${holder.pid})`;
}

/**
 * Takes the lock if it is free; null when another process (or another open in this process) holds it.
 * Creates the data folder if needed.
 */
export function tryTakeWriterLock(dataDir: string, who: Omit<LockHolder, 'pid' | 'since'>, now = new Date()): WriterLock | null {
  mkdirSync(dataDir, { recursive: true });
  // timeout 0: a held lock answers SQLITE_BUSY at once instead of after better-sqlite3's 5 s default.
  const connection = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    connection.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    connection.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
  const holder: LockHolder = { ...who, pid: process.pid, since: now.toISOString() };
  const holderFile = join(dataDir, LOCK_HOLDER_FILE);
  try {
    // Renamed into place so that a reader never sees half a file.
    writeFileSync(`${holderFile}.${process.pid}.tmp`, `${JSON.stringify(holder)}\n`);
    renameSync(`${holderFile}.${process.pid}.tmp`, holderFile);
  } catch {
    // Naming the holder is a courtesy; the lock holds without it.
  }
  let released = false;
  return {
    holder,
    release() {
      if (released) return;
      released = true;
      // Removed while still held: a later holder's file is never removed by us.
      rmSync(holderFile, { force: true });
      connection.close(); // ends the transaction, and with it the OS lock
    },
  };
}

/** Who holds the lock, as it said; null when nobody said (or the file is unreadable). */
export function readLockHolder(dataDir: string): LockHolder | null {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, LOCK_HOLDER_FILE), 'utf8')) as Partial<LockHolder>;
    if ((value.kind !== 'app' && value.kind !== 'cli') || typeof value.pid !== 'number' || typeof value.command !== 'string') return null;
    return { kind: value.kind, pid: value.pid, command: value.command, since: String(value.since ?? '') };
  } catch {
    return null;
  }
}

export interface TakeLockOptions {
  /** Wait until the lock is free instead of refusing. */
  readonly wait?: boolean;
  /** Called once when waiting starts, with who holds it. */
  readonly onWait?: (holder: LockHolder | null) => void;
  readonly signal?: AbortSignal;
  /** How often a waiting process tries again. */
  readonly pollMs?: number;
}

/** Takes the lock, or throws LibraryInUseError at once (or waits with `wait`). */
export async function takeWriterLock(dataDir: string, who: Omit<LockHolder, 'pid' | 'since'>, options: TakeLockOptions = {}): Promise<WriterLock> {
  let told = false;
  for (;;) {
    options.signal?.throwIfAborted();
    const lock = tryTakeWriterLock(dataDir, who);
    if (lock !== null) return lock;
    const holder = readLockHolder(dataDir);
    if (options.wait !== true) throw new LibraryInUseError(holder);
    if (!told) {
      told = true;
      options.onWait?.(holder);
    }
    await sleep(options.pollMs ?? 200, undefined, { signal: options.signal });
  }
}
