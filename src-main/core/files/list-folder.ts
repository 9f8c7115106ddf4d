import { opendirSync, statSync, type Dir } from 'node:fs';
import { join, sep } from 'node:path';
import type { FileType } from '../../../src-shared/domain.ts';
import { classifyFile, isScannable, isScannableFolder } from './file-type.ts';
import { isValidUtf8, readableName, REASONS } from './scan-problems.ts';

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
  /** Entries the scan would import but cannot (a name that is not UTF-8, a FIFO named .jpg): what and why. */
  readonly skipped: SkippedEntry[];
  /** The folder holds more than `maxFiles` files: the listing stopped there (the caller reads it itself). */
  readonly truncated: boolean;
}

const errorOf = (path: string, error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  return { path, message: e?.message ?? String(error), ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
};

/** An entry of a folder that the scan would import but cannot: its readable path, its bytes, why. */
export interface SkippedEntry {
  /** Readable form (bytes that are not UTF-8 as \xNN, see readableName). */
  readonly path: string;
  /** The path's exact bytes, when the readable form is not the path itself. */
  readonly rawPath?: Uint8Array;
  readonly reason: string;
}

/**
 * Opens a folder so that its entries' names come as bytes (`encoding: 'buffer'`): a name that is
 * not valid UTF-8 would otherwise be decoded with U+FFFD, a path that does not exist.
 */
export function openFolder(folder: string): Dir {
  // The types allow only string encodings here; Node's opendir takes 'buffer' like readdir does.
  return opendirSync(folder, { bufferSize: 256, encoding: 'buffer' as BufferEncoding });
}

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
 *
 * Such an entry that cannot be imported is handed to `onSkipped` with its reason: a name that is not
 * valid UTF-8 (the core's paths are strings and its keys SQLite TEXT, which cannot hold it; its
 * folder is not walked either), or something that is not a regular file (a FIFO, socket or device
 * named like a photo). Names come as bytes when the folder was opened with openFolder.
 */
export function* scannableEntries(
  dir: Dir,
  folder: string,
  onError: (path: string, error: unknown) => void,
  onSkipped: (entry: SkippedEntry) => void = () => undefined,
): Generator<ScannableEntry> {
  for (;;) {
    let entry;
    try {
      entry = dir.readSync();
    } catch (error) {
      onError(folder, error);
      return;
    }
    if (entry === null) return;
    const raw = entry.name as string | Buffer;
    const valid = typeof raw === 'string' || isValidUtf8(raw);
    const name = typeof raw === 'string' ? raw : valid ? raw.toString('utf8') : readableName(raw);
    const isFolder = entry.isDirectory();
    const wanted = isFolder ? isScannableFolder(name) : isScannable(name);
    if (!wanted) continue;
    const path = join(folder, name);
    if (!valid) {
      onSkipped({ path, rawPath: Buffer.concat([Buffer.from(folder.endsWith(sep) ? folder : folder + sep), raw as Buffer]), reason: REASONS.notUtf8 });
    } else if (isFolder || entry.isFile()) {
      yield { path, name, isFolder };
    } else if (!entry.isSymbolicLink()) {
      onSkipped({ path, reason: REASONS.notRegular });
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
  const listing: FolderListing = { folder, files: [], subfolders: [], errors: [], skipped: [], truncated: false };
  const onError = (path: string, error: unknown) => void listing.errors.push(errorOf(path, error));
  const onSkipped = (entry: SkippedEntry) => void listing.skipped.push(entry);
  let dir;
  try {
    dir = openFolder(folder);
  } catch (error) {
    onError(folder, error);
    return listing;
  }
  try {
    for (const entry of scannableEntries(dir, folder, onError, onSkipped)) {
      if (entry.isFolder) {
        listing.subfolders.push(entry.path);
        continue;
      }
      if (listing.files.length >= maxFiles) return { ...listing, files: [], subfolders: [], errors: [], skipped: [], truncated: true };
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
