/**
 * The catch-up: what changed in a root while Keepsake was not watching (closed, asleep, the drive
 * elsewhere), found cheaply. A folder's modification time changes whenever an entry in it is added,
 * removed or renamed, so only the known folders whose time is later than the root's last
 * reconciliation (and the folders above them) are looked at again — one stat per folder, not one
 * per file. A file edited in place does not change its folder's time: the watcher sees those live,
 * and Scan Photos always does.
 */
import { statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import type { Db } from '../db/open-database.ts';
import { under, type DirtyFolder } from './reconcile-folders.ts';

/** Clocks and filesystems keep coarse times (FAT: 2 s): a folder touched just before counts as changed. */
const SLACK_MS = 2000;

/** Every folder of a root the library knows (holding files, or holding folders that do), the root first. */
export function knownFolders(db: Db, libraryId: number, rootPath: string): string[] {
  const range = under(rootPath);
  const folders = new Set<string>([rootPath]);
  const paths = db.prepare('SELECT path FROM files WHERE library_id = ? AND path > ? AND path < ?').pluck().all(libraryId, range.after, range.before) as string[];
  let last = '';
  for (const path of paths) {
    let folder = dirname(path);
    if (folder === last) continue;
    last = folder;
    while (folder.length > rootPath.length && !folders.has(folder)) {
      folders.add(folder);
      folder = dirname(folder);
    }
  }
  return [...folders];
}

/**
 * The folders of a root that changed since `since` (ISO; null: never reconciled, so everything):
 * a folder whose time is later is dirty; a folder that is gone makes its parent dirty.
 */
export function changedFolders(db: Db, libraryId: number, rootPath: string, since: string | null): DirtyFolder[] {
  if (since === null) return [{ path: rootPath, deep: true }];
  const after = Date.parse(since) - SLACK_MS;
  const dirty = new Set<string>();
  for (const folder of knownFolders(db, libraryId, rootPath)) {
    try {
      if (statSync(folder).mtimeMs >= after) dirty.add(folder);
    } catch {
      // Gone (or unreadable): the folder above it says what happened to it.
      if (folder !== rootPath) dirty.add(dirname(folder));
    }
  }
  return [...dirty].filter((folder) => folder === rootPath || folder.startsWith(rootPath + sep)).map((path) => ({ path, deep: false }));
}
