/**
 * Test fixture: records real files of a folder in the database the way a scan does (real MD5 hash
 * + library id, size, mtime, inode; one photo per file), for tests that must not depend on the
 * scanner. Also simulates Scan for Missing's effect on one file (flag + detach).
 */
import { statSync } from 'node:fs';
import type { Db } from '../../src-main/core/db/open-database.ts';
import { fileHash, md5File } from '../../src-main/core/hashing/hash-file.ts';
import { refreshAvailability } from '../../src-main/core/photos/availability.ts';

/** Records each file as a file row and a photo; returns the hashes in the same order. */
export async function seedFiles(
  db: Db,
  libraryId: number,
  rootId: number,
  paths: readonly string[],
  capturedAt: (path: string) => string | null = () => null,
): Promise<string[]> {
  const hashes: string[] = [];
  for (const path of paths) hashes.push(fileHash(await md5File(path), libraryId));
  const now = new Date().toISOString();
  db.transaction(() => {
    paths.forEach((path, i) => {
      const info = statSync(path);
      const hash = hashes[i] as string;
      db.prepare(
        `INSERT INTO files (hash, library_id, root_id, path, type, size, mtime_ms, dev, ino) VALUES (?, ?, ?, ?, 'IMAGE', ?, ?, ?, ?)`,
      ).run(hash, libraryId, rootId, path, info.size, info.mtimeMs, info.dev, info.ino);
      db.prepare('INSERT INTO photos (image_hash, library_id, main_file, captured_at, added_at) VALUES (?, ?, ?, ?, ?)').run(
        hash,
        libraryId,
        hash,
        capturedAt(path),
        now,
      );
      db.prepare('INSERT INTO photo_files (image_hash, file_hash) VALUES (?, ?)').run(hash, hash);
    });
    refreshAvailability(db, libraryId, hashes);
  })();
  return hashes;
}

/** What Scan for Missing does to a file that is gone: flagged missing and detached from its photo. */
export function markFileMissing(db: Db, libraryId: number, fileHashValue: string): void {
  db.transaction(() => {
    const photos = db.prepare('SELECT image_hash FROM photo_files WHERE file_hash = ?').pluck().all(fileHashValue) as string[];
    db.prepare(`UPDATE files SET missing = 1, missing_since = ? WHERE hash = ?`).run(new Date().toISOString(), fileHashValue);
    db.prepare('DELETE FROM photo_files WHERE file_hash = ?').run(fileHashValue);
    refreshAvailability(db, libraryId, photos);
  })();
}

/** Puts photos in one album of each of the four kinds (by SQL: date/thing/place albums are Keepsake's own). */
export function addToAlbumsOfAllKinds(db: Db, libraryId: number, imageHashes: readonly string[]): number[] {
  const ids: number[] = [];
  for (const kind of ['date', 'thing', 'place', 'user']) {
    const id = Number(db.prepare(`INSERT INTO albums (library_id, kind, title, created_at) VALUES (?, ?, ?, 'now')`).run(libraryId, kind, `${kind} album`).lastInsertRowid);
    for (const hash of imageHashes) db.prepare('INSERT INTO album_photos (album_id, image_hash) VALUES (?, ?)').run(id, hash);
    ids.push(id);
  }
  return ids;
}
