/**
 * A reconciliation of some folders of one root: what the watcher (and the catch-up at launch) does
 * instead of a full scan. Events are hints, never facts, so each folder named is looked at as it is
 * on disk now, with the same code Scan Photos and Scan for Missing run:
 * - the folder's files are compared with their rows (unchanged ones are not hashed); a subfolder the
 *   library knows nothing of is walked whole (it was moved or copied in); a known one is not;
 * - a known file whose path is gone is first matched by device and inode against the new paths seen
 *   (a rename or move: relinked, keeping its photo, unhashed), then by content hash (the scan's own
 *   relinking), and only then checked by Scan for Missing — which flags it missing only under a
 *   root probed online, never because a drive went away.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { scanMissing, type PathRange } from '../missing/scan-missing.ts';
import { scanPhotos, type ScanScope } from '../scan/scan-photos.ts';
import type { ScanChange } from '../scan/scan-work.ts';
import type { FileRow } from '../scan/scan-store.ts';
import { LIST_MAX_FILES, walkFoldersInWorkers } from '../scan/walk-folders.ts';
import type { FolderListing } from '../files/list-folder.ts';
import { reasonOf } from '../files/scan-problems.ts';
import { preparedOnce } from '../db/prepared.ts';
import { MoveCandidates } from './move-candidates.ts';

/** A folder to look at again: `deep` also looks at every folder below it (after a lost event or an error). */
export interface DirtyFolder {
  readonly path: string;
  readonly deep: boolean;
}

/** What a reconciliation changed, as people read it in the history ("Keepsake noticed 12 moved photos"). */
export interface ReconcileResult {
  readonly added: number;
  readonly moved: number;
  readonly missing: number;
  readonly restored: number;
  readonly changed: number;
  readonly hashed: number;
  /** The root was not online when it was probed: nothing was looked at, nothing flagged. */
  readonly offline: boolean;
}

type Row = FileRow & { dev: number | null };

/** Dirty folders whose listings are asked of the workers ahead of their walk. */
const FOLDERS_AHEAD = 8;

/** Everything under a folder, as a range of the (library_id, path) key. */
export function under(folder: string): PathRange {
  const base = folder.endsWith(sep) ? folder.slice(0, -1) : folder;
  return { after: base + sep, before: base + String.fromCharCode(sep.charCodeAt(0) + 1) };
}

/** The folders not inside another of them, sorted: ranges that never overlap. */
function outermost(folders: readonly string[]): string[] {
  const sorted = [...folders].sort();
  const kept: string[] = [];
  for (const folder of sorted) if (!kept.some((outer) => folder.startsWith(outer + sep))) kept.push(folder);
  return kept;
}

/** Drops folders that lie under a deep one (it covers them), and repeats. */
function normalise(folders: readonly DirtyFolder[]): DirtyFolder[] {
  const byPath = new Map<string, DirtyFolder>();
  for (const folder of folders) {
    const seen = byPath.get(folder.path);
    byPath.set(folder.path, { path: folder.path, deep: folder.deep || (seen?.deep ?? false) });
  }
  const deep = [...byPath.values()].filter((folder) => folder.deep).map((folder) => folder.path);
  return [...byPath.values()].filter((folder) => !deep.some((other) => other !== folder.path && folder.path.startsWith(other + sep)));
}

const exists = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    // Only "not there" is gone; permission denied is not (Scan for Missing marks it unreadable).
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
};

