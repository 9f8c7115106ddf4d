import { setImmediate as nextTick } from 'node:timers/promises';
import type { ScanMissingResult } from '../../../src-shared/domain.ts';
import { holdCheckpoint } from '../db/hold-checkpoint.ts';
import type { Db } from '../db/open-database.ts';
import { FilePresence, type FoundFile } from '../files/file-presence.ts';
import { fileHash, md5File } from '../hashing/hash-file.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { probeLibraryRoots } from '../volumes/probe-root.ts';
import { PageChecker, type PageFindings, type PageRow } from './check-page.ts';
import { CopiesOfGone, statOf } from './copies-of-gone.ts';
import { PendingFindings } from './pending-findings.ts';
import type { VerifiedFolders } from '../scan/verified-folders.ts';
import { listForMissing, statForMissing, type Listing, type StatOutcome } from './stat-for-missing.ts';

/** Files checked per page (LibrePhotos' page size): one read and one progress event each. */
const MISSING_PAGE = 5000;
/**
 * Changed files written per transaction at least, pages' worth gathered (see PendingFindings); also
 * bounds how long one write holds the main thread (~180 ms for 10,000 files going missing).
 */
const WRITE_FROM = 10_000;
/** WAL pages (8 KiB) a job may pile up before a checkpoint runs anyway: bounds the WAL file at ~80 MB. */
const CHECKPOINT_PAGES = 10_000;

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
  readonly verifiedFolders?: Pick<VerifiedFolders, 'has' | 'files'>;
  /**
   * Only the files whose paths sort strictly between `after` and `before` of one of these ranges
   * (the folders a live reconciliation looked at: see live/reconcile-folders.ts); every file when left out.
   */
  readonly ranges?: readonly PathRange[];
}

/** Paths strictly between two keys: `folder/` and `folder0` bound everything under a folder. */
export interface PathRange {
  readonly after: string;
  readonly before: string;
}

/** A changed row's key and the stat its file had, read only for the rows a page found changed. */
interface ChangedRow {
  readonly hash: string;
  readonly size: number;
  readonly mtime_ms: number;
  readonly dev: number | null;
  readonly ino: number | null;
}

/**
 * Scan for Missing Photos: checks every file of the library under an online root. A file that is
 * gone is flagged missing (kept linked to its photo, for history) unless a known copy of it takes
 * its place; a file whose path is back is present again (same size and mtime, else only when its
 * hash matches). Permission denied flags the file unreadable, never missing. Which photos that
 * makes missing, and which file becomes their main file, the flags settle (files/file-presence.ts).
 * Reads keyset-paginated pages of 5,000, cancellable between pages; what they find is written in
 * transactions of 10,000 changed files or more (everything found is written before a cancel takes
 * effect). Files of offline roots are not touched.
 */
