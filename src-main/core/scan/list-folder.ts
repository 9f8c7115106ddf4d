import { opendirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileType } from '../../../src-shared/domain.ts';
import { classifyFile, isScannable, isScannableFolder } from './classify.ts';

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

/**
 * Reads one folder the way the scan's walk does (hidden entries skipped, symbolic links not
 * followed, only files of a known type stat'ed). Runs in the hashing workers, so that on a rescan
 * the stats of two folders are taken at once while the main thread compares the previous folder's
 * with the database. Stops at `maxFiles` files (a huge folder is read by the caller in chunks).
 */
export function listFolder(folder: string, maxFiles: number): FolderListing {
  const listing: FolderListing = { folder, files: [], subfolders: [], errors: [], truncated: false };
  let dir;
  try {
    dir = opendirSync(folder, { bufferSize: 256 });
  } catch (error) {
    listing.errors.push(errorOf(folder, error));
    return listing;
  }
  try {
    for (;;) {
      let entry;
      try {
        entry = dir.readSync();
      } catch (error) {
        listing.errors.push(errorOf(folder, error));
        break;
      }
      if (entry === null) break;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (isScannableFolder(entry.name)) listing.subfolders.push(path);
        continue;
      }
      if (!entry.isFile() || !isScannable(entry.name)) continue;
      if (listing.files.length >= maxFiles) return { ...listing, files: [], subfolders: [], truncated: true };
      let info;
      try {
        info = statSync(path, { throwIfNoEntry: false });
      } catch (error) {
        listing.errors.push(errorOf(path, error));
        continue;
      }
      if (info === undefined || !info.isFile()) continue; // gone since the folder was listed
      listing.files.push({ path, type: classifyFile(entry.name), size: info.size, mtimeMs: info.mtimeMs, dev: info.dev, ino: info.ino });
    }
  } finally {
    dir.closeSync();
  }
  return listing;
}
