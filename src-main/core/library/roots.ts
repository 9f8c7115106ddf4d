import { sep } from 'node:path';
import type { Root } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { conflict, notFound } from '../errors.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { assertFolder, findOverlap, normaliseFolder } from './folder-paths.ts';
import { assertLibrary, toRoot, type RootRow } from './libraries.ts';

/**
 * Adds a folder to a library. It must exist, be a directory, and neither equal nor nest with one of
 * the library's roots (a nested root would make one file belong to two roots). Files Keepsake still
 * knows under that folder (from a root removed earlier) are attached to the new root again.
 */
export function addRoot(db: Db, libraryId: number, path: string, now: Date): Root {
  assertLibrary(db, libraryId);
  const folder = normaliseFolder(path);
  assertFolder(folder);
  return db.transaction(() => {
    const existing = db.prepare('SELECT path FROM roots WHERE library_id = ?').pluck().all(libraryId) as string[];
    const overlap = findOverlap([folder], existing);
    if (overlap !== null) {
      const other = overlap[1];
      if (other === folder) throw conflict(`This folder is already a root of the library: ${folder}`);
      throw conflict(
        folder.startsWith(other) ? `${folder} is inside the library's root ${other}` : `The library's root ${other} is inside ${folder}; remove it first`,
      );
    }
    const id = Number(db.prepare('INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, ?)').run(libraryId, folder, now.toISOString()).lastInsertRowid);
    // Range compare on the path (never LIKE: a folder name may hold % or _).
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    const reattached = db
      .prepare(
        `UPDATE files SET root_id = @id WHERE library_id = @libraryId AND root_id IS NULL AND substr(path, 1, @len) = @prefix
         RETURNING hash`,
      )
      .pluck()
      .all({ id, libraryId, prefix, len: prefix.length }) as string[];
    if (reattached.length > 0) {
      const photos = db
        .prepare(`SELECT DISTINCT image_hash FROM photo_files WHERE file_hash IN (SELECT value FROM json_each(?))`)
        .pluck()
        .all(JSON.stringify(reattached)) as string[];
      refreshAvailability(db, libraryId, photos, now);
    }
    return toRoot(db.prepare('SELECT * FROM roots WHERE id = ?').get(id) as RootRow, db);
  })();
}

/**
 * Removes a root from its library: Keepsake stops scanning that folder. Nothing is deleted — not the
 * files on disk, not the photos, their ratings, captions, albums or faces (that would need the
 * user's confirmation, which this command does not carry). The files simply belong to no root any
 * more, keep their last availability, and are attached again if the folder is added back.
 */
export function removeRoot(db: Db, rootId: number): { libraryId: number } {
  const root = db.prepare('SELECT * FROM roots WHERE id = ?').get(rootId) as RootRow | undefined;
  if (root === undefined) throw notFound(`No root with id ${rootId}`);
  // files.root_id becomes NULL (ON DELETE SET NULL). Availability is deliberately not recomputed:
  // without a root, a photo on an unplugged drive would turn "present" — it keeps what it was.
  db.prepare('DELETE FROM roots WHERE id = ?').run(rootId);
  return { libraryId: root.library_id };
}
