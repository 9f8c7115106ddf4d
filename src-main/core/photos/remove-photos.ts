import { unlink } from 'node:fs/promises';
import type { Db } from '../db/open-database.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';

/**
 * Set-based removal of photos, shared by Delete Missing and "delete forever": the caller fills the
 * temp table `doomed_photos` (and may add extra file hashes to `doomed_files`), then counts or
 * deletes. Every statement works on whole sets (no row-by-row loop), so 100,000 photos go in one
 * transaction in well under a second.
 */
export function prepareDoomed(db: Db): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS doomed_photos (image_hash TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS doomed_files (hash TEXT PRIMARY KEY) WITHOUT ROWID;
    DELETE FROM temp.doomed_photos;
    DELETE FROM temp.doomed_files;`);
}

/** Empties the temp tables (their rows are not needed once counted or deleted). */
export function clearDoomed(db: Db): void {
  db.exec('DELETE FROM temp.doomed_photos; DELETE FROM temp.doomed_files;');
}

/**
 * Adds to `doomed_files` every file record of the doomed photos (linked, main file, or the file whose
 * hash is the photo's own) that no surviving photo still uses. Files on disk are never touched.
 */
export function collectDoomedFiles(db: Db): void {
  db.exec(`
    INSERT OR IGNORE INTO temp.doomed_files (hash)
    SELECT c.hash FROM (
      SELECT pf.file_hash AS hash FROM photo_files pf WHERE pf.image_hash IN (SELECT image_hash FROM temp.doomed_photos)
      UNION SELECT p.main_file FROM photos p WHERE p.image_hash IN (SELECT image_hash FROM temp.doomed_photos) AND p.main_file IS NOT NULL
      UNION SELECT d.image_hash FROM temp.doomed_photos d WHERE EXISTS (SELECT 1 FROM files f WHERE f.hash = d.image_hash)
    ) c
    WHERE NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.file_hash = c.hash AND pf.image_hash NOT IN (SELECT image_hash FROM temp.doomed_photos))
      AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.main_file = c.hash AND p.image_hash NOT IN (SELECT image_hash FROM temp.doomed_photos))
      AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.image_hash = c.hash AND p.image_hash NOT IN (SELECT image_hash FROM temp.doomed_photos));`);
}

/**
 * Adds to \`doomed_files\` a library's missing file records that no surviving photo uses (files a scan
 * detached from their photo). A file whose hash is a surviving photo's own is kept: if it comes back,
 * the scan must find that photo again, not make a second one.
 */
export function collectOrphanMissingFiles(db: Db, libraryId: number): void {
  db.prepare(
    `INSERT OR IGNORE INTO temp.doomed_files (hash)
     SELECT f.hash FROM files f WHERE f.library_id = ? AND f.missing = 1
       AND NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.file_hash = f.hash AND pf.image_hash NOT IN (SELECT image_hash FROM temp.doomed_photos))
       AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.main_file = f.hash AND p.image_hash NOT IN (SELECT image_hash FROM temp.doomed_photos))
       AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.image_hash = f.hash AND p.image_hash NOT IN (SELECT image_hash FROM temp.doomed_photos))`,
  ).run(libraryId);
}

/** What removing the doomed set takes with it. */
export interface DoomedCounts {
  photos: number;
  faces: number;
  album_links: number;
  files: number;
  thumbnails: number;
}

/** Counts what the doomed set would remove. */
export function countDoomed(db: Db): DoomedCounts {
  return db
    .prepare(
      `SELECT
        (SELECT COUNT(*) FROM temp.doomed_photos) AS photos,
        (SELECT COUNT(*) FROM faces WHERE image_hash IN (SELECT image_hash FROM temp.doomed_photos)) AS faces,
        (SELECT COUNT(*) FROM album_photos WHERE image_hash IN (SELECT image_hash FROM temp.doomed_photos)) AS album_links,
        (SELECT COUNT(*) FROM temp.doomed_files) AS files,
        (SELECT COUNT(*) FROM photos WHERE has_thumbnail = 1 AND image_hash IN (SELECT image_hash FROM temp.doomed_photos)) AS thumbnails`,
    )
    .get() as DoomedCounts;
}

/**
 * Deletes the doomed photos with their album links (all four kinds), faces, file links and the
 * doomed file records. Call inside a transaction. Returns the image hashes whose thumbnails are to be
 * removed from disk once the transaction has committed.
 */
export function deleteDoomed(db: Db): { counts: Omit<DoomedCounts, 'thumbnails'>; imageHashes: string[] } {
  const imageHashes = db.prepare('SELECT image_hash FROM temp.doomed_photos').pluck().all() as string[];
  const inDoomed = 'IN (SELECT image_hash FROM temp.doomed_photos)';
  const album_links = db.prepare(`DELETE FROM album_photos WHERE image_hash ${inDoomed}`).run().changes;
  const faces = db.prepare(`DELETE FROM faces WHERE image_hash ${inDoomed}`).run().changes;
  db.prepare(`DELETE FROM photo_files WHERE image_hash ${inDoomed}`).run();
  const photos = db.prepare(`DELETE FROM photos WHERE image_hash ${inDoomed}`).run().changes;
  const inFiles = 'IN (SELECT hash FROM temp.doomed_files)';
  db.prepare(`DELETE FROM photo_files WHERE file_hash ${inFiles}`).run();
  db.prepare(`DELETE FROM file_embedded_media WHERE file_hash ${inFiles} OR embedded_hash ${inFiles}`).run();
  db.prepare(`DELETE FROM file_copies WHERE hash ${inFiles}`).run();
  const files = db.prepare(`DELETE FROM files WHERE hash ${inFiles}`).run().changes;
  return { counts: { photos, faces, album_links, files }, imageHashes };
}

/**
 * Removes the thumbnails of removed photos from disk; returns how many were there. Not cancellable on
 * purpose: once the rows are gone, a thumbnail left behind would be litter nobody can reach.
 */
export async function removeThumbnails(dataDir: string, imageHashes: readonly string[]): Promise<number> {
  let removed = 0;
  let next = 0;
  // A few unlinks in flight at once: the disk, not the loop, is the limit.
  const worker = async (): Promise<void> => {
    while (next < imageHashes.length) {
      const hash = imageHashes[next++] as string;
      try {
        await unlink(thumbnailPath(dataDir, hash));
        removed++;
      } catch {
        // Never made, or already gone.
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return removed;
}
