import { opendirSync, readdirSync, statSync, type Dir, type Dirent } from 'node:fs';
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
 * A folder whose directory is this big (bytes, as its stat says) is read entry by entry, so that a
 * huge one is not held in memory whole only to be handed back truncated. On ext4 about 100,000 names.
 */
const READ_WHOLE_BELOW = 4 * 1024 * 1024;

/**
 * Reads one folder the way the scan's walk does (see scannableEntries; only files stat'ed). Runs in
 * the file workers, so that on a rescan the stats of two folders are taken at once while the
 * main thread compares the previous folder's with the database. Stops at `maxFiles` files (a huge
 * folder is read by the caller in chunks).
 *
 * A folder of usual size is read whole, its names as strings (one call, no byte names to check: on
 * a rescan that halved the listing's own cost beside the stats); one with a name that may not be
 * UTF-8 (it decoded with U+FFFD) is read again byte-exact, entry by entry, as a huge one is.
 */
export function listFolder(folder: string, maxFiles: number): FolderListing {
  const listing: FolderListing = { folder, files: [], subfolders: [], errors: [], skipped: [], truncated: false };
  const onError = (path: string, error: unknown) => void listing.errors.push(errorOf(path, error));
  let entries: Dirent[] | null = null;
  try {
    if (statSync(folder).size < READ_WHOLE_BELOW) entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    onError(folder, error);
    return listing;
  }
  if (entries === null || entries.some((entry) => entry.name.includes('\uFFFD'))) return listFolderByEntry(folder, maxFiles, listing);
  // join(folder, name) for a plain name (no separator, not a dot name): the folder's normal form and a separator.
  const prefix = join(folder, '_').slice(0, -1);
  for (const entry of entries) {
    const name = entry.name;
    if (entry.isDirectory()) {
      if (isScannableFolder(name)) listing.subfolders.push(prefix + name);
      continue;
    }
    if (!isScannable(name)) continue;
    const path = prefix + name;
    if (!entry.isFile()) {
      if (!entry.isSymbolicLink()) listing.skipped.push({ path, reason: REASONS.notRegular });
      continue;
    }
    if (listing.files.length >= maxFiles) return { ...listing, files: [], subfolders: [], errors: [], skipped: [], truncated: true };
    statInto(listing, path, name, onError);
  }
  return listing;
}

/** Stats a listed file into the listing (a file gone since the folder was read is left out). */
function statInto(listing: FolderListing, path: string, name: string, onError: (path: string, error: unknown) => void): void {
  let info;
  try {
    info = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    onError(path, error);
    return;
  }
  if (info === undefined || !info.isFile()) return; // gone since the folder was listed
  listing.files.push({ path, type: classifyFile(name), size: info.size, mtimeMs: info.mtimeMs, dev: info.dev, ino: info.ino });
}

/** listFolder entry by entry, with names as bytes (see scannableEntries). */
function listFolderByEntry(folder: string, maxFiles: number, listing: FolderListing): FolderListing {
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
      statInto(listing, entry.path, entry.name, onError);
    }
  } finally {
    dir.closeSync();
  }
  return listing;
}
