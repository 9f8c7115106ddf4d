import { sep } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { FileType } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import type { Description } from '../file-workers/file-worker-messages.ts';
import { browseColumns } from '../photos/browse-columns.ts';
import type { SeenFile } from './walk-folders.ts';

/** A `files` row as the scan compares it. */
export interface FileRow extends StatRow {
  readonly hash: string;
  readonly path: string;
  readonly type: FileType;
}

/**
 * What a rescan compares a walked file with (filesIn): its stored stat and flags. The hash and type
 * are read for the few rows that differ (fileAt): for a folder of unchanged files, reading them was
 * half of a fresh process's comparison (100,000 rows: ~150 ms with them, ~75 ms without).
 */
export interface StatRow {
  readonly size: number;
  readonly mtime_ms: number;
  readonly ino: number | null;
  readonly missing: 0 | 1;
  readonly unreadable: 0 | 1;
  readonly root_id: number | null;
}

/** A `file_copies` row: another place where a known file's content lives. */
export interface CopyRow {
  readonly hash: string;
  readonly path: string;
  readonly size: number;
  readonly mtime_ms: number;
  readonly ino: number | null;
}

/** A photo a file belongs to. */
export interface PhotoLink {
  readonly image_hash: string;
  readonly main_file: string | null;
  readonly in_trashcan: 0 | 1;
}

/** A file of the same folder and stem, with its photo if it has one. */
export interface StemSibling {
  readonly hash: string;
  readonly path: string;
  readonly type: FileType;
  readonly image_hash: string | null;
  readonly main_type: FileType | null;
}

/** Whether what the walk saw matches what the database holds, so the file need not be hashed. */
export function sameStat(row: { size: number; mtime_ms: number; ino: number | null }, seen: SeenFile): boolean {
  return row.size === seen.size && row.mtime_ms === seen.mtimeMs && (row.ino === null || row.ino === seen.ino);
}

/**
 * Every statement the scan runs on rows, prepared once per scan: a scan of a million files runs them
 * millions of times, so none is built per file. Presence flags (missing, found, unreadable) are not
 * here: they are the file-presence module's (files/file-presence.ts).
 */
export class ScanStore {
  readonly db: Db;
  readonly libraryId: number;
  readonly #byPath: Statement;
  readonly #copyByPath: Statement;
  readonly #queueDescribe: Statement;
  /** The library had copies when the scan began (most have none: two lookups per new file saved). */
  readonly #hadCopies: boolean;
  readonly #inFolder: Statement;
  readonly #byHash: Statement;
  readonly #insertFile: Statement;
  readonly #insertPhoto: Statement;
  readonly #insertBrowsablePhoto: Statement;
  readonly #rootPaths: ReadonlyMap<number, string>;
  /** The file inserted last: the new photo that follows usually has it as its main file. */
  #lastFile: { readonly hash: string; readonly path: string; readonly rootId: number | null } | null = null;
  readonly #link: Statement;
  readonly #photosOf: Statement;
  readonly #untrash: Statement;
  readonly #otherFiles: Statement;
  readonly #insertCopy: Statement;
  readonly #deleteCopy: Statement;
  readonly #copiesOf: Statement;
  readonly #siblings: Statement;
  readonly #describe: Statement;
  readonly #fileError: Statement;
  readonly #sidecar: Statement;
  readonly #deleteFile: Statement;
  readonly #mainsOf: Statement;
  readonly #linksOf: Statement;