export async function scanMissing(ctx: JobContext, options: ScanMissingOptions = {}): Promise<ScanMissingResult> {
  const { db, libraryId, signal } = ctx;
  const stat = options.stat ?? statForMissing;
  const md5 = options.md5 ?? md5File;
  signal.throwIfAborted();
  const roots = await probeLibraryRoots(db, libraryId, ctx.now());
  const online = new Set(roots.filter((root) => root.state === 'online').map((root) => root.id));
  const checker = new PageChecker({
    online,
    verified: options.verifiedFolders ?? new Set<string>(),
    stat,
    list: options.list ?? (options.stat === undefined ? listForMissing : undefined),
  });
  // Only what every row needs: the hash and stat are read for the few rows a page finds changed.
  const page = db.prepare(`SELECT path, missing, unreadable, root_id FROM files
    WHERE library_id = ? AND path > ? AND path < ? ORDER BY path LIMIT ${MISSING_PAGE}`).raw();
  // The whole library: one range past every path (a path never starts with U+FFFF).
  const ranges: readonly PathRange[] = options.ranges ?? [{ after: '', before: '\uffff' }];
  // The counters are exact: no count over the library's files.
  const total = options.ranges === undefined
    ? ((db.prepare('SELECT SUM(num_files) FROM library_file_counts WHERE library_id = ?').pluck().get(libraryId) as number | null) ?? 0)
    : ranges.reduce((sum, range) => sum + (db.prepare('SELECT count(*) FROM files WHERE library_id = ? AND path > ? AND path < ?').pluck().get(libraryId, range.after, range.before) as number), 0);
  // The scan just before saw every row of the library, on drives all online, unchanged and present:
  // there is nothing to look at (a rescan of an unchanged library reads no page at all).
  if (options.ranges === undefined && online.size === roots.length && total > 0 && options.verifiedFolders?.files === total) {
    ctx.progress('scan_missing', total, total);
    return { checked: total, missing: 0, newly_missing: 0, restored: 0, unreadable: 0, skipped_roots: 0 };
  }
  const copies = new CopiesOfGone(db, libraryId, stat);
  const pending = new PendingFindings(db, new FilePresence(db, libraryId, ctx.now), copies);

  const result = { checked: 0, newly_missing: 0, restored: 0, unreadable: 0 };
  const write = () => {
    const written = pending.write();
    result.newly_missing += written.newlyMissing;
    result.restored += written.restored;
  };
  ctx.progress('scan_missing', 0, total);
  // Few WAL checkpoints instead of one after each write: a write's pages are partly spread over
  // whole b-trees (links and index entries by hash), and a checkpoint after each write would copy
  // them back into the database file again each time (measured before migration 016: a third of
  // such a job, when the photos table itself was stored by hash).
  const checkpoint = holdCheckpoint(db, CHECKPOINT_PAGES);
  try {
    for (const range of ranges) {
      let after = range.after;
      for (;;) {
        signal.throwIfAborted();
        const rows = page.all(libraryId, after, range.before) as PageRow[];
        if (rows.length === 0) break;
        after = (rows[rows.length - 1] as PageRow)[0];
        const findings = checker.check(rows);
        result.checked += findings.checked;
        result.unreadable += findings.unreadable;
        const changed = changedRows(db, libraryId, findings, copies.any);
        const hashesOf = (paths: readonly string[]) => paths.map((path) => (changed.get(path) as ChangedRow).hash);
        pending.add({
          gone: findings.gone,
          goneHashes: copies.any ? hashesOf(findings.gone) : [],
          lockedOut: hashesOf(findings.lockedOut),
          readableAgain: hashesOf(findings.readableAgain),
          back: await filesBack(findings.back, changed, libraryId, md5, signal),
        });
        if (pending.files >= WRITE_FROM) write();
        ctx.progress('scan_missing', result.checked, total);
        await nextTick(); // lets a cancel request through between pages
      }
    }
    write();
  } catch (error) {
    // A cancel keeps what the pages read so far found.
    if (signal.aborted) write();
    throw error;
  } finally {
    checkpoint();
  }
  const missing = db.prepare('SELECT count(*) FROM files WHERE library_id = ? AND missing = 1').pluck().get(libraryId) as number;
  // In the contract's order (people read it as a line: checked, missing, newly missing, …).
  return { checked: result.checked, missing, newly_missing: result.newly_missing, restored: result.restored, unreadable: result.unreadable, skipped_roots: roots.length - online.size };
}

/**
 * The hash and stored stat of the rows a page found changed, by path (one statement). Gone files are
 * flagged by path: their hashes are needed only to look for copies, in a library that has some.
 */
function changedRows(db: Db, libraryId: number, findings: PageFindings, withGone: boolean): Map<string, ChangedRow> {
  const paths = [...(withGone ? findings.gone : []), ...findings.lockedOut, ...findings.readableAgain, ...findings.back.map((file) => file.path)];
  if (paths.length === 0) return new Map();
  const rows = db
    .prepare('SELECT path, hash, size, mtime_ms, dev, ino FROM files WHERE library_id = ? AND path IN (SELECT value FROM json_each(?))')
    .all(libraryId, JSON.stringify(paths)) as (ChangedRow & { path: string })[];
  return new Map(rows.map((row) => [row.path, row]));
}

/**
 * The missing files whose path holds their file again: same size and mtime, or — when either
 * changed — the same content hash (read before the write: hashing is slow and async). A file back
 * with the very stat its row holds (a folder moved back) carries none: its row is flagged by a set
 * statement instead of one run per file.
 */
async function filesBack(
  candidates: PageFindings['back'],
  rows: ReadonlyMap<string, ChangedRow>,
  libraryId: number,
  md5: (path: string) => Promise<string>,
  signal: AbortSignal,
): Promise<FoundFile[]> {
  const back: FoundFile[] = [];
  for (const { path, info } of candidates) {
    const row = rows.get(path) as ChangedRow;
    if (info.size !== row.size || info.mtimeMs !== row.mtime_ms) {
      signal.throwIfAborted();
      try {
        if (fileHash(await md5(path), libraryId) !== row.hash) continue;
      } catch {
        continue; // gone or unreadable again while hashing: it stays missing
      }
    }
    const stat = statOf(info);
    const same = stat.size === row.size && stat.mtimeMs === row.mtime_ms && stat.dev === row.dev && stat.ino === row.ino;
    back.push(same ? { hash: row.hash } : { hash: row.hash, stat });
  }
  return back;
}
