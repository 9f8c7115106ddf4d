import { stat } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import type { MissingGroup, MissingReason, RootState } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { preparedOnce } from '../db/prepared.ts';
import { assertLibrary } from '../library/libraries.ts';
import { isSameOrInside } from '../library/folder-paths.ts';
import { volumeSettings } from '../volumes/volume-settings.ts';
import { withTimeout } from '../volumes/with-timeout.ts';
import { KNOWN_FILE } from './missing-list.ts';

/**
 * The Missing view's groups: a library's missing photos by the folder they were last seen in, each
 * with why they are not there in words a person can act on (their files are gone from a folder that
 * is there; the folder itself is gone — then the highest gone folder holds its gone subfolders too,
 * so one "Locate folder…" brings the whole moved tree back; the folder cannot be read), and the
 * photos of drives that are not online by drive. Counts add up to the library's counter.
 *
 * Where each photo was is one pass over the library's missing photos (a tenth of a second at
 * 100,000). It is kept per connection and used again while what it was made of is the same: the
 * library's missing and offline counters, its most recent missing time, its roots (path and state)
 * and any other process' writes. A rating, a caption, a thumbnail do not make it again; a photo
 * found or gone does. Coming back to the view then costs a look at the disk per folder only.
 */

/** One folder's photos, before the disk is asked about it. */
interface FolderCount {
  readonly folder: string | null;
  readonly rootId: number | null;
  count: number;
  since: string | null;
}

interface RootRow {
  id: number;
  path: string;
  state: RootState;
  volume_label: string | null;
}

/** Where each photo of a kind was last seen, its root and since when; a photo with no known file has no path. */
const PLACES_SQL = `SELECT kf.path, kf.root_id, p.missing_since FROM photos p LEFT JOIN files kf ON kf.hash = ${KNOWN_FILE}
  WHERE p.library_id = @libraryId AND p.availability = @kind AND p.availability <> 'present'`;

const cache = new WeakMap<Db, Map<string, { stamp: string; folders: FolderCount[] }>>();

/**
 * What the groups are made of, cheaply: the counters (a photo found or gone changes them), the most
 * recent missing time (one going missing as another is found), the roots (a root moved rewrites its
 * files' paths; a drive's state), and another process' commits (data_version). Index seeks only.
 */
const STAMP_SQL = `SELECT json_array(
  (SELECT json_array(num_missing, num_offline) FROM library_counts WHERE library_id = @libraryId),
  (SELECT missing_since FROM photos p WHERE p.library_id = @libraryId AND p.availability = @kind AND p.availability <> 'present' ORDER BY p.missing_since DESC LIMIT 1),
  (SELECT json_group_array(json_array(id, path, state)) FROM roots WHERE library_id = @libraryId))`;

function changeStamp(db: Db, libraryId: number, kind: 'missing' | 'offline'): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  return `${version}:${preparedOnce(db, STAMP_SQL).pluck().get({ libraryId, kind }) as string}`;
}

/** The folders of a kind's photos with their counts, from the cache while nothing changed. */
function folderCounts(db: Db, libraryId: number, kind: 'missing' | 'offline'): FolderCount[] {
  let byLibrary = cache.get(db);
  if (byLibrary === undefined) cache.set(db, (byLibrary = new Map()));
  const key = `${libraryId}:${kind}`;
  const stamp = changeStamp(db, libraryId, kind);
  const cached = byLibrary.get(key);
  if (cached !== undefined && cached.stamp === stamp) return cached.folders;
  const counts = new Map<string, FolderCount>();
  for (const row of preparedOnce(db, PLACES_SQL).iterate({ libraryId, kind }) as Iterable<{ path: string | null; root_id: number | null; missing_since: string | null }>) {
    const folder = row.path === null ? null : folderOf(row.path);
    const id = folder === null ? '' : `${row.root_id ?? ''}\u0000${folder}`;
    let entry = counts.get(id);
    if (entry === undefined) counts.set(id, (entry = { folder, rootId: row.root_id, count: 0, since: null }));
    entry.count++;
    if (row.missing_since !== null && (entry.since === null || row.missing_since > entry.since)) entry.since = row.missing_since;
  }
  const folders = [...counts.values()];
  byLibrary.set(key, { stamp, folders });
  return folders;
}

/** The folder part of a stored path (paths are stored with this system's separator). */
function folderOf(path: string): string {
  const i = path.lastIndexOf(sep);
  return i <= 0 ? dirname(path) : path.slice(0, i);
}

type FolderState = 'there' | 'gone' | 'unreadable' | 'unreachable';

