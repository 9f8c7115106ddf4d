import type { Album, AlbumKind } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { badRequest, notFound } from '../errors.ts';
import { assertLibrary } from '../library/libraries.ts';
import { markSidecarsPending } from '../sidecars/sidecar-pending.ts';

const ALBUM_COLUMNS = `a.id, a.library_id, a.kind, a.title, a.parent, (SELECT COUNT(*) FROM album_photos ap WHERE ap.album_id = a.id) AS photo_count`;

interface AlbumRow {
  id: number;
  library_id: number;
  kind: string;
  title: string;
  parent: string | null;
  photo_count: number;
}

const toAlbum = (row: AlbumRow): Album => ({
  id: row.id,
  libraryId: row.library_id,
  kind: row.kind as AlbumKind,
  title: row.title,
  parent: row.parent,
  photoCount: row.photo_count,
});

/** Every album of a library (all four kinds), by kind then title. */
export function listAlbums(db: Db, libraryId: number): Album[] {
  assertLibrary(db, libraryId);
  const rows = db
    .prepare(`SELECT ${ALBUM_COLUMNS} FROM albums a WHERE a.library_id = ? ORDER BY a.kind, a.title COLLATE NOCASE, a.id`)
    .all(libraryId) as AlbumRow[];
  return rows.map(toAlbum);
}

/** The albums a photo is in. */
export function listAlbumsOfPhoto(db: Db, imageHash: string): Album[] {
  const rows = db
    .prepare(
      `SELECT ${ALBUM_COLUMNS} FROM albums a WHERE a.id IN (SELECT album_id FROM album_photos WHERE image_hash = ?)
       ORDER BY a.kind, a.title COLLATE NOCASE, a.id`,
    )
    .all(imageHash) as AlbumRow[];
  return rows.map(toAlbum);
}

/** One album; not_found when unknown. */
export function getAlbum(db: Db, albumId: number): Album {
  const row = db.prepare(`SELECT ${ALBUM_COLUMNS} FROM albums a WHERE a.id = ?`).get(albumId) as AlbumRow | undefined;
  if (row === undefined) throw notFound(`No album with id ${albumId}`);
  return toAlbum(row);
}

/**
 * Creates an album. The app creates 'user' albums; the other kinds (date, thing, place) are made by
 * Keepsake itself and exist so that Delete Missing can prove it cleans all four.
 */
export function createAlbum(db: Db, libraryId: number, title: string, now: Date, kind: AlbumKind = 'user'): Album {
  assertLibrary(db, libraryId);
  const clean = title.trim();
  if (clean === '') throw badRequest('An album needs a title');
  const id = Number(
    db.prepare('INSERT INTO albums (library_id, kind, title, created_at) VALUES (?, ?, ?, ?)').run(libraryId, kind, clean, now.toISOString()).lastInsertRowid,
  );
  return getAlbum(db, id);
}

/**
 * The user album of this title under `parent` (null: the user's own; 'Keywords': made from a
 * sidecar's keywords), made when there is none. Returns its id.
 */
export function findOrCreateUserAlbum(db: Db, libraryId: number, title: string, parent: string | null, now: Date): number {
  const found = db
    .prepare(`SELECT id FROM albums WHERE library_id = ? AND kind = 'user' AND title = ? AND parent IS ? ORDER BY id LIMIT 1`)
    .pluck()
    .get(libraryId, title, parent) as number | undefined;
  if (found !== undefined) return found;
  return Number(db.prepare(`INSERT INTO albums (library_id, kind, title, parent, created_at) VALUES (?, 'user', ?, ?, ?)`).run(libraryId, title, parent, now.toISOString()).lastInsertRowid);
}

/** The album, checked to be a user album (the only kind people fill by hand). */
function userAlbum(db: Db, albumId: number): Album {
  const album = getAlbum(db, albumId);
  if (album.kind !== 'user') throw badRequest(`Album "${album.title}" is a ${album.kind} album, which Keepsake fills by itself`);
  return album;
}

/**
 * Adds photos to a user album. Every photo must exist and belong to the album's library, else
 * nothing is added. Photos already in it are left as they are.
 */
export function addPhotosToAlbum(db: Db, albumId: number, imageHashes: readonly string[], now: Date = new Date()): Album {
  const album = userAlbum(db, albumId);
  db.transaction(() => {
    const hashes = JSON.stringify([...new Set(imageHashes)]);
    const foreign = db
      .prepare(
        `SELECT h.value FROM json_each(?) h LEFT JOIN photos p ON p.image_hash = h.value
         WHERE p.image_hash IS NULL OR p.library_id <> ? LIMIT 1`,
      )
      .pluck()
      .get(hashes, album.libraryId) as string | undefined;
    if (foreign !== undefined) throw badRequest(`Photo ${foreign} is not in this album's library`);
    db.prepare('INSERT OR IGNORE INTO album_photos (album_id, image_hash) SELECT ?, value FROM json_each(?)').run(albumId, hashes);
    markSidecarsPending(db, imageHashes, now);
  })();
  return getAlbum(db, albumId);
}

/** Takes photos out of a user album (the photos themselves stay). */
export function removePhotosFromAlbum(db: Db, albumId: number, imageHashes: readonly string[], now: Date = new Date()): Album {
  userAlbum(db, albumId);
  db.transaction(() => {
    db.prepare('DELETE FROM album_photos WHERE album_id = ? AND image_hash IN (SELECT value FROM json_each(?))').run(albumId, JSON.stringify(imageHashes));
    markSidecarsPending(db, imageHashes, now);
  })();
  return getAlbum(db, albumId);
}

/** The photos of an album (their sidecars name it: a rename or a delete rewrites them). */
const photosOfAlbum = (db: Db, albumId: number): string[] =>
  db.prepare('SELECT image_hash FROM album_photos WHERE album_id = ?').pluck().all(albumId) as string[];

/** Renames a user album; its photos' sidecars are written again with the new title. */
export function renameAlbum(db: Db, albumId: number, title: string, now: Date = new Date()): Album {
  userAlbum(db, albumId);
  const clean = title.trim();
  if (clean === '') throw badRequest('An album needs a title');
  db.transaction(() => {
    db.prepare('UPDATE albums SET title = ? WHERE id = ?').run(clean, albumId);
    markSidecarsPending(db, photosOfAlbum(db, albumId), now);
  })();
  return getAlbum(db, albumId);
}

/**
 * Deletes a user album: its links go with it, its photos stay in the library (and in any other
 * album). Returns how many photos were in it.
 */
export function deleteAlbum(db: Db, albumId: number, now: Date = new Date()): { album: Album; photoCount: number } {
  const album = userAlbum(db, albumId);
  const photoCount = db.transaction(() => {
    const photos = photosOfAlbum(db, albumId);
    db.prepare('DELETE FROM albums WHERE id = ?').run(albumId);
    markSidecarsPending(db, photos, now);
    return photos.length;
  })();
  return { album, photoCount };
}
