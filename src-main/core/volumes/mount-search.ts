import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Db } from '../db/open-database.ts';
import { readRootMarker } from './root-marker.ts';
import { identifyVolume, isInside, type VolumeIdentity, type VolumeOptions } from './volume-identity.ts';
import { volumeSettings } from './volume-settings.ts';
import { withTimeout } from './with-timeout.ts';

/** The places drives get mounted on each platform, as path patterns (`*` = any folder). */
export function defaultSearchRoots(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') return ['/Volumes/*'];
  if (platform === 'win32') return Array.from({ length: 26 }, (_, i) => `${String.fromCharCode(65 + i)}:\\`);
  return ['/media/*', '/media/*/*', '/run/media/*/*', '/mnt/*'];
}

/** Expands mount search patterns into existing folders; a folder that does not answer in time is skipped. */
export async function expandSearchRoots(patterns: readonly string[], timeoutMs: number): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const absolute = pattern.startsWith(sep) || /^[A-Za-z]:[\\/]/.test(pattern);
    if (!absolute) continue;
    const [first, ...segments] = pattern.split(/[\\/]/);
    let level = [first === '' ? sep : `${first}${sep}`];
    for (const segment of segments) {
      if (segment === '') continue;
      const next: string[] = [];
      for (const folder of level) {
        if (segment !== '*') {
          next.push(join(folder, segment));
          continue;
        }
        const entries = await withTimeout(readdir(folder, { withFileTypes: true }), timeoutMs, `listing ${folder}`).catch(() => []);
        for (const entry of entries) if (entry.isDirectory() || entry.isSymbolicLink()) next.push(join(folder, entry.name));
      }
      level = next;
    }
    for (const folder of level) {
      const ok = await withTimeout(stat(folder), timeoutMs, `stat ${folder}`).then((s) => s.isDirectory(), () => false);
      if (ok) found.add(folder);
    }
  }
  return [...found];
}

/** What a root recorded about its volume, enough to look for it elsewhere. */
export interface RelocatableRoot {
  readonly id: number;
  readonly path: string;
  readonly marker_id: string | null;
  readonly volume_uuid: string | null;
  readonly mount_point: string | null;
}

/** Where an offline root's folder was found again, and how it was recognised. */
export interface RelocatedRoot {
  readonly path: string;
  readonly mountPoint: string;
  readonly volume: VolumeIdentity | null;
  readonly by: 'marker' | 'uuid';
}

/**
 * The root's position inside its volume, as candidate relative paths: exactly one when its mount
 * point was recorded (newPath = newMount + (oldPath − oldMount)), else every tail of its path.
 */
export function relativeCandidates(root: { path: string; mount_point: string | null }): string[] {
  if (root.mount_point !== null && isInside(root.path, root.mount_point)) return [relative(root.mount_point, root.path)];
  const parts = root.path.split(/[\\/]/).filter(Boolean);
  return parts.map((_, i) => parts.slice(i + 1).join(sep)).reverse();
}

/**
 * Looks for an offline root among the places drives are mounted: a candidate whose marker carries
 * the root's marker id, else a mount point whose filesystem UUID is the root's (with the folder
 * there). Reads a few small files per candidate; hashes nothing.
 */
export async function findRelocatedRoot(
  root: RelocatableRoot,
  options: { timeoutMs?: number; searchRoots?: readonly string[] | undefined; volume?: VolumeOptions | undefined } = {},
): Promise<RelocatedRoot | null> {
  const timeoutMs = options.timeoutMs ?? volumeSettings().timeoutMs;
  const patterns = options.searchRoots ?? volumeSettings().searchRoots ?? defaultSearchRoots();
  const mounts = (await expandSearchRoots(patterns, timeoutMs)).filter((mount) => mount !== root.mount_point);
  const tails = relativeCandidates(root);
  const isFolder = (path: string) => withTimeout(stat(path), timeoutMs, `stat ${path}`).then((s) => s.isDirectory(), () => false);

  const checks = mounts.map(async (mount): Promise<RelocatedRoot | null> => {
    if (root.marker_id) {
      for (const tail of tails) {
        const path = tail === '' ? mount : join(mount, tail);
        if (path === root.path) continue;
        const marker = await readRootMarker(path, timeoutMs).catch(() => null);
        if (marker?.rootId === root.marker_id) {
          const volume = await identifyVolume(path, { timeoutMs, ...options.volume });
          return { path, mountPoint: volume?.mountPoint ?? mount, volume, by: 'marker' };
        }
      }
    }
    if (root.volume_uuid) {
      const volume = await identifyVolume(mount, { timeoutMs, ...options.volume, withUuid: true });
      // Only a real mount point counts, and only with the root's folder on it.
      if (volume?.uuid === root.volume_uuid && volume.mountPoint === mount) {
        for (const tail of tails) {
          const path = tail === '' ? mount : join(mount, tail);
          if (path !== root.path && (await isFolder(path))) return { path, mountPoint: mount, volume, by: 'uuid' };
        }
      }
    }
    return null;
  });
  const found = (await Promise.all(checks)).filter((hit) => hit !== null);
  // A marker is proof of the very folder; a UUID only of the drive.
  return found.find((hit) => hit.by === 'marker') ?? found[0] ?? null;
}

/** SQL that moves every path under @old (a folder, given with its trailing separator) to @new. */
const REWRITE = (table: 'files' | 'file_copies') => `
  UPDATE ${table} SET path = @newPrefix || substr(path, length(@oldPrefix) + 1)
  WHERE library_id = @libraryId AND substr(path, 1, length(@oldPrefix)) = @oldPrefix`;

/** Appends a separator unless the folder already ends with one (a drive root like `E:\`). */
export const withSep = (folder: string): string => (folder.endsWith(sep) ? folder : folder + sep);

/**
 * Moves every recorded path under `oldFolder` to `newFolder` (files and file copies), by prefix, in
 * SQL. Call inside a transaction. Returns how many file rows moved.
 */
export function rewritePathPrefix(db: Db, libraryId: number, oldFolder: string, newFolder: string): number {
  const params = { libraryId, oldPrefix: withSep(oldFolder), newPrefix: withSep(newFolder) };
  const moved = db.prepare(REWRITE('files')).run(params).changes;
  db.prepare(REWRITE('file_copies')).run(params);
  return moved;
}

/**
 * Moves a root whose drive came back elsewhere: its path, volume and state, and every file path
 * under it, in one transaction. Photos' availability is left to the caller's refresh.
 */
export function relocateRootInDb(db: Db, libraryId: number, rootId: number, oldPath: string, found: RelocatedRoot, now = new Date()): number {
  return db.transaction(() => {
    db.prepare(
      `UPDATE roots SET path = @path, state = 'online', state_checked_at = @stamp, mount_point = @mountPoint,
         volume_uuid = coalesce(@uuid, volume_uuid), volume_label = coalesce(@label, volume_label)
       WHERE id = @rootId AND library_id = @libraryId`,
    ).run({
      path: found.path,
      stamp: now.toISOString(),
      mountPoint: found.mountPoint,
      uuid: found.volume?.uuid ?? null,
      label: found.volume?.label ?? null,
      rootId,
      libraryId,
    });
    return rewritePathPrefix(db, libraryId, oldPath, found.path);
  })();
}
