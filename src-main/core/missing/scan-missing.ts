import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import type { FileType, ScanMissingResult } from '../../../src-shared/domain.ts';
import { fileHash, md5File } from '../hashing/hash-file.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { probeLibraryRoots } from '../volumes/probe-root.ts';

/** Files checked per page (LibrePhotos' page size): one read, one write transaction and one progress event each. */
export const MISSING_PAGE = 5000;

/** Which file becomes a photo's main file when its main file is gone: a picture, else a video, else a RAW. */
const MAIN_RANK: Readonly<Record<FileType, number>> = { IMAGE: 0, VIDEO: 1, RAW_FILE: 2, METADATA_FILE: 9, UNKNOWN: 9 };

/** What a stat found: the file's stat, 'gone', or 'unreadable' (permission denied is never "gone"). */
export type StatOutcome = Stats | 'gone' | 'unreadable';

/** The real stat: cheap and synchronous (no promise per file: the job checks hundreds of thousands per second). */
export function statForMissing(path: string): StatOutcome {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined) return 'gone';
    return info.isFile() ? info : 'gone';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'gone';
    // EACCES, EPERM and anything else we cannot tell apart from "there but unreachable": never lose the file over it.
    return 'unreadable';
  }
}

/** A folder's file names, or why it cannot be listed. */
export type Listing = Set<string> | 'gone' | 'unlistable';

/** Lists a folder's entries that may be files (symlinks and unknown types included: a stat settles those). */
export function listForMissing(folder: string): Listing {
  try {
    const names = new Set<string>();
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory()) names.add(entry.name);
    }
    return names;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'gone' : 'unlistable';
  }
}

/** Rows of one page in one folder from which listing the folder beats a stat per file. */
const LIST_FROM = 4;

/** Test hooks: an injected stat / folder listing (to simulate permission denied as root) and hash. */
export interface ScanMissingOptions {
  readonly stat?: (path: string) => StatOutcome;
  /** Folder listing; when `stat` is injected and this is not, every file is stat'ed. */
  readonly list?: (folder: string) => Listing;
  readonly md5?: (path: string) => Promise<string>;
  /**
   * Folders a Scan Photos just walked and found whole (every row present, unchanged): their rows
   * count as checked without a listing or a stat.
   */
  readonly verifiedFolders?: ReadonlySet<string>;
}

/** One row of a page: [hash, path, type, size, mtime_ms, missing, unreadable, root_id]. */
type Row = [string, string, FileType, number, number, 0 | 1, 0 | 1, number | null];

/**
 * Scan for Missing Photos: checks every file of the library under an online root. A file that is
 * gone is flagged missing (kept linked to its photo, for history; the missing rule stops counting
 * it) and, when it was a photo's main file, the main file moves to another present file. A file
 * whose path is back is attached again (same size and mtime, else only when its hash matches).
 * Permission denied flags the file unreadable, never missing. Works in keyset-paginated pages of
 * 5,000, one transaction each, cancellable between pages; files of offline roots are not touched.
 */
