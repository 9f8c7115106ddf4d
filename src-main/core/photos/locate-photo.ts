import { stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { PhotoSummary } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { FilePresence } from '../files/file-presence.ts';
import { fileHash, md5File } from '../hashing/hash-file.ts';
import { isSameOrInside } from '../library/folder-paths.ts';
import { markSidecarsPending } from '../sidecars/sidecar-pending.ts';
import { volumeSettings } from '../volumes/volume-settings.ts';
import { withTimeout } from '../volumes/with-timeout.ts';
import { getPhotoSummary } from './photo-queries.ts';

/**
 * "Locate…" for one missing photo: the user picks the file it became, and Keepsake relinks it only
 * when the file's content is one of the photo's own files (the same hash): a wrong file is refused
 * with why, never linked. The photo row (rating, caption, albums, faces) is not touched.
 *
 * In two steps, so that hashing a large file holds nothing: `checkPickedFile` reads (stat, hash,
 * compare) and says what to relink; `relinkPickedFile`, run in the library's turn of the job
 * queue, checks the file is still the one that was hashed and relinks it through FilePresence.
 */

/** What `checkPickedFile` found: the photo's file that the picked file is. */
export interface PickedFileMatch {
  readonly libraryId: number;
  readonly imageHash: string;
  readonly fileHash: string;
  readonly path: string;
  /** The library folder it lies in; null: in none (it is tracked there all the same, as after a folder is removed). */
  readonly rootId: number | null;
  readonly stat: { readonly size: number; readonly mtimeMs: number; readonly dev: number; readonly ino: number };
}

export interface CheckOptions {
  /** MD5 hex of a file (default: the streaming md5File). */
  readonly hashFile?: (path: string) => Promise<string>;
  readonly timeoutMs?: number;
}

/** A file's name as people read it in a message. */
const nameOf = (path: string | null): string => (path === null ? 'the photo' : basename(path));

/** The photo's files (and the file its identity names, should an older version have detached it), main file first. */
const PHOTO_FILES = `SELECT f.hash, f.path FROM files f WHERE f.hash IN (SELECT file_hash FROM photo_files WHERE image_hash = @imageHash UNION SELECT @imageHash)
  ORDER BY f.hash = @mainFile DESC, f.path`;

/** Checks that the file at `path` is one of the missing photo `imageHash`'s own files, by content. */
export async function checkPickedFile(db: Db, imageHash: string, pickedPath: string, options: CheckOptions = {}): Promise<PickedFileMatch> {
  const photo = db.prepare('SELECT library_id, availability, main_file FROM photos WHERE image_hash = ?').get(imageHash) as
    | { library_id: number; availability: string; main_file: string | null }
    | undefined;
  if (photo === undefined) throw notFound(`No photo ${imageHash}`);
  const files = db.prepare(PHOTO_FILES).all({ imageHash, mainFile: photo.main_file }) as { hash: string; path: string }[];
  const name = nameOf(files[0]?.path ?? null);
  if (photo.availability === 'present') throw badRequest(`${name} is not missing: its file is where Keepsake last saw it`);

  const path = resolve(pickedPath);
  const timeoutMs = options.timeoutMs ?? volumeSettings().timeoutMs;
  const info = await withTimeout(stat(path), timeoutMs, `stat ${path}`).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw badRequest(`There is no file at ${path}`);
    if (error.code === 'EACCES' || error.code === 'EPERM') throw badRequest(`Keepsake may not read ${path} (permission denied)`);
    throw badRequest(`Cannot read ${path}: ${error.message}`);
  });
  if (!info.isFile()) throw badRequest(`Not a file: ${path}`);

  // A file outside the library's folders belongs to none: Scan for Missing still checks it, and adding
  // its folder later attaches it (library/roots.ts); no folder is added for one file.
  const roots = db.prepare('SELECT id, path FROM roots WHERE library_id = ?').all(photo.library_id) as { id: number; path: string }[];
  const root = roots.find((candidate) => isSameOrInside(path, candidate.path)) ?? null;

  const hash = fileHash(await (options.hashFile ?? md5File)(path), photo.library_id);
  const match = files.find((file) => file.hash === hash);
  if (match === undefined) {
    const other = db.prepare('SELECT path FROM files WHERE hash = ?').pluck().get(hash) as string | undefined;
    if (other !== undefined) throw conflict(`This file is another photo of the library (${nameOf(other)}), not ${name}. Nothing was changed.`);
    throw conflict(`This file is not ${name}: its content is different (Keepsake compares the files' content, not their names). Nothing was changed.`);
  }
  const taken = db.prepare('SELECT path FROM files WHERE library_id = ? AND path = ? AND hash <> ?').pluck().get(photo.library_id, path, match.hash);
  if (taken !== undefined) throw conflict(`Keepsake already knows another file at ${path}; run Scan Photos to sort it out. Nothing was changed.`);
  return { libraryId: photo.library_id, imageHash, fileHash: match.hash, path, rootId: root?.id ?? null, stat: { size: info.size, mtimeMs: info.mtimeMs, dev: info.dev, ino: info.ino } };
}

/**
 * Relinks the checked file (in the caller's turn of the queue): present at its new path, under its
 * root, linked to its photo; the photo's main file and availability follow. Refused when the file
 * changed since it was hashed, or the library changed meanwhile.
 */
export function relinkPickedFile(db: Db, match: PickedFileMatch, now: Date): PhotoSummary {
  const info = statSync(match.path, { throwIfNoEntry: false });
  if (info === undefined || info.size !== match.stat.size || Math.abs(info.mtimeMs - match.stat.mtimeMs) >= 1) {
    throw conflict(`${match.path} changed while Keepsake checked it; locate it again`);
  }
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM files WHERE hash = ?').get(match.fileHash) === undefined) throw conflict('The photo changed meanwhile; locate it again');
    if (db.prepare('SELECT 1 FROM files WHERE library_id = ? AND path = ? AND hash <> ?').get(match.libraryId, match.path, match.fileHash) !== undefined) {
      throw conflict(`Keepsake already knows another file at ${match.path}; run Scan Photos to sort it out`);
    }
    // The path may have been remembered as a copy of some file: it is this photo's file now.
    db.prepare('DELETE FROM file_copies WHERE library_id = ? AND path = ?').run(match.libraryId, match.path);
    const presence = new FilePresence(db, match.libraryId, () => now);
    presence.flagFound([{ hash: match.fileHash, path: match.path, rootId: match.rootId, stat: match.stat }]);
    db.prepare('INSERT OR IGNORE INTO photo_files (image_hash, file_hash) VALUES (?, ?)').run(match.imageHash, match.fileHash);
    presence.photosChanged([match.imageHash]);
    presence.settle();
    // Its rating, caption and albums belong beside the file it is linked to now.
    markSidecarsPending(db, [match.imageHash], now);
  })();
  return getPhotoSummary(db, match.imageHash);
}
