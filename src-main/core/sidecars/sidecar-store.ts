/**
 * Keepsake's side of a sidecar: a photo's fields as the database holds them, read in bulk; the
 * fields a sidecar gave it, written back (never over an edit the user made meanwhile); and what
 * Keepsake last wrote to or read from each sidecar (`sidecar_state`, the merge's base).
 */
import type { Db } from '../db/open-database.ts';
import { preparedOnce } from '../db/prepared.ts';
import { findOrCreateUserAlbum } from '../albums/albums.ts';
import type { SidecarFace } from './sidecar-xmp.ts';
import { KEYWORDS_PARENT, makeView, sameField, type SidecarField, type SidecarView } from './sidecar-view.ts';

/** What Keepsake last wrote to or read from a photo's sidecar. */
export interface SidecarState {
  readonly path: string;
  readonly size: number;
  /** MD5 of the file's bytes then (as a scan hashes them): any other content is a change made outside Keepsake. */
  readonly digest: string;
  /** The file's fields then. */
  readonly fields: SidecarView;
  readonly syncedAt: string;
}

/** A photo as the sidecar sync needs it. */
export interface SidecarPhoto {
  readonly imageHash: string;
  readonly libraryId: number;
  readonly mainPath: string | null;
  readonly mainMissing: boolean;
  readonly rootId: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly addedAt: string;
  /** The photo's other files (its RAW, its sidecars as the scan linked them). */
  readonly otherPaths: readonly string[];
  /** Keepsake's side. */
  readonly view: SidecarView;
  /** When it was last edited, while its sidecar waits to be written. */
  readonly pendingSince: string | null;
  readonly state: SidecarState | null;
}

interface PhotoRow {
  image_hash: string;
  library_id: number;
  main_path: string | null;
  main_missing: number | null;
  root_id: number | null;
  width: number | null;
  height: number | null;
  added_at: string;
  rating: number;
  caption: string;
  color_label: string;
  changed_at: string | null;
  state_path: string | null;
  state_size: number | null;
  state_digest: string | null;
  state_fields: string | null;
  synced_at: string | null;
}

const group = <T extends { image_hash: string }>(rows: readonly T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.image_hash);
    if (list === undefined) out.set(row.image_hash, [row]);
    else list.push(row);
  }
  return out;
};

/** The photos, with everything the sync reads of them, a chunk of queries at a time (unknown hashes are left out). */
export function loadSidecarPhotos(db: Db, imageHashes: readonly string[]): SidecarPhoto[] {
  const photos = preparedOnce(db, `SELECT p.image_hash, p.library_id, m.path AS main_path, m.missing AS main_missing, m.root_id,
      p.width, p.height, p.added_at, p.rating, p.caption, p.color_label, sp.changed_at,
      s.path AS state_path, s.size AS state_size, s.digest AS state_digest, s.fields AS state_fields, s.synced_at
    FROM photos p LEFT JOIN files m ON m.hash = p.main_file
    LEFT JOIN sidecar_pending sp ON sp.image_hash = p.image_hash
    LEFT JOIN sidecar_state s ON s.image_hash = p.image_hash
    WHERE p.image_hash IN (SELECT value FROM json_each(?))`);
  const files = preparedOnce(db, `SELECT pf.image_hash, f.path FROM photo_files pf JOIN files f ON f.hash = pf.file_hash
    WHERE pf.image_hash IN (SELECT value FROM json_each(?))`);
  const albums = preparedOnce(db, `SELECT ap.image_hash, a.title, a.parent FROM album_photos ap JOIN albums a ON a.id = ap.album_id
    WHERE a.kind = 'user' AND ap.image_hash IN (SELECT value FROM json_each(?))`);
  const faces = preparedOnce(db, `SELECT image_hash, x, y, w, h, name FROM faces WHERE image_hash IN (SELECT value FROM json_each(?))`);
  const out: SidecarPhoto[] = [];
  for (let i = 0; i < imageHashes.length; i += 500) {
    const list = JSON.stringify(imageHashes.slice(i, i + 500));
    const filesOf = group(files.all(list) as { image_hash: string; path: string }[]);
    const albumsOf = group(albums.all(list) as { image_hash: string; title: string; parent: string | null }[]);
    const facesOf = group(faces.all(list) as ({ image_hash: string } & SidecarFace)[]);
    for (const row of photos.all(list) as PhotoRow[]) {
      const memberships = albumsOf.get(row.image_hash) ?? [];
      out.push({
        imageHash: row.image_hash,
        libraryId: row.library_id,
        mainPath: row.main_path,
        mainMissing: row.main_missing === 1,
        rootId: row.root_id,
        width: row.width,
        height: row.height,
        addedAt: row.added_at,
        otherPaths: (filesOf.get(row.image_hash) ?? []).map((file) => file.path).filter((path) => path !== row.main_path),
        view: makeView({
          rating: row.rating,
          caption: row.caption,
          label: row.color_label,
          albums: memberships.filter((album) => album.parent === null).map((album) => album.title),
          keywords: memberships.filter((album) => album.parent !== null).map((album) => album.title),
          faces: (facesOf.get(row.image_hash) ?? []).map(({ x, y, w, h, name }) => ({ x, y, w, h, name })),
        }),
        pendingSince: row.changed_at,
        state:
          row.state_path === null
            ? null
            : {
                path: row.state_path,
                size: row.state_size as number,
                digest: row.state_digest as string,
                fields: JSON.parse(row.state_fields as string) as SidecarView,
                syncedAt: row.synced_at as string,
              },
      });
    }
  }
  return out;
}