export async function scanMissing(ctx: JobContext, options: ScanMissingOptions = {}): Promise<ScanMissingResult> {
  const { db, libraryId, signal } = ctx;
  const stat = options.stat ?? statForMissing;
  const md5 = options.md5 ?? md5File;
  const list = options.list ?? (options.stat === undefined ? listForMissing : undefined);
  const verified = options.verifiedFolders ?? new Set<string>();
  // Listings live while pages keep touching their folder: one readdir answers for thousands of files.
  let listings = new Map<string, Listing>();
  signal.throwIfAborted();
  const roots = await probeLibraryRoots(db, libraryId, ctx.now());
  const online = new Set(roots.filter((root) => root.state === 'online').map((root) => root.id));

  const page = db.prepare(`SELECT hash, path, type, size, mtime_ms, missing, unreadable, root_id FROM files
    WHERE library_id = ? AND path > ? ORDER BY path LIMIT ${MISSING_PAGE}`).raw();
  const total = (db.prepare('SELECT count(*) FROM files WHERE library_id = ?').pluck().get(libraryId) as number);
  const markMissing = db.prepare('UPDATE files SET missing = 1, missing_since = coalesce(missing_since, ?), unreadable = 0 WHERE hash = ?');
  const markUnreadable = db.prepare('UPDATE files SET unreadable = 1 WHERE hash = ?');
  const markReadable = db.prepare('UPDATE files SET unreadable = 0 WHERE hash = ?');
  const restore = db.prepare('UPDATE files SET missing = 0, missing_since = NULL, unreadable = 0, size = ?, mtime_ms = ?, dev = ?, ino = ? WHERE hash = ?');
  const moveToCopy = db.prepare('UPDATE files SET path = ?, size = ?, mtime_ms = ?, dev = ?, ino = ?, missing = 0, missing_since = NULL, unreadable = 0 WHERE hash = ?');
  const copiesOf = db.prepare('SELECT path, size FROM file_copies WHERE hash = ? AND library_id = ?');
  const deleteCopy = db.prepare('DELETE FROM file_copies WHERE library_id = ? AND path = ?');
  const photosOf = db.prepare('SELECT image_hash FROM photo_files WHERE file_hash = ?').pluck();
  const mainOf = db.prepare(`SELECT p.main_file, f.type, f.missing FROM photos p LEFT JOIN files f ON f.hash = p.main_file
    WHERE p.image_hash = ? AND p.library_id = ?`);
  const bestPresent = db.prepare(`SELECT f.hash FROM photo_files pf JOIN files f ON f.hash = pf.file_hash
    LEFT JOIN roots r ON r.id = f.root_id
    WHERE pf.image_hash = ? AND f.missing = 0 AND coalesce(r.state, 'online') = 'online' AND f.type IN ('IMAGE', 'VIDEO', 'RAW_FILE')
    ORDER BY CASE f.type WHEN 'IMAGE' THEN 0 WHEN 'VIDEO' THEN 1 ELSE 2 END, f.path LIMIT 1`).pluck();
  const setMain = db.prepare('UPDATE photos SET main_file = ? WHERE image_hash = ? AND library_id = ?');

  let checked = 0;
  let newlyMissing = 0;
  let restored = 0;
  let unreadable = 0;
  let after = '';
  ctx.progress('scan_missing', 0, total);
  for (;;) {
    signal.throwIfAborted();
    const rows = page.all(libraryId, after) as Row[];
    if (rows.length === 0) break;
    after = (rows[rows.length - 1] as Row)[1];
    const now = ctx.now().toISOString();
    const gone: Row[] = [];
    const back: { row: Row; info: Stats }[] = [];
    const toHash: { row: Row; info: Stats }[] = [];
    const lockedOut: Row[] = [];
    const readableAgain: Row[] = [];
    const perFolder = new Map<string, number>();
    const folderOf = rows.map((row) => dirname(row[1]));
    if (list !== undefined) {
      for (const folder of folderOf) if (!verified.has(folder)) perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
    }
    const pageListings = new Map<string, Listing>();
    for (const [folder, n] of perFolder) {
      if (n < LIST_FROM || list === undefined) continue;
      pageListings.set(folder, listings.get(folder) ?? list(folder));
    }
    listings = pageListings;
    rows.forEach((row, i) => {
      const rootId = row[7];
      if (rootId !== null && !online.has(rootId)) return; // an offline drive loses nothing
      checked++;
      const folder = folderOf[i] as string;
      if (verified.has(folder) && row[5] === 0 && row[6] === 0) return;
      const listing = pageListings.get(folder);
      let info: StatOutcome | 'present';
      if (listing === undefined || listing === 'unlistable') info = stat(row[1]);
      else if (listing === 'gone' || !listing.has(basename(row[1]))) info = 'gone';
      else info = row[5] === 1 ? stat(row[1]) : 'present'; // only a file that is back needs its size and date
      if (info === 'present') {
        if (row[6] === 1) readableAgain.push(row);
        return;
      }
      if (info === 'gone') {
        if (row[5] === 0) gone.push(row);
      } else if (info === 'unreadable') {
        unreadable++;
        if (row[6] === 0) lockedOut.push(row);
      } else if (row[5] === 1) {
        if (info.size === row[3] && info.mtimeMs === row[4]) back.push({ row, info });
        else toHash.push({ row, info });
      } else if (row[6] === 1) {
        readableAgain.push(row);
      }
    });
    // A path that is back with another size or date holds our file only if its content hashes the same.
    for (const candidate of toHash) {
      signal.throwIfAborted();
      try {
        if (fileHash(await md5(candidate.row[1]), libraryId) === candidate.row[0]) back.push(candidate);
      } catch {
        // gone or unreadable again while hashing: it stays missing
      }
    }
    if (gone.length + back.length + lockedOut.length + readableAgain.length > 0) {
      db.transaction(() => {
        const touched = new Set<string>();
        const lostMain = new Set<string>();
        for (const row of gone) {
          // A known copy of the content takes the file's place; otherwise the file is missing.
          const copy = (copiesOf.all(row[0], libraryId) as { path: string; size: number }[]).find((c) => {
            const info = stat(c.path);
            return info !== 'gone' && info !== 'unreadable' && info.size === c.size;
          });
          const copyInfo = copy === undefined ? undefined : (stat(copy.path) as Stats);
          if (copy !== undefined && copyInfo !== undefined) {
            deleteCopy.run(libraryId, copy.path);
            moveToCopy.run(copy.path, copyInfo.size, copyInfo.mtimeMs, copyInfo.dev, copyInfo.ino, row[0]);
          } else {
            markMissing.run(now, row[0]);
            newlyMissing++;
          }
          for (const imageHash of photosOf.all(row[0]) as string[]) {
            touched.add(imageHash);
            if (copy === undefined) lostMain.add(imageHash);
          }
        }
        for (const row of lockedOut) {
          markUnreadable.run(row[0]);
          for (const imageHash of photosOf.all(row[0]) as string[]) touched.add(imageHash);
        }
        for (const row of readableAgain) {
          markReadable.run(row[0]);
          for (const imageHash of photosOf.all(row[0]) as string[]) touched.add(imageHash);
        }
        for (const { row, info } of back) {
          restore.run(info.size, info.mtimeMs, info.dev, info.ino, row[0]);
          restored++;
          for (const imageHash of photosOf.all(row[0]) as string[]) {
            touched.add(imageHash);
            // The file is back: it becomes main again if the photo has none, or only a lesser one.
            const main = mainOf.get(imageHash, libraryId) as { main_file: string | null; type: FileType | null; missing: number | null } | undefined;
            if (main === undefined) continue;
            const rank = MAIN_RANK[row[2]];
            if (rank < 9 && (main.main_file === null || main.missing === 1 || rank < MAIN_RANK[main.type ?? 'UNKNOWN'])) setMain.run(row[0], imageHash, libraryId);
          }
        }
        for (const imageHash of lostMain) {
          const main = mainOf.get(imageHash, libraryId) as { main_file: string | null; missing: number | null } | undefined;
          if (main === undefined || (main.main_file !== null && main.missing === 0)) continue;
          const next = bestPresent.get(imageHash) as string | undefined;
          if (next !== undefined) setMain.run(next, imageHash, libraryId);
        }
        refreshAvailability(db, libraryId, [...touched], ctx.now());
      })();
    }
    ctx.progress('scan_missing', checked, total);
    await nextTick(); // lets a cancel request through between pages
  }
  const missing = db.prepare('SELECT count(*) FROM files WHERE library_id = ? AND missing = 1').pluck().get(libraryId) as number;
  return { checked, missing, newly_missing: newlyMissing, restored, unreadable, skipped_roots: roots.length - online.size };
}
