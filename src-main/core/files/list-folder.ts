import { opendirSync, statSync, type Dir } from 'node:fs';
import { join } from 'node:path';
import type { FileType } from '../../../src-shared/domain.ts';
import { classifyFile, isScannable, isScannableFolder } from './file-type.ts';

/** A file of a folder listing: what the walk compares to skip hashing it (the root is added by the caller). */
export interface ListedFile {
  readonly path: string;
  readonly type: FileType;
  readonly size: number;
  readonly mtimeMs: number;
  readonly dev: number;
  readonly ino: number;
}

/** One folder, read and stat'ed: its scannable files, its walkable subfolders, what could not be read. */
export interface FolderListing {
  readonly folder: string;
  readonly files: ListedFile[];
  readonly subfolders: string[];
  readonly errors: { readonly path: string; readonly message: string; readonly code?: string }[];
  /** The folder holds more than `maxFiles` files: the listing stopped there (the caller reads it itself). */
  readonly truncated: boolean;
}

const errorOf = (path: string, error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  return { path, message: e?.message ?? String(error), ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
};

/** An entry of a folder that the scan's walk cares about. */
export interface ScannableEntry {
  readonly path: string;
  readonly name: string;
  /** A walkable subfolder (else a file of a known type, to stat). */
  readonly isFolder: boolean;
}

/**
 * The entries of an open folder that a scan walks: subfolders that are not hidden or system ones,
 * and files of a known type. Symbolic links are neither (they are not followed). A read that fails
 * is reported and ends the folder. Shared by both walks (main thread and workers).
 */
export function* scannableEntries(dir: Dir, folder: string, onError: (path: string, error: unknown) => void): Generator<ScannableEntry> {
  for (;;) {
    let entry;
    try {
      entry = dir.readSync();
    } catch (error) {
      onError(folder, error);
      return;
    }
    if (entry === null) return;
    if (entry.isDirectory()) {
      if (isScannableFolder(entry.name)) yield { path: join(folder, entry.name), name: entry.name, isFolder: true };
    } else if (entry.isFile() && isScannable(entry.name)) {
      yield { path: join(folder, entry.name), name: entry.name, isFolder: false };
    }
  }
}

/**
 * Reads one folder the way the scan's walk does (see scannableEntries; only files stat'ed). Runs in
 * the file workers, so that on a rescan the stats of two folders are taken at once while the
 * main thread compares the previous folder's with the database. Stops at `maxFiles` files (a huge
 * folder is read by the caller in chunks).
 */
export function listFolder(folder: string, maxFiles: number): FolderListing {
  const listing: FolderListing = { folder, files: [], subfolders: [], errors: [], truncated: false };
  const onError = (path: string, error: unknown) => void listing.errors.push(errorOf(path, error));
  let dir;
  try {
    dir = opendirSync(folder, { bufferSize: 256 });
  } catch (error) {
    onError(folder, error);
    return listing;
  }
  try {
    for (const entry of scannableEntries(dir, folder, onError)) {
      if (entry.isFolder) {
        listing.subfolders.push(entry.path);
        continue;
      }
      if (listing.files.length >= maxFiles) return { ...listing, files: [], subfolders: [], truncated: true };
      let info;
      try {
        info = statSync(entry.path, { throwIfNoEntry: false });
      } catch (error) {
        onError(entry.path, error);
        continue;
      }
      if (info === undefined || !info.isFile()) continue; // gone since the folder was listed
      listing.files.push({ path: entry.path, type: classifyFile(entry.name), size: info.size, mtimeMs: info.mtimeMs, dev: info.dev, ino: info.ino });
    }
  } finally {
    dir.closeSync();
  }
  return listing;
}
