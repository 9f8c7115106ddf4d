import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LocateResult } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { badRequest, notFound } from '../errors.ts';
import { FilePresence, type FoundFile } from '../files/file-presence.ts';
import { fileHash, md5File } from '../hashing/hash-file.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { withSep } from '../volumes/mount-search.ts';
import { ensureRootMarker } from '../volumes/root-marker.ts';
import { identifyVolume } from '../volumes/volume-identity.ts';
import { volumeSettings } from '../volumes/volume-settings.ts';
import { withTimeout } from '../volumes/with-timeout.ts';
import { isSameOrInside, normaliseFolder } from './folder-paths.ts';
import { addRoot } from './roots.ts';

/** Options of `locateFolder`, injectable for tests. */
export interface LocateOptions {
  /** MD5 hex of a file (default: the scanner's streaming md5File). */
  readonly hashFile?: (path: string) => Promise<string>;
  readonly now?: Date;
  readonly signal?: AbortSignal;
  readonly onProgress?: (current: number, total: number) => void;
  readonly timeoutMs?: number;
}

interface FileRow {
  hash: string;
  path: string;
  size: number;
  mtime_ms: number;
}

interface Relink {
  hash: string;
  newPath: string;
  size: number;
  mtimeMs: number;
  dev: number;
  ino: number;
}

/** Mtimes are stored as REAL milliseconds; filesystems round differently, so allow a millisecond. */
const sameMtime = (a: number, b: number): boolean => Math.abs(a - b) < 1;

/**
 * Locate folder (Lightroom's "Find Missing Folder"): the user says the folder `from` (a root, or a
 * folder under one, as recorded) now lives at `to`. Every file recorded under `from` is looked for
 * at `to` + its relative path: same size and mtime → relinked; same size, other mtime → hashed and
 * relinked only on an equal hash (else mismatched); absent → not found. When `from` is a root, the
 * root itself moves to `to` (marker and volume identified again); when `to` lies in no root of the
 * library, it is added as one. One transaction; photo rows (ratings, albums, faces) are untouched.
 */
