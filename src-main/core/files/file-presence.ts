import { chunked } from '../db/chunked-keys.ts';
import type { Db } from '../db/open-database.ts';
import { preparedOnce } from '../db/prepared.ts';
import { refreshAvailability, refreshLonePhotos, refreshPhotosOfGoneFiles } from '../photos/availability.ts';
import { chooseMainFiles, type MainFileChange } from '../photos/main-file.ts';

/** A file seen again: where it is now, and its stat when that is new. */
export interface FoundFile {
  readonly hash: string;
  /** Its path now; left out: where its row says. */
  readonly path?: string;
  /** Its root now (null: none); left out: unchanged. */
  readonly rootId?: number | null;
  /** Its stat now; left out: the row's stands (it came back as it was). */
  readonly stat?: { readonly size: number; readonly mtimeMs: number; readonly dev: number | null; readonly ino: number | null };
}

/** A set of keys as the one `json_each` parameter a set statement takes (not one bound parameter per key). */
const asJson = (values: readonly unknown[]): string => JSON.stringify(values);

const LISTED = `hash IN (SELECT value FROM json_each(@hashes)) AND library_id = @libraryId`;

const FLAG_MISSING = `UPDATE files SET missing = 1, missing_since = coalesce(missing_since, @stamp), unreadable = 0
  WHERE ${LISTED} AND missing = 0`;
/**
 * The same by path, in chunks of literal keys (db/chunked-keys.ts): rows stored side by side in path
 * order, not one random lookup by hash each, and no JSON to parse. The hashes and roots of the rows
 * it flags are read first, by the same WHERE (RETURNING measured slower than that read): the settle
 * then needs nothing more of these rows.
 */
const presentAtSql = (list: string) => `SELECT hash, root_id FROM files WHERE library_id = ? AND path IN (${list}) AND missing = 0`;
const flagMissingAtSql = (list: string) => `UPDATE files SET missing = 1, missing_since = coalesce(missing_since, ?), unreadable = 0
  WHERE library_id = ? AND path IN (${list}) AND missing = 0`;
const FLAG_UNREADABLE = `UPDATE files SET unreadable = 1 WHERE ${LISTED} AND unreadable = 0`;
const FLAG_READABLE = `UPDATE files SET unreadable = 0 WHERE ${LISTED} AND unreadable = 1`;
/**
 * Present again, at the given path / root / stat where one is given. One run per file: each carries
 * its own values, and a set statement over a JSON table of them (UPDATE … FROM) measured slower —
 * 15 µs a file at 10,000, 140 µs for one alone — than this prepared statement run per file (9 µs).
 */
const FLAG_FOUND = `
  UPDATE files SET
    path = coalesce(@path, path),
    root_id = CASE WHEN @hasRoot THEN @rootId ELSE root_id END,
    size = CASE WHEN @hasStat THEN @size ELSE size END,
    mtime_ms = CASE WHEN @hasStat THEN @mtimeMs ELSE mtime_ms END,
    dev = CASE WHEN @hasStat THEN @dev ELSE dev END,
    ino = CASE WHEN @hasStat THEN @ino ELSE ino END,
    missing = 0, missing_since = NULL, unreadable = 0
  WHERE hash = @hash AND library_id = @libraryId`;
/**
 * Files back as they were (no new path, root or stat: a folder moved back): one set statement per
 * chunk. It names none of path, root_id or size, so no per-row trigger even looks at them. The `+`
 * keeps SQLite from reading the library's every row by the key's first column instead of the list.
 */
const flagBackSql = (list: string) => `UPDATE files SET missing = 0, missing_since = NULL, unreadable = 0 WHERE hash IN (${list}) AND +library_id = ?`;
/** One file flagged missing: below FEW_FILES, a key lookup each beats building a set to join. */
const FLAG_ONE_MISSING = `UPDATE files SET missing = 1, missing_since = coalesce(missing_since, @stamp), unreadable = 0
  WHERE hash = @hash AND library_id = @libraryId AND missing = 0`;
const FEW_FILES = 16;

/**
 * Where a file is marked missing, present again, unreadable or readable: the only code that writes
 * `files.missing`, `files.missing_since` and `files.unreadable`. Scan Photos, Scan for Missing and
 * the media handler's "file gone" report all flag through it, and so will the watcher.
 *
 * A flag takes effect at once (later reads in the same transaction see it). Each call takes a list;
 * a set of files flagged alike is written by one statement per chunk of the set (a few: a key lookup
 * each), found files with a new path or stat by one prepared run each, which measured faster.
 * `settle()`, in the same transaction, then gives every photo touched since the last settle its
 * main file (photos/main-file.ts) and its availability (photos/availability.ts): once per batch, not
 * once per file. The photos touched are those the flagged files are linked to — a photo's main file
 * is one of its linked files; the only unlinked ones are files an older version detached when they
 * went missing, and flagging those changes no photo. A file that goes missing stays linked to its
 * photo, for history; the rules simply stop counting it.
 */
export class FilePresence {
  readonly #db: Db;
  readonly #libraryId: number;
  readonly #now: () => Date;
  /** Files flagged missing by hash since the last settle. */
  readonly #gone = new Set<string>();
  /** Files flagged missing by path since the last settle, with their root (read by the flag). */
  readonly #goneAt = new Map<string, number | null>();
  /** Files flagged found since the last settle. */
  readonly #found = new Set<string>();
  /** Photos the caller changed otherwise (a new link, a new main candidate). */
  readonly #photos = new Set<string>();

  constructor(db: Db, libraryId: number, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#libraryId = libraryId;
    this.#now = now;
  }

