import type { Library, Root, RootState } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { assertFolder, findOverlap, normaliseFolder } from './folder-paths.ts';
import { watchStateOf } from '../live/watch-state.ts';

/** A `roots` row as stored. */
export interface RootRow {
  id: number;
  library_id: number;
  path: string;
  state: string;
  state_checked_at: string | null;
  marker_id: string | null;
  volume_uuid: string | null;
  volume_label: string | null;
  mount_point: string | null;
}

/** Turns a stored root into the contract's Root. */
export function toRoot(row: RootRow, db?: Db): Root {
  return {
    id: row.id,
    libraryId: row.library_id,
    path: row.path,
    state: row.state as RootState,
    stateCheckedAt: row.state_checked_at,
    markerId: row.marker_id,
    volumeUuid: row.volume_uuid,
    volumeLabel: row.volume_label,
    mountPoint: row.mount_point,
    watch: db === undefined ? 'not-watched' : watchStateOf(db, row.id),
  };
}

/** The roots of one library, by path. */
export function listRootsOf(db: Db, libraryId: number): Root[] {
  return (db.prepare('SELECT * FROM roots WHERE library_id = ? ORDER BY path').all(libraryId) as RootRow[]).map((row) => toRoot(row, db));
}

interface LibraryRow {
  id: number;
  name: string;
  created_at: string;
  write_sidecars: number;
}

const toLibrary = (db: Db, row: LibraryRow): Library => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  roots: listRootsOf(db, row.id),
  writeSidecars: row.write_sidecars === 1,
});

/** Every library with its roots, by name. */
export function listLibraries(db: Db): Library[] {
  const libraries = db.prepare('SELECT id, name, created_at, write_sidecars FROM libraries ORDER BY name COLLATE NOCASE, id').all() as LibraryRow[];
  return libraries.map((row) => toLibrary(db, row));
}

/** One library with its roots; not_found when it does not exist. */
export function getLibrary(db: Db, libraryId: number): Library {
  const row = db.prepare('SELECT id, name, created_at, write_sidecars FROM libraries WHERE id = ?').get(libraryId) as LibraryRow | undefined;
  if (row === undefined) throw notFound(`No library with id ${libraryId}`);
  return toLibrary(db, row);
}

/** Throws not_found unless the library exists. */
export function assertLibrary(db: Db, libraryId: number): void {
  if (db.prepare('SELECT 1 FROM libraries WHERE id = ?').get(libraryId) === undefined) throw notFound(`No library with id ${libraryId}`);
}

/**
 * Adds a library with its folders. Every folder is checked first (exists, is a directory, no two
 * nested or equal); if any is bad nothing at all is written. A name already used is a conflict.
 * A new library keeps sidecars unless asked not to (`writeSidecars: false`).
 */
export function addLibrary(db: Db, request: { name: string; folders: readonly string[]; writeSidecars?: boolean }, now: Date): Library {
  const name = request.name.trim();
  if (name === '') throw badRequest('A library needs a name');
  const folders = request.folders.map(normaliseFolder);
  for (const folder of folders) assertFolder(folder);
  const overlap = findOverlap(folders);
  if (overlap !== null) {
    const [a, b] = overlap;
    throw badRequest(a === b ? `Folder given twice: ${a}` : `Folders overlap (one is inside the other): ${b} and ${a}`);
  }
  const id = db.transaction(() => {
    if (db.prepare('SELECT 1 FROM libraries WHERE name = ?').get(name) !== undefined) {
      throw conflict(`A library named "${name}" already exists`);
    }
    const stamp = now.toISOString();
    const libraryId = Number(
      db.prepare('INSERT INTO libraries (name, created_at, write_sidecars) VALUES (?, ?, ?)').run(name, stamp, request.writeSidecars === false ? 0 : 1).lastInsertRowid,
    );
    const insertRoot = db.prepare('INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, ?)');
    for (const folder of folders) insertRoot.run(libraryId, folder, stamp);
    return libraryId;
  })();
  return getLibrary(db, id);
}

/** Turns the library's sidecars setting on or off; returns the library. */
export function setWriteSidecars(db: Db, libraryId: number, enabled: boolean): Library {
  assertLibrary(db, libraryId);
  db.transaction(() => {
    db.prepare('UPDATE libraries SET write_sidecars = ? WHERE id = ?').run(enabled ? 1 : 0, libraryId);
    // Off: nothing waits to be written any more (turning it on again writes every sidecar).
    if (!enabled) db.prepare('DELETE FROM sidecar_pending WHERE library_id = ?').run(libraryId);
  })();
  return getLibrary(db, libraryId);
}

/**
 * Removes a library and everything Keepsake knows about it (photos, files, albums, faces, jobs). The
 * photo files on disk are never touched. The caller has the user's confirmation. Returns the image
 * hashes whose thumbnails are to be removed from disk now that the rows are gone.
 */
export function removeLibrary(db: Db, libraryId: number): { thumbnailHashes: string[] } {
  assertLibrary(db, libraryId);
  const thumbnailHashes = db.transaction(() => {
    const rows = db.prepare('SELECT image_hash FROM photos WHERE library_id = ?').pluck().all(libraryId) as string[];
    // Children first, explicitly: cheaper than letting every cascade search on its own.
    db.prepare('DELETE FROM album_photos WHERE album_id IN (SELECT id FROM albums WHERE library_id = ?)').run(libraryId);
    db.prepare('DELETE FROM faces WHERE image_hash IN (SELECT image_hash FROM photos WHERE library_id = ?)').run(libraryId);
    db.prepare('DELETE FROM photo_files WHERE image_hash IN (SELECT image_hash FROM photos WHERE library_id = ?)').run(libraryId);
    db.prepare('DELETE FROM photos WHERE library_id = ?').run(libraryId);
    db.prepare('DELETE FROM libraries WHERE id = ?').run(libraryId);
    return rows;
  })();
  return { thumbnailHashes };
}
