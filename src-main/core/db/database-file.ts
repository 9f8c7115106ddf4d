/**
 * What a file must be before SQLite is let near it. Kept apart from open-database.ts (and SQLite)
 * so that the `keepsake` command can check a data folder before loading the engine.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** Thrown when a file is not a Keepsake database (or is from a newer Keepsake), or cannot be used as one. */
export class NotADatabaseError extends Error {
  override readonly name = 'NotADatabaseError';
}

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Refuses, without opening it as a database (SQLite would leave -wal and -shm files beside it), an
 * existing file that cannot be one: not a file, empty, or not starting like an SQLite file.
 */
export function assertDatabaseFile(file: string): void {
  const info = statSync(file);
  if (!info.isFile()) throw new NotADatabaseError(`${file} is not a Keepsake database (not a file)`);
  if (info.size === 0) throw new NotADatabaseError(`${file} is not a Keepsake database: it is empty (0 bytes); move it away to start a new library`);
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    readSync(fd, header, 0, header.length, 0);
  } catch (error) {
    throw new NotADatabaseError(`cannot read ${file}: ${(error as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw new NotADatabaseError(`${file} is not a Keepsake database (not an SQLite file); Keepsake leaves it untouched`);
}