  /** Files whose path is gone. Returns how many were present until now. */
  flagMissing(hashes: readonly string[]): number {
    if (hashes.length === 0) return 0;
    for (const hash of hashes) this.#gone.add(hash);
    const stamp = this.#now().toISOString();
    if (hashes.length < FEW_FILES) {
      let changed = 0;
      for (const hash of hashes) changed += preparedOnce(this.#db, FLAG_ONE_MISSING).run({ hash, libraryId: this.#libraryId, stamp }).changes;
      return changed;
    }
    return preparedOnce(this.#db, FLAG_MISSING).run({ hashes: asJson(hashes), libraryId: this.#libraryId, stamp }).changes;
  }

  /** The files recorded at these paths (best in path order) are gone. Returns how many were present until now. */
  flagMissingAt(paths: readonly string[]): number {
    const stamp = this.#now().toISOString();
    let changed = 0;
    chunked(this.#db, paths, presentAtSql, (statement, part) => {
      const rows = statement.raw().all(this.#libraryId, ...part) as [string, number | null][];
      for (const [hash, rootId] of rows) this.#goneAt.set(hash, rootId);
      changed += rows.length;
    });
    if (changed > 0) chunked(this.#db, paths, flagMissingAtSql, (statement, part) => statement.run(stamp, this.#libraryId, ...part));
    return changed;
  }

  /** Files seen again (at a new path, or where they were): present and readable, with their new stat. */
  flagFound(files: readonly FoundFile[]): number {
    let changed = 0;
    const asTheyWere: string[] = [];
    for (const file of files) {
      this.#found.add(file.hash);
      const stat = file.stat;
      if (file.path === undefined && file.rootId === undefined && stat === undefined) {
        asTheyWere.push(file.hash);
        continue;
      }
      changed += preparedOnce(this.#db, FLAG_FOUND).run({
        hash: file.hash,
        libraryId: this.#libraryId,
        path: file.path ?? null,
        hasRoot: file.rootId === undefined ? 0 : 1,
        rootId: file.rootId ?? null,
        hasStat: stat === undefined ? 0 : 1,
        size: stat?.size ?? null,
        mtimeMs: stat?.mtimeMs ?? null,
        dev: stat?.dev ?? null,
        ino: stat?.ino ?? null,
      }).changes;
    }
    chunked(this.#db, asTheyWere, flagBackSql, (statement, part) => {
      changed += statement.run(...part, this.#libraryId).changes;
    });
    return changed;
  }

  /**
   * Files that are there but may not be read (permission denied): never missing over it. Neither
   * rule looks at `unreadable`, so no photo needs settling for it.
   */
  flagUnreadable(hashes: readonly string[]): number {
    if (hashes.length === 0) return 0;
    return preparedOnce(this.#db, FLAG_UNREADABLE).run({ hashes: asJson(hashes), libraryId: this.#libraryId }).changes;
  }

  /** Files that may be read again. */
  flagReadable(hashes: readonly string[]): number {
    if (hashes.length === 0) return 0;
    return preparedOnce(this.#db, FLAG_READABLE).run({ hashes: asJson(hashes), libraryId: this.#libraryId }).changes;
  }

  /** Photos whose files changed otherwise (linked, replaced): settled with the flagged ones. */
  photosChanged(imageHashes: Iterable<string>): void {
    for (const imageHash of imageHashes) this.#photos.add(imageHash);
  }

  /**
   * Gives every photo touched since the last settle its main file, then its availability. Photos
   * with one file — a moved folder's, nearly always — are refreshed set-based from that file alone
   * (photos/availability.ts: refreshPhotosOfGoneFiles for files flagged by path, whose roots the
   * flag read; refreshLonePhotos, which reads the rows, for the rest): their main file cannot change.
   * Of the others, a photo whose files only went missing is settled the other way round:
   * availability first, then a main file only if it is still present (else it has none to choose).
   * Returns the photos whose main file changed.
   */
  settle(): MainFileChange[] {
    const now = this.#now();
    const db = this.#db;
    const libraryId = this.#libraryId;
    const changed = new Set(this.#photos);
    for (const imageHash of refreshLonePhotos(db, libraryId, [...this.#found], now)) changed.add(imageHash);
    // A file found again after it was flagged by path is settled as found, from its row.
    for (const hash of this.#found) this.#goneAt.delete(hash);
    const gone = [...refreshPhotosOfGoneFiles(db, libraryId, this.#goneAt, now), ...refreshLonePhotos(db, libraryId, [...this.#gone], now)];
    // Sorted, the photos are visited in key order: neighbouring rows share pages, and the Missing
    // view's index gets its new entries in order instead of scattered (measured: a third faster).
    const goneOnly = [...new Set(gone)].filter((imageHash) => !changed.has(imageHash)).sort();
    this.#gone.clear();
    this.#goneAt.clear();
    this.#found.clear();
    this.#photos.clear();
    const changes: MainFileChange[] = [];
    if (changed.size > 0) {
      const list = [...changed].sort();
      changes.push(...chooseMainFiles(db, libraryId, list));
      refreshAvailability(db, libraryId, list, now);
    }
    if (goneOnly.length > 0) {
      refreshAvailability(db, libraryId, goneOnly, now);
      const late = chooseMainFiles(db, libraryId, goneOnly, { presentOnly: true });
      // A photo that had no main file and now has one may have become present.
      refreshAvailability(db, libraryId, late.map((change) => change.imageHash), now);
      changes.push(...late);
    }
    return changes;
  }
}
