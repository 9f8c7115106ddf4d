/**
 * Test-only helpers: temp folders and rows inserted by SQL, so that queries, counters and jobs can be
 * tested on a real SQLite database without running a scan.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileType } from '../../src-shared/domain.ts';
import { refreshAvailability } from '../../src-main/core/photos/availability.ts';
import { thumbnailPath } from '../../src-main/core/thumbnails/thumbnail-path.ts';
import type { Db } from '../../src-main/core/db/open-database.ts';

/** A fresh temp folder, removed by the returned cleanup. */
export function makeTempDir(prefix = 'keepsake-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;
/** A unique, well-formed file hash of a library (MD5 hex + library id). */
export function fakeHash(libraryId: number, seed = `seed-${process.pid}-${++counter}`): string {
  return createHash('md5').update(seed).digest('hex') + String(libraryId);
}

/** Inserts a library with one root (the folder is not created). */
export function seedLibrary(db: Db, name: string, rootPath: string): { libraryId: number; rootId: number } {
  const stamp = '2024-01-01T00:00:00.000Z';
  const libraryId = Number(db.prepare('INSERT INTO libraries (name, created_at) VALUES (?, ?)').run(name, stamp).lastInsertRowid);
  const rootId = Number(db.prepare('INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, ?)').run(libraryId, rootPath, stamp).lastInsertRowid);
  return { libraryId, rootId };
}

export interface SeedFile {
  readonly path: string;
  readonly type?: FileType;
  readonly missing?: boolean;
  readonly size?: number;
  readonly rootId?: number | null;
}

/** Inserts one file row; returns its hash. */
export function seedFile(db: Db, libraryId: number, file: SeedFile, hash = fakeHash(libraryId)): string {
  db.prepare(
    `INSERT INTO files (hash, library_id, root_id, path, type, missing, size, mtime_ms, missing_since)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  ).run(hash, libraryId, file.rootId ?? null, file.path, file.type ?? 'IMAGE', file.missing === true ? 1 : 0, file.size ?? 100, file.missing === true ? '2024-02-01T00:00:00.000Z' : null);
  return hash;
}

/**
 * Inserts a photo with its files (the first is the main file and gives the image hash), links them
 * and computes its availability with the one rule. `mainFile: null` leaves the photo without one.
 */
export function seedPhoto(
  db: Db,
  libraryId: number,
  files: readonly SeedFile[],
  options: { capturedAt?: string | null; addedAt?: string; mainFile?: null; hasThumbnail?: boolean; inTrash?: boolean; link?: boolean } = {},
): { imageHash: string; fileHashes: string[] } {
  const fileHashes = files.map((file) => seedFile(db, libraryId, file));
  const imageHash = fileHashes[0] ?? fakeHash(libraryId);
  db.prepare(
    `INSERT INTO photos (image_hash, library_id, main_file, captured_at, added_at, has_thumbnail, in_trashcan, trashed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    imageHash,
    libraryId,
    options.mainFile === null ? null : (fileHashes[0] ?? null),
    options.capturedAt ?? null,
    options.addedAt ?? '2024-01-01T00:00:00.000Z',
    options.hasThumbnail === true ? 1 : 0,
    options.inTrash === true ? 1 : 0,
    options.inTrash === true ? '2024-03-01T00:00:00.000Z' : null,
  );
  if (options.link !== false) {
    const link = db.prepare('INSERT INTO photo_files (image_hash, file_hash) VALUES (?, ?)');
    for (const fileHash of fileHashes) link.run(imageHash, fileHash);
  }
  refreshAvailability(db, libraryId, [imageHash]);
  return { imageHash, fileHashes };
}

/** Writes a small fake thumbnail file where Keepsake keeps a photo's thumbnail. */
export function seedThumbnail(dataDir: string, imageHash: string): string {
  const path = thumbnailPath(dataDir, imageHash);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, 'webp');
  return path;
}

/** Real COUNTs of what the trigger-kept counters hold, for one library. */
export function realCounts(db: Db, libraryId: number): Record<string, number> {
  return db
    .prepare(
      `SELECT
        (SELECT COUNT(*) FROM photos WHERE library_id = @id) AS num_photos,
        (SELECT COUNT(*) FROM photos WHERE library_id = @id AND availability = 'missing') AS num_missing,
        (SELECT COUNT(*) FROM photos WHERE library_id = @id AND availability = 'offline') AS num_offline,
        (SELECT COUNT(*) FROM photos WHERE library_id = @id AND in_trashcan = 1) AS num_trashed,
        (SELECT COUNT(*) FROM files WHERE library_id = @id) AS num_files,
        (SELECT coalesce(SUM(size), 0) FROM files WHERE library_id = @id) AS bytes`,
    )
    .get({ id: libraryId }) as Record<string, number>;
}

/** What the counters hold for one library, in the shape of realCounts. */
export function counterValues(db: Db, libraryId: number): Record<string, number> {
  return db
    .prepare(
      `SELECT c.num_photos, c.num_missing, c.num_offline, c.num_trashed,
        (SELECT SUM(num_files) FROM library_file_counts WHERE library_id = @id) AS num_files,
        (SELECT SUM(bytes) FROM library_file_counts WHERE library_id = @id) AS bytes
       FROM library_counts c WHERE c.library_id = @id`,
    )
    .get({ id: libraryId }) as Record<string, number>;
}
