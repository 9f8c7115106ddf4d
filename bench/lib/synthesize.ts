import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../../src-main/core/db/open-database.ts';
import { thumbnailPath } from '../../src-main/core/thumbnails/thumbnail-path.ts';

/**
 * Gives every photo of a library album links (one album of each of the four kinds) and faces,
 * written straight into the database: what Delete Missing must remove with each photo.
 */
export function addAlbumLinksAndFaces(db: Db, libraryId: number, facesPerPhoto = 2): { albumLinks: number; faces: number } {
  const now = new Date().toISOString();
  let albumLinks = 0;
  let faces = 0;
  db.transaction(() => {
    for (const kind of ['date', 'thing', 'place', 'user']) {
      const album = db.prepare('INSERT INTO albums (library_id, kind, title, created_at) VALUES (?, ?, ?, ?)').run(libraryId, kind, `bench ${kind}`, now);
      albumLinks += db
        .prepare('INSERT INTO album_photos (album_id, image_hash) SELECT ?, image_hash FROM photos WHERE library_id = ?')
        .run(album.lastInsertRowid, libraryId).changes;
    }
    for (let i = 0; i < facesPerPhoto; i += 1) {
      faces += db
        .prepare('INSERT INTO faces (image_hash, x, y, w, h, name) SELECT image_hash, ?, 0.1, 0.2, 0.2, ? FROM photos WHERE library_id = ?')
        .run(0.1 + i * 0.3, i === 0 ? 'Ann' : null, libraryId).changes;
    }
  })();
  return { albumLinks, faces };
}

/**
 * Writes a small thumbnail file for every photo of a library (random-bytes photos get none from the
 * scan) and marks them as having one, so Delete Missing has real thumbnail files to remove.
 */
export function addThumbnails(db: Db, dataDir: string, libraryId: number): number {
  const hashes = (db.prepare('SELECT image_hash FROM photos WHERE library_id = ?').pluck().all(libraryId) as string[]);
  const bytes = Buffer.alloc(256, 0x52);
  const made = new Set<string>();
  for (const hash of hashes) {
    const file = thumbnailPath(dataDir, hash);
    const folder = dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(file, bytes);
  }
  db.prepare('UPDATE photos SET has_thumbnail = 1 WHERE library_id = ?').run(libraryId);
  return hashes.length;
}

/**
 * Synthesises `count` photos, each with one file, directly in SQL (one transaction, rows made by a
 * recursive CTE so SQLite does the work): 1% missing, 0.5% trashed, a mix of file types. The
 * counter triggers fire as for real rows, so stats see a library of that size.
 */
export function synthesizePhotos(db: Db, libraryId: number, rootId: number | null, count: number): void {
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @last)
       INSERT INTO files (hash, library_id, root_id, path, type, missing, size, mtime_ms, dev, ino, missing_since)
       SELECT printf('%032x', i) || CAST(@lib AS INTEGER), @lib, @root, printf('/bench/synthetic/a%03d/img%07d.jpg', i / 1000, i),
              CASE WHEN i % 50 = 0 THEN 'VIDEO' WHEN i % 20 = 0 THEN 'RAW_FILE' ELSE 'IMAGE' END,
              (i % 100 = 0), 1000 + i % 4000, 1700000000000 + i, 1, i + 1,
              CASE WHEN i % 100 = 0 THEN @now END
       FROM n`,
    ).run({ last: count - 1, lib: libraryId, root: rootId, now });
    db.prepare(
      `INSERT INTO photos (image_hash, library_id, main_file, availability, missing_since, in_trashcan, added_at)
       SELECT hash, library_id, hash, CASE WHEN missing THEN 'missing' ELSE 'present' END, missing_since,
              (CAST(ino AS INTEGER) % 200 = 0), @now
       FROM files WHERE library_id = @lib`,
    ).run({ lib: libraryId, now });
    db.prepare('INSERT INTO photo_files (image_hash, file_hash) SELECT hash, hash FROM files WHERE library_id = ?').run(libraryId);
  })();
}