/** The entries of a folder now: file names and folder names, or null when the folder is gone. */
function entriesOf(folder: string): { files: Set<string>; folders: Set<string> } | null {
  try {
    const files = new Set<string>();
    const folders = new Set<string>();
    for (const entry of readdirSync(folder, { withFileTypes: true })) (entry.isDirectory() ? folders : files).add(entry.name);
    return { files, folders };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * The known files that vanished from the folders named (the rows of a gone folder, a known subfolder
 * that is gone, a file no longer listed), and the known subfolders of each folder (not walked again).
 */
function findVanished(ctx: JobContext, folders: readonly DirtyFolder[]): { vanished: Row[]; knownSubfolders: Set<string>; goneFolders: Set<string> } {
  const rowsUnder = preparedOnce(ctx.db, ROWS_UNDER);
  const vanished: Row[] = [];
  const knownSubfolders = new Set<string>();
  // A deep folder's rows are checked against their folder's listing (one readdir per folder, not
  // one lstat per file: 1,000 folders of a 100,000-file root, after a burst of events).
  const listings = new Map<string, ReturnType<typeof entriesOf>>();
  const listed = (folder: string) => {
    if (!listings.has(folder)) listings.set(folder, entriesOf(folder));
    return listings.get(folder) ?? null;
  };
  const goneFolders = new Set<string>();
  for (const folder of folders) {
    const range = under(folder.path);
    const now = entriesOf(folder.path);
    if (now === null) goneFolders.add(folder.path);
    if (!folder.deep && now !== null) {
      shallowVanished(ctx, folder.path, now, vanished, knownSubfolders);
      continue;
    }
    const rows = rowsUnder.all(ctx.libraryId, range.after, range.before) as Row[];
    for (const row of rows) {
      const rest = row.path.slice(range.after.length);
      const slash = rest.indexOf(sep);
      if (slash >= 0) knownSubfolders.add(join(folder.path, rest.slice(0, slash)));
      if (now === null) vanished.push(row);
      else if (slash < 0 ? !now.files.has(rest) : !now.folders.has(rest.slice(0, slash)) || !listed(dirname(row.path))?.files.has(basename(row.path))) {
        // Listed gone; checked once more by path (a name that is not what readdir shows, a race).
        if (!exists(row.path)) vanished.push(row);
      }
    }
  }
  // A folder named twice (itself, and gone with a dirty folder above it) gives its rows once.
  const once = new Map(vanished.map((row) => [row.hash, row]));
  return { vanished: [...once.values()], knownSubfolders, goneFolders };
}

const COLUMNS = 'hash, path, type, size, mtime_ms, dev, ino, missing, unreadable, root_id';
const ROWS_UNDER = `SELECT ${COLUMNS} FROM files WHERE library_id = ? AND path > ? AND path < ? AND missing = 0`;
/** The first row past a key, and the first from a key: the steps of a walk along the path key. */
const FIRST_AFTER = `SELECT ${COLUMNS} FROM files WHERE library_id = ? AND path > ? AND path < ? AND missing = 0 ORDER BY path LIMIT 1`;
const FIRST_FROM = `SELECT ${COLUMNS} FROM files WHERE library_id = ? AND path >= ? AND path < ? AND missing = 0 ORDER BY path LIMIT 1`;
/** Just past every key that starts with a folder and its separator. */
const PAST_SEP = String.fromCharCode(sep.charCodeAt(0) + 1);

/**
 * What vanished from a folder that is still there, looked at as itself (not deep): its own files no
 * longer listed, and every row of a known subfolder that is gone — one lstat for the subfolder, not
 * one per row. A folder with subfolders is read by stepping along the key: each direct file, then
 * one step over each subfolder's rows, so a dirty parent of 100 folders of 100 files costs 100
 * lookups, not a read of its 10,000 rows (a root's: 100,000).
 */
function shallowVanished(ctx: JobContext, folder: string, now: { files: Set<string>; folders: Set<string> }, vanished: Row[], knownSubfolders: Set<string>): void {
  const { after, before } = under(folder);
  const rowsUnder = preparedOnce(ctx.db, ROWS_UNDER);
  const goneSubfolder = (name: string): void => {
    const subfolder = join(folder, name);
    knownSubfolders.add(subfolder);
    if (now.folders.has(name)) return;
    const inside = under(subfolder);
    const rows = rowsUnder.all(ctx.libraryId, inside.after, inside.before) as Row[];
    // Gone with its folder; a folder still there under a name readdir does not show: row by row.
    if (!exists(subfolder)) vanished.push(...rows);
    else for (const row of rows) if (!exists(row.path)) vanished.push(row);
  };
  const fileGone = (row: Row, name: string): void => {
    // Listed gone; checked once more by path (a name that is not what readdir shows, a race).
    if (!now.files.has(name) && !exists(row.path)) vanished.push(row);
  };
  if (now.folders.size === 0) {
    // No subfolder on disk: its rows are its own files, and those of subfolders that went (all wanted).
    const subfolders = new Set<string>();
    for (const row of rowsUnder.all(ctx.libraryId, after, before) as Row[]) {
      const rest = row.path.slice(after.length);
      const slash = rest.indexOf(sep);
      if (slash < 0) fileGone(row, rest);
      else subfolders.add(rest.slice(0, slash));
    }
    for (const name of subfolders) goneSubfolder(name);
    return;
  }
  const firstAfter = preparedOnce(ctx.db, FIRST_AFTER);
  const firstFrom = preparedOnce(ctx.db, FIRST_FROM);
  let row = firstAfter.get(ctx.libraryId, after, before) as Row | undefined;
  while (row !== undefined) {
    const rest = row.path.slice(after.length);
    const slash = rest.indexOf(sep);
    if (slash < 0) {
      fileGone(row, rest);
      row = firstAfter.get(ctx.libraryId, row.path, before) as Row | undefined;
    } else {
      const name = rest.slice(0, slash);
      goneSubfolder(name);
      row = firstFrom.get(ctx.libraryId, after + name + PAST_SEP, before) as Row | undefined;
    }
  }
}

/** Reconciles `folders` of root `rootId`; tells each change applied. */
export async function reconcileFolders(
  ctx: JobContext,
  workers: FileWorkers,
  rootId: number,
  folders: readonly DirtyFolder[],
  onChange: (change: ScanChange) => void = () => undefined,
): Promise<ReconcileResult> {
  const counts = { added: 0, moved: 0, missing: 0, restored: 0, changed: 0 };
  const tell = (change: ScanChange) => {
    counts[change.change]++;
    onChange(change);
  };
  const scoped = normalise(folders);
  const { vanished, knownSubfolders, goneFolders } = findVanished(ctx, scoped);
  const moves = new MoveCandidates();
  for (const row of vanished) moves.add(row);
  const scope: ScanScope = {
    rootIds: new Set([rootId]),
    moves,
    *chunks(online, _workers, onProblem) {
      const root = online.find((candidate) => candidate.id === rootId);
      if (root === undefined) return;
      // A dirty folder is walked once, as itself: not also from a dirty folder above it.
      const own = new Set(scoped.map((folder) => folder.path));
      // Each dirty folder is its own walk, one after the other: the next ones are asked of the workers
      // ahead, as a walk reads ahead within itself (500 dirty folders, one round trip each, waited on
      // in turn, left the main thread idle for a second and more).
      const ahead = new Map<string, Promise<FolderListing>>();
      const list = (path: string, maxFiles: number): Promise<FolderListing> => {
        const asked = ahead.get(path);
        ahead.delete(path);
        return asked ?? workers.listFolder(path, maxFiles);
      };
      const walked = scoped.filter((folder) => !goneFolders.has(folder.path));
      for (const [i, folder] of walked.entries()) {
        for (const next of walked.slice(i, i + FOLDERS_AHEAD)) {
          if (ahead.has(next.path)) continue;
          const asked = workers.listFolder(next.path, LIST_MAX_FILES);
          asked.catch(() => undefined); // one never taken (the scan was cancelled) rejects unheard
          ahead.set(next.path, asked);
        }
        if (!exists(folder.path)) continue; // gone since it was looked at: its parent's walk says so
        yield walkFoldersInWorkers({
          rootId,
          rootPath: folder.path,
          skipFolders: new Set([ctx.dataDir]),
          list,
          // A known subfolder is looked at only when it is dirty itself (or the folder is deep).
          descendInto: (path) => !own.has(path) && (folder.deep || !knownSubfolders.has(path)),
          onError: (path, error) => onProblem({ rootId, path, reason: reasonOf(error) }),
          onSkipped: (entry) => onProblem({ rootId, ...entry }),
        });
      }
    },
  };
  const scanned = await scanPhotos(ctx, workers, { scope, onChange: tell });
  // The scan probed the root first: offline or unreachable, nothing was looked at — and nothing
  // below may be flagged (Scan for Missing never touches a root that is not online either).
  const state = ctx.db.prepare('SELECT state FROM roots WHERE id = ?').pluck().get(rootId) as string | undefined;
  if (state !== 'online') return { ...counts, hashed: scanned.hashed, offline: true };
  // What is still gone from where it was: Scan for Missing decides, over these folders only.
  const stillThere = ctx.db.prepare('SELECT path, missing FROM files WHERE hash = ?');
  const gone = vanished.filter((row) => (stillThere.get(row.hash) as { path: string } | undefined)?.path === row.path);
  if (gone.length > 0) {
    await scanMissing(ctx, { ranges: outermost([...new Set(gone.map((row) => dirname(row.path)))]).map(under) });
    const photoOf = ctx.db.prepare('SELECT image_hash FROM photo_files WHERE file_hash = ? LIMIT 1').pluck();
    for (const row of gone) {
      const now = stillThere.get(row.hash) as { path: string; missing: number } | undefined;
      if (now?.missing === 1) tell({ change: 'missing', path: row.path, image_hash: (photoOf.get(row.hash) as string | undefined) ?? null });
    }
  }
  return { ...counts, hashed: scanned.hashed, offline: false };
}