/** The photo that claims a sidecar path other than `imageHash` (the scan linked it, or Keepsake wrote it for it). */
export function otherClaimant(db: Db, libraryId: number, path: string, imageHash: string): string | null {
  const linked = preparedOnce(db, `SELECT pf.image_hash FROM files f JOIN photo_files pf ON pf.file_hash = f.hash
    WHERE f.library_id = ? AND f.path = ? AND pf.image_hash <> ? LIMIT 1`).pluck().get(libraryId, path, imageHash) as string | undefined;
  if (linked !== undefined) return linked;
  const written = preparedOnce(db, 'SELECT image_hash FROM sidecar_state WHERE library_id = ? AND path = ? AND image_hash <> ? LIMIT 1').pluck().get(libraryId, path, imageHash) as string | undefined;
  return written ?? null;
}

/**
 * Gives a photo the fields its sidecar won in the merge. Each is written only if it is still what
 * the merge saw on Keepsake's side: the user may have changed it while the file was being read,
 * and that edit is newer than the file's (it is then written to the file next).
 */
export function applyFromFile(db: Db, photo: SidecarPhoto, result: SidecarView, fields: readonly SidecarField[], now: Date): void {
  const { imageHash, libraryId, view } = photo;
  for (const field of fields) {
    switch (field) {
      case 'rating':
        preparedOnce(db, 'UPDATE photos SET rating = ? WHERE image_hash = ? AND rating = ?').run(result.rating, imageHash, view.rating);
        break;
      case 'caption':
        preparedOnce(db, 'UPDATE photos SET caption = ? WHERE image_hash = ? AND caption = ?').run(result.caption, imageHash, view.caption);
        break;
      case 'label':
        preparedOnce(db, 'UPDATE photos SET color_label = ? WHERE image_hash = ? AND color_label = ?').run(result.label, imageHash, view.label);
        break;
      case 'albums':
      case 'keywords':
        setMemberships(db, libraryId, imageHash, field === 'albums' ? null : KEYWORDS_PARENT, view[field], result[field], now);
        break;
      case 'faces': {
        const current = loadSidecarPhotos(db, [imageHash])[0];
        if (current === undefined || !sameField('faces', current.view, view)) break;
        preparedOnce(db, 'DELETE FROM faces WHERE image_hash = ?').run(imageHash);
        const insert = preparedOnce(db, 'INSERT INTO faces (image_hash, x, y, w, h, name) VALUES (?, ?, ?, ?, ?, ?)');
        for (const face of result.faces) insert.run(imageHash, face.x, face.y, face.w, face.h, face.name);
        break;
      }
    }
  }
}

/** Puts a photo into the albums it gained and takes it out of those it lost (albums are made as needed). */
function setMemberships(db: Db, libraryId: number, imageHash: string, parent: string | null, before: readonly string[], after: readonly string[], now: Date): void {
  const had = new Set(before);
  const has = new Set(after);
  const add = preparedOnce(db, 'INSERT OR IGNORE INTO album_photos (album_id, image_hash) VALUES (?, ?)');
  for (const title of after) if (!had.has(title)) add.run(findOrCreateUserAlbum(db, libraryId, title, parent, now), imageHash);
  const remove = preparedOnce(db, `DELETE FROM album_photos WHERE image_hash = @imageHash AND album_id IN
    (SELECT id FROM albums WHERE library_id = @libraryId AND kind = 'user' AND title = @title AND parent IS @parent)`);
  for (const title of before) if (!has.has(title)) remove.run({ imageHash, libraryId, title, parent });
}

/** Records what the photo's sidecar holds now (after Keepsake wrote or read it). */
export function recordState(db: Db, imageHash: string, libraryId: number, state: SidecarState): void {
  preparedOnce(db, `INSERT INTO sidecar_state (image_hash, library_id, path, size, digest, fields, synced_at)
      VALUES (@imageHash, @libraryId, @path, @size, @digest, @fields, @syncedAt)
    ON CONFLICT (image_hash) DO UPDATE SET library_id = excluded.library_id, path = excluded.path, size = excluded.size,
      digest = excluded.digest, fields = excluded.fields, synced_at = excluded.synced_at`)
    .run({ imageHash, libraryId, ...state, fields: JSON.stringify(state.fields) });
}

/** Whether the library keeps sidecars. */
export function writesSidecars(db: Db, libraryId: number): boolean {
  return preparedOnce(db, 'SELECT write_sidecars FROM libraries WHERE id = ?').pluck().get(libraryId) === 1;
}