/**
 * What the disk said of each folder lately: kept for FOLDER_STATE_MS, so that the view asking again
 * (a page refetched, coming back to it) does not stat a thousand folders each time, while a folder
 * put back is seen within seconds.
 */
const FOLDER_STATE_MS = 3000;
const folderStateCache = new Map<string, { at: number; state: Promise<FolderState> }>();

/** What the disk says of a folder (lately). */
function folderStates(timeoutMs: number): (folder: string) => Promise<FolderState> {
  const now = Date.now();
  if (folderStateCache.size > 50_000) folderStateCache.clear();
  return (folder) => {
    const seen = folderStateCache.get(folder);
    if (seen !== undefined && now - seen.at < FOLDER_STATE_MS) return seen.state;
    const state = withTimeout(stat(folder), timeoutMs, `stat ${folder}`).then(
      (info): FolderState => (info.isDirectory() ? 'there' : 'gone'),
      (error: NodeJS.ErrnoException): FolderState =>
        error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 'gone' : error.code === 'EACCES' || error.code === 'EPERM' ? 'unreadable' : 'unreachable',
    );
    folderStateCache.set(folder, { at: now, state });
    return state;
  };
}

/** Forgets what the disk said (tests, and a caller that knows a folder changed). */
export function forgetFolderStates(): void {
  folderStateCache.clear();
}

/** Runs `fn` over `items`, `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

const REASON_OF_ROOT: Readonly<Record<RootState, MissingReason>> = { online: 'offline', offline: 'offline', unreachable: 'unreachable', unreadable: 'unreadable' };

/** Sorted by folder (a path's own order, the photos of no known place last). */
const byFolder = (a: MissingGroup, b: MissingGroup): number =>
  a.folder === b.folder ? 0 : a.folder === null ? 1 : b.folder === null ? -1 : a.folder < b.folder ? -1 : 1;

/**
 * The groups of a library's missing photos (kind 'missing'), or of its photos on drives that are not
 * online (kind 'offline', one group per drive), by folder, with their reasons; `total` is the sum.
 */
export async function listMissingGroups(db: Db, libraryId: number, kind: 'missing' | 'offline', options: { timeoutMs?: number } = {}): Promise<{ total: number; groups: MissingGroup[] }> {
  assertLibrary(db, libraryId);
  const folders = folderCounts(db, libraryId, kind);
  const roots = new Map((db.prepare('SELECT id, path, state, volume_label FROM roots WHERE library_id = ?').all(libraryId) as RootRow[]).map((root) => [root.id, root]));
  const merged = new Map<string, MissingGroup>();
  const add = (group: MissingGroup): void => {
    const key = `${group.rootId ?? ''}\u0000${group.folder ?? ''}\u0000${group.withSubfolders}`;
    const same = merged.get(key);
    if (same === undefined) merged.set(key, group);
    else merged.set(key, { ...same, count: same.count + group.count, since: later(same.since, group.since) });
  };
  const stateOf = folderStates(options.timeoutMs ?? volumeSettings().timeoutMs);

  await eachLimited(folders, 16, async (entry) => {
    const root = entry.rootId === null ? undefined : roots.get(entry.rootId);
    const base = { count: entry.count, since: entry.since, rootId: root?.id ?? null, rootPath: root?.path ?? null, driveName: null };
    if (entry.folder === null) {
      add({ ...base, folder: null, withSubfolders: false, reason: 'unknown_place' });
      return;
    }
    // A drive that is not online: its photos are one group, the drive's.
    if (kind === 'offline' && root !== undefined && root.state !== 'online') {
      add({ ...base, folder: root.path, withSubfolders: true, reason: REASON_OF_ROOT[root.state], driveName: root.volume_label ?? root.path });
      return;
    }
    if (kind === 'offline') {
      add({ ...base, folder: entry.folder, withSubfolders: false, reason: 'offline' });
      return;
    }
    const state = await stateOf(entry.folder);
    if (state !== 'gone') {
      add({ ...base, folder: entry.folder, withSubfolders: false, reason: state === 'there' ? 'file_gone' : 'unreadable' });
      return;
    }
    // The folder is gone: the highest folder that is gone with it (inside its root) names the group.
    let top = entry.folder;
    for (;;) {
      const parent = dirname(top);
      if (parent === top || (root !== undefined && (!isSameOrInside(parent, root.path) || parent === root.path))) break;
      if (root === undefined) break;
      if ((await stateOf(parent)) !== 'gone') break;
      top = parent;
    }
    add({ ...base, folder: top, withSubfolders: true, reason: 'folder_gone' });
  });

  const groups = [...merged.values()].sort(byFolder);
  return { total: groups.reduce((sum, group) => sum + group.count, 0), groups };
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);