  constructor(db: Db, libraryId: number) {
    this.db = db;
    this.libraryId = libraryId;
    const cols = 'hash, path, type, size, mtime_ms, ino, missing, unreadable, root_id';
    this.#byPath = db.prepare(`SELECT ${cols} FROM files WHERE library_id = ? AND path = ?`);
    // Direct children of a folder: one index range (descendants are skipped inside SQLite, not in JS).
    this.#inFolder = db.prepare(`SELECT path, size, mtime_ms, ino, missing, unreadable, root_id FROM files
      WHERE library_id = @libraryId AND path > @low AND path < @high AND instr(substr(path, @start), @sep) = 0`);
    this.#hadCopies = db.prepare('SELECT EXISTS (SELECT 1 FROM file_copies WHERE library_id = ?)').pluck().get(libraryId) === 1;
    this.#copyByPath = db.prepare('SELECT hash, path, size, mtime_ms, ino FROM file_copies WHERE library_id = ? AND path = ?');
    this.#byHash = db.prepare(`SELECT ${cols} FROM files WHERE hash = ? AND library_id = ?`);
    this.#insertFile = db.prepare(`INSERT INTO files (hash, library_id, root_id, path, type, size, mtime_ms, dev, ino, error)
      VALUES (@hash, @libraryId, @rootId, @path, @type, @size, @mtimeMs, @dev, @ino, @error)`);
    this.#insertPhoto = db.prepare(`INSERT INTO photos (image_hash, library_id, main_file, added_at, needs_describe) VALUES (?, ?, ?, ?, ?)`);
    // With its browse columns when its main file was just inserted (the usual case): see browse-columns.ts.
    this.#insertBrowsablePhoto = db.prepare(`INSERT INTO photos (image_hash, library_id, main_file, added_at, needs_describe, main_dir, main_name, search_text)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#rootPaths = new Map((db.prepare('SELECT id, path FROM roots WHERE library_id = ?').all(libraryId) as { id: number; path: string }[]).map((root) => [root.id, root.path]));
    this.#queueDescribe = db.prepare('UPDATE photos SET needs_describe = 1 WHERE image_hash = ? AND library_id = ?');
    this.#link = db.prepare('INSERT OR IGNORE INTO photo_files (image_hash, file_hash) VALUES (?, ?)');
    this.#photosOf = db.prepare(`SELECT p.image_hash, p.main_file, p.in_trashcan FROM photo_files pf
      JOIN photos p ON p.image_hash = pf.image_hash WHERE pf.file_hash = ? AND p.library_id = ?`);
    this.#untrash = db.prepare('UPDATE photos SET in_trashcan = 0, trashed_at = NULL WHERE image_hash = ? AND library_id = ?');
    this.#otherFiles = db.prepare(`SELECT f.hash, f.path, f.type, f.size, f.mtime_ms, f.ino, f.missing, f.unreadable, f.root_id
      FROM photo_files pf JOIN files f ON f.hash = pf.file_hash WHERE pf.image_hash = ? AND f.hash <> ?`);
    this.#insertCopy = db.prepare(`INSERT OR REPLACE INTO file_copies (library_id, path, hash, size, mtime_ms, dev, ino)
      VALUES (@libraryId, @path, @hash, @size, @mtimeMs, @dev, @ino)`);
    this.#deleteCopy = db.prepare('DELETE FROM file_copies WHERE library_id = ? AND path = ?');
    this.#copiesOf = db.prepare('SELECT hash, path, size, mtime_ms, ino FROM file_copies WHERE hash = ? AND library_id = ?');
    this.#siblings = db.prepare(`SELECT f.hash, f.path, f.type, pf.image_hash, m.type AS main_type FROM files f
      LEFT JOIN photo_files pf ON pf.file_hash = f.hash
      LEFT JOIN photos p ON p.image_hash = pf.image_hash
      LEFT JOIN files m ON m.hash = p.main_file
      WHERE f.library_id = ? AND f.path >= ? AND f.path < ?`);
    // A thumbnail that could not be made now keeps the one there was (and its size and version).
    this.#describe = db.prepare(`UPDATE photos SET captured_at = coalesce(@capturedAt, captured_at),
      width = coalesce(@width, width), height = coalesce(@height, height),
      has_thumbnail = CASE WHEN @hasThumbnail = 1 THEN 1 ELSE has_thumbnail END,
      thumbnail_width = CASE WHEN @hasThumbnail = 1 THEN @thumbnailWidth ELSE thumbnail_width END,
      thumbnail_height = CASE WHEN @hasThumbnail = 1 THEN @thumbnailHeight ELSE thumbnail_height END,
      thumbnail_version = CASE WHEN @hasThumbnail = 1 OR has_thumbnail = 0 THEN @thumbnailVersion ELSE thumbnail_version END,
      duration_s = coalesce(@durationS, duration_s), needs_describe = 0
      WHERE image_hash = @imageHash AND library_id = @libraryId`);
    this.#fileError = db.prepare('UPDATE files SET error = ? WHERE hash = ? AND library_id = ?');
    this.#sidecar = db.prepare(`UPDATE photos SET
      rating = CASE WHEN rating = 0 AND @rating IS NOT NULL THEN @rating ELSE rating END,
      caption = CASE WHEN caption = '' AND @caption IS NOT NULL THEN @caption ELSE caption END,
      captured_at = coalesce(captured_at, @capturedAt)
      WHERE image_hash = @imageHash AND library_id = @libraryId`);
    this.#deleteFile = db.prepare('DELETE FROM files WHERE hash = ? AND library_id = ?');
    this.#mainsOf = db.prepare('SELECT image_hash FROM photos WHERE main_file = ? AND library_id = ?');
    this.#linksOf = db.prepare('SELECT image_hash FROM photo_files WHERE file_hash = ?');
  }

  fileAt(path: string): FileRow | undefined {
    return this.#byPath.get(this.libraryId, path) as FileRow | undefined;
  }
  /** The stat and flags of every file row directly in `folder`, by path: one query instead of one per file. */
  filesIn(folder: string): Map<string, StatRow> {
    const low = folder + sep;
    const high = folder + String.fromCharCode(sep.charCodeAt(0) + 1);
    const rows = this.#inFolder.all({ libraryId: this.libraryId, low, high, start: low.length + 1, sep }) as (StatRow & { path: string })[];
    return new Map(rows.map((row) => [row.path, row]));
  }
  /** The copy recorded at `path`. Only copies from earlier scans can be asked for: a scan sees each path once. */
  copyAt(path: string): CopyRow | undefined {
    if (!this.#hadCopies) return undefined;
    return this.#copyByPath.get(this.libraryId, path) as CopyRow | undefined;
  }
  /** Drops the copy an earlier scan recorded at `path`, if any (the path now holds a file of its own). */
  forgetCopyAt(path: string): void {
    if (this.#hadCopies) this.#deleteCopy.run(this.libraryId, path);
  }
  file(hash: string): FileRow | undefined {
    return this.#byHash.get(hash, this.libraryId) as FileRow | undefined;
  }
  /** A new file row; `error` when it is already known that it cannot be decoded. */
  insertFile(hash: string, seen: SeenFile, error: string | null = null): void {
    this.#insertFile.run({ hash, libraryId: this.libraryId, rootId: seen.rootId, path: seen.path, type: seen.type, size: seen.size, mtimeMs: seen.mtimeMs, dev: seen.dev, ino: seen.ino, error });
    this.#lastFile = { hash, path: seen.path, rootId: seen.rootId ?? null };
  }
  /** A new photo; `needsDescribe`: it waits for its thumbnail and date (see queueDescribe). */
  insertPhoto(imageHash: string, mainFile: string, addedAt: string, needsDescribe: boolean): void {
    const file = this.#lastFile;
    if (file === null || file.hash !== mainFile) {
      this.#insertPhoto.run(imageHash, this.libraryId, mainFile, addedAt, needsDescribe ? 1 : 0);
      return;
    }
    const { mainDir, mainName, searchText } = browseColumns(file.path, file.rootId === null ? null : (this.#rootPaths.get(file.rootId) ?? null));
    this.#insertBrowsablePhoto.run(imageHash, this.libraryId, mainFile, addedAt, needsDescribe ? 1 : 0, mainDir, mainName, searchText);
  }
  /** The photo waits for its thumbnail and date (a new photo waits from its insert). */
  queueDescribe(imageHash: string): void {
    this.#queueDescribe.run(imageHash, this.libraryId);
  }
  link(imageHash: string, fileHash: string): void {
    this.#link.run(imageHash, fileHash);
  }
  photosOf(fileHash: string): PhotoLink[] {
    return this.#photosOf.all(fileHash, this.libraryId) as PhotoLink[];
  }
  untrash(imageHash: string): void {
    this.#untrash.run(imageHash, this.libraryId);
  }
  otherFiles(imageHash: string, exceptHash: string): FileRow[] {
    return this.#otherFiles.all(imageHash, exceptHash) as FileRow[];
  }
  insertCopy(hash: string, seen: SeenFile): void {
    this.#insertCopy.run({ libraryId: this.libraryId, path: seen.path, hash, size: seen.size, mtimeMs: seen.mtimeMs, dev: seen.dev, ino: seen.ino });
  }
  deleteCopy(path: string): void {
    this.#deleteCopy.run(this.libraryId, path);
  }
  copiesOf(hash: string): CopyRow[] {
    return this.#copiesOf.all(hash, this.libraryId) as CopyRow[];
  }
  siblings(low: string, high: string): StemSibling[] {
    return this.#siblings.all(this.libraryId, low, high) as StemSibling[];
  }
  describe(imageHash: string, values: Description): void {
    this.#describe.run({
      imageHash, libraryId: this.libraryId, capturedAt: values.capturedAt, width: values.width, height: values.height,
      hasThumbnail: values.hasThumbnail ? 1 : 0, thumbnailWidth: values.thumbnailWidth, thumbnailHeight: values.thumbnailHeight,
      thumbnailVersion: values.thumbnailVersion, durationS: values.durationS,
    });
  }
  setFileError(hash: string, error: string | null): void {
    this.#fileError.run(error, hash, this.libraryId);
  }
  applySidecar(imageHash: string, values: { rating: number | null; caption: string | null; capturedAt: string | null }): void {
    this.#sidecar.run({ imageHash, libraryId: this.libraryId, ...values });
  }
  deleteFile(hash: string): void {
    this.#deleteFile.run(hash, this.libraryId);
  }
  photosWithMain(fileHash: string): string[] {
    return (this.#mainsOf.all(fileHash, this.libraryId) as { image_hash: string }[]).map((row) => row.image_hash);
  }
  linkedPhotos(fileHash: string): string[] {
    return (this.#linksOf.all(fileHash) as { image_hash: string }[]).map((row) => row.image_hash);
  }
}