export async function locateFolder(db: Db, libraryId: number, from: string, to: string, options: LocateOptions = {}): Promise<LocateResult> {
  const now = options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? volumeSettings().timeoutMs;
  const hashFile = options.hashFile ?? md5File;
  const source = normaliseFolder(from);
  const target = normaliseFolder(to);
  if (db.prepare('SELECT 1 FROM libraries WHERE id = ?').get(libraryId) === undefined) throw notFound(`No library with id ${libraryId}`);
  const targetInfo = await withTimeout(stat(target), timeoutMs, `stat ${target}`).catch(() => null);
  if (targetInfo === null || !targetInfo.isDirectory()) throw badRequest(`New location is not a folder: ${target}`);
  if (source === target) throw badRequest('The new location is the folder itself');

  const roots = db.prepare('SELECT id, path, marker_id FROM roots WHERE library_id = ?').all(libraryId) as { id: number; path: string; marker_id: string | null }[];
  const movedRoot = roots.find((root) => root.path === source) ?? null;
  const files = db
    .prepare(`SELECT hash, path, size, mtime_ms FROM files WHERE library_id = @libraryId AND substr(path, 1, length(@prefix)) = @prefix`)
    .all({ libraryId, prefix: withSep(source) }) as FileRow[];
  if (movedRoot === null && files.length === 0) throw notFound(`Nothing is recorded under ${source}`);
  if (movedRoot !== null && roots.some((root) => root.id !== movedRoot.id && (isSameOrInside(target, root.path) || isSameOrInside(root.path, target)))) {
    throw badRequest(`${target} overlaps another folder of the library`);
  }

  // Look at the disk first (async, may hash); write everything afterwards in one transaction.
  const relinks: Relink[] = [];
  const result = { relinked: 0, hashed: 0, not_found: 0, mismatched: 0 };
  for (const [i, file] of files.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.(i, files.length);
    const candidate = join(target, relative(source, file.path));
    const info = await withTimeout(stat(candidate), timeoutMs, `stat ${candidate}`).catch(() => null);
    if (info === null || !info.isFile()) {
      result.not_found++;
      continue;
    }
    if (info.size !== file.size) {
      result.mismatched++;
      continue;
    }
    if (!sameMtime(info.mtimeMs, file.mtime_ms)) {
      // Same size, another time: only the content can say it is the same file.
      result.hashed++;
      const hash = fileHash(await hashFile(candidate), libraryId);
      if (hash !== file.hash) {
        result.mismatched++;
        continue;
      }
    }
    relinks.push({ hash: file.hash, newPath: candidate, size: info.size, mtimeMs: info.mtimeMs, dev: info.dev, ino: info.ino });
  }
  options.onProgress?.(files.length, files.length);

  // Where the relinked files belong: the moved root, the root holding `to`, or a new root for `to`.
  let rootId = movedRoot?.id ?? roots.find((root) => isSameOrInside(target, root.path))?.id ?? null;
  let identity: { markerId: string | null; volume: Awaited<ReturnType<typeof identifyVolume>> } | null = null;
  if (movedRoot !== null) {
    const markerId = await ensureRootMarker(target, { timeoutMs, now, ...(movedRoot.marker_id ? { id: movedRoot.marker_id } : {}) });
    identity = { markerId, volume: await identifyVolume(target, { timeoutMs }) };
  }

  db.transaction(() => {
    if (movedRoot !== null) {
      db.prepare(
        `UPDATE roots SET path = @path, state = 'online', state_checked_at = @stamp, marker_id = coalesce(@markerId, marker_id),
           volume_uuid = @uuid, volume_label = @label, mount_point = @mountPoint WHERE id = @id`,
      ).run({
        id: movedRoot.id,
        path: target,
        stamp: now.toISOString(),
        markerId: identity?.markerId ?? null,
        uuid: identity?.volume?.uuid ?? null,
        label: identity?.volume?.label ?? null,
        mountPoint: identity?.volume?.mountPoint ?? null,
      });
    } else if (rootId === null && relinks.length > 0) {
      rootId = addRoot(db, libraryId, target, now).id;
    }
    const pathTaken = db.prepare('SELECT hash FROM files WHERE library_id = ? AND path = ? AND hash <> ?').pluck();
    const dropCopy = db.prepare('DELETE FROM file_copies WHERE library_id = ? AND path = ?');
    // A missing file that an older version detached from its photo: its photo is the one it is the
    // main file of (or whose identity it is). Its main file, if it has none, the rule gives it.
    const reattach = db.prepare(
      `INSERT OR IGNORE INTO photo_files (image_hash, file_hash)
       SELECT image_hash, @hash FROM photos WHERE library_id = @libraryId AND (main_file = @hash OR image_hash = @hash)`,
    );
    const found: FoundFile[] = [];
    for (const relink of relinks) {
      if (pathTaken.get(libraryId, relink.newPath, relink.hash) !== undefined) {
        result.mismatched++; // Another file of the library is recorded there: never overwrite it.
        continue;
      }
      dropCopy.run(libraryId, relink.newPath);
      const stat = { size: relink.size, mtimeMs: relink.mtimeMs, dev: relink.dev, ino: relink.ino };
      found.push({ hash: relink.hash, path: relink.newPath, ...(rootId === null ? {} : { rootId }), stat });
    }
    const presence = new FilePresence(db, libraryId, () => now);
    result.relinked += presence.flagFound(found);
    for (const { hash } of found) reattach.run({ hash, libraryId });
    // Copies are only a memo for the scanner; the next scan finds them again at their new place.
    const copies = db
      .prepare('SELECT path FROM file_copies WHERE library_id = @libraryId AND substr(path, 1, length(@prefix)) = @prefix')
      .pluck()
      .all({ libraryId, prefix: withSep(source) }) as string[];
    for (const path of copies) dropCopy.run(libraryId, path);
    presence.settle();
    // A root that moved changes where every one of its files is, relinked or not.
    if (movedRoot !== null) refreshAvailability(db, libraryId, undefined, now);
  })();
  return result;
}
