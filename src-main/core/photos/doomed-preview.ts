import type { Db } from '../db/open-database.ts';

/**
 * The confirm dialog's numbers for a removal of photos (Delete Missing): the caller fills the temp
 * table `doomed_photos`, `countDoomed` says what would go with them, and nothing is changed.
 *
 * Which file records go with the photos: every file of a doomed photo (linked, its main file, or the
 * file whose hash is the photo's own) that no surviving photo still uses; and, for Delete Missing,
 * the library's missing file records that no surviving photo uses (files a scan left behind). A file
 * whose hash is a surviving photo's own is always kept: if it comes back, the scan must find that
 * photo again, not make a second one. The delete itself (delete-doomed.ts) follows the same rule.
 */
export function prepareDoomed(db: Db): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS doomed_photos (image_hash TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS doomed_files (hash TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS doomed_file_candidates (hash TEXT PRIMARY KEY) WITHOUT ROWID;
    DELETE FROM temp.doomed_photos;
    DELETE FROM temp.doomed_files;
    DELETE FROM temp.doomed_file_candidates;`);
}

/** Empties the temp tables (their rows are not needed once counted). */
export function clearDoomed(db: Db): void {
  db.exec('DELETE FROM temp.doomed_photos; DELETE FROM temp.doomed_files; DELETE FROM temp.doomed_file_candidates;');
}

/** What else goes with the doomed photos: the missing file records of this library nobody uses. */
export interface DoomOptions {
  readonly orphanMissingFilesOf?: number;
  /** Called inside the delete's transaction once the rows went (the undo record is written there). */
  readonly record?: (counts: Omit<DoomedCounts, 'thumbnails'>) => void;
}

/** What removing the doomed set takes with it. */
export interface DoomedCounts {
  photos: number;
  faces: number;
  album_links: number;
  files: number;
  thumbnails: number;
}

const IN_DOOMED = 'IN (SELECT image_hash FROM temp.doomed_photos)';
const NOT_DOOMED = `NOT IN (SELECT image_hash FROM temp.doomed_photos)`;

/** The files the doomed photos refer to, whoever else may still use them (three inserts: no UNION sort). */
function collectCandidates(db: Db): void {
  db.exec(`
    INSERT OR IGNORE INTO temp.doomed_file_candidates (hash) SELECT pf.file_hash FROM photo_files pf WHERE pf.image_hash ${IN_DOOMED};
    INSERT OR IGNORE INTO temp.doomed_file_candidates (hash) SELECT p.main_file FROM photos p WHERE p.image_hash ${IN_DOOMED} AND p.main_file IS NOT NULL;
    INSERT OR IGNORE INTO temp.doomed_file_candidates (hash) SELECT d.image_hash FROM temp.doomed_photos d WHERE EXISTS (SELECT 1 FROM files f WHERE f.hash = d.image_hash);`);
}

/** Counts what the doomed set would remove, without changing anything. */
export function countDoomed(db: Db, options: DoomOptions = {}): DoomedCounts {
  collectCandidates(db);
  const unusedBySurvivors = (column: string) => `
    NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.file_hash = ${column} AND pf.image_hash ${NOT_DOOMED})
    AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.main_file = ${column} AND p.image_hash ${NOT_DOOMED})
    AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.image_hash = ${column} AND p.image_hash ${NOT_DOOMED})`;
  db.exec(`INSERT OR IGNORE INTO temp.doomed_files (hash) SELECT c.hash FROM temp.doomed_file_candidates c WHERE ${unusedBySurvivors('c.hash')}`);
  if (options.orphanMissingFilesOf !== undefined) {
    db.prepare(
      `INSERT OR IGNORE INTO temp.doomed_files (hash) SELECT f.hash FROM files f
       WHERE f.library_id = ? AND f.missing = 1 AND f.hash NOT IN (SELECT hash FROM temp.doomed_files) AND ${unusedBySurvivors('f.hash')}`,
    ).run(options.orphanMissingFilesOf);
  }
  return db
    .prepare(
      `SELECT
        (SELECT COUNT(*) FROM temp.doomed_photos) AS photos,
        (SELECT COUNT(*) FROM faces WHERE image_hash ${IN_DOOMED}) AS faces,
        (SELECT COUNT(*) FROM album_photos WHERE image_hash ${IN_DOOMED}) AS album_links,
        (SELECT COUNT(*) FROM temp.doomed_files) AS files,
        (SELECT COUNT(*) FROM photos WHERE has_thumbnail = 1 AND image_hash ${IN_DOOMED}) AS thumbnails`,
    )
    .get() as DoomedCounts;
}
