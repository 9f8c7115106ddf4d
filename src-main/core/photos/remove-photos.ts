import { unlink } from 'node:fs/promises';
import type { Db } from '../db/open-database.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';

/**
 * Set-based removal of photos, shared by Delete Missing and "delete forever". The caller fills the
 * temp table `doomed_photos`, then counts (a preview) or deletes. Every statement works on whole
 * sets (no row-by-row loop in JavaScript), so 100,000 photos go in one transaction.
 *
 * Which file records go with the photos: every file of a doomed photo (linked, its main file, or the
 * file whose hash is the photo's own) that no surviving photo still uses; and, for Delete Missing,
 * the library's missing file records that no surviving photo uses (files a scan left behind). A file
 * whose hash is a surviving photo's own is always kept: if it comes back, the scan must find that
 * photo again, not make a second one. Files on disk are never touched.
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

/** Empties the temp tables (their rows are not needed once counted or deleted). */
export function clearDoomed(db: Db): void {
  db.exec('DELETE FROM temp.doomed_photos; DELETE FROM temp.doomed_files; DELETE FROM temp.doomed_file_candidates;');
}

/** What else goes with the doomed photos: the missing file records of this library nobody uses. */
export interface DoomOptions {
  readonly orphanMissingFilesOf?: number;
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

/**
 * Counts what the doomed set would remove, without changing anything (the confirm dialog's numbers).
 * Same rule as deleteDoomed, phrased for photos that are still there.
 */
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
    ).run(
      options.orphanMissingFilesOf,
    );
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

/**
 * Deletes the doomed photos with their album links (all four kinds), faces and file links, then the
 * file records nobody uses any more. Runs its own transaction with foreign-key enforcement off: every
 * table that refers to photos or files is cleaned here explicitly (a test checks this list against
 * the schema), and skipping SQLite's per-row cascade checks makes 100,000 photos several times
 * faster. Must not be called inside another transaction. Returns the image hashes whose thumbnails
 * are to be removed from disk once committed.
 */
export function deleteDoomed(db: Db, options: DoomOptions = {}): { counts: Omit<DoomedCounts, 'thumbnails'>; imageHashes: string[] } {
  if (db.inTransaction) throw new Error('deleteDoomed runs its own transaction: call it outside one');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF'); // a no-op inside a transaction: hence this function owns its own
  try {
    return db.transaction(() => {
      const imageHashes = db.prepare('SELECT image_hash FROM temp.doomed_photos').pluck().all() as string[];
      const restoreCounterTriggers = suspendDeleteCounters(db);
      collectCandidates(db);
      const album_links = db.prepare(`DELETE FROM album_photos WHERE image_hash ${IN_DOOMED}`).run().changes;
      const faces = db.prepare(`DELETE FROM faces WHERE image_hash ${IN_DOOMED}`).run().changes;
      db.prepare(`DELETE FROM photo_files WHERE image_hash ${IN_DOOMED}`).run();
      db.exec(`
        UPDATE library_counts SET num_photos = library_counts.num_photos - d.n, num_missing = library_counts.num_missing - d.missing,
          num_offline = library_counts.num_offline - d.offline, num_trashed = library_counts.num_trashed - d.trashed
        FROM (SELECT library_id, COUNT(*) AS n, SUM(availability = 'missing') AS missing, SUM(availability = 'offline') AS offline,
                SUM(in_trashcan) AS trashed FROM photos WHERE image_hash ${IN_DOOMED} GROUP BY library_id) AS d
        WHERE library_counts.library_id = d.library_id;`);
      const photos = db.prepare(`DELETE FROM photos WHERE image_hash ${IN_DOOMED}`).run().changes;
      // The doomed photos are gone now, so "no surviving photo uses it" is simply "no photo uses it".
      const unused = (column: string) => `
        NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.file_hash = ${column})
        AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.main_file = ${column})
        AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.image_hash = ${column})`;
      db.exec(`INSERT OR IGNORE INTO temp.doomed_files (hash) SELECT c.hash FROM temp.doomed_file_candidates c WHERE ${unused('c.hash')}`);
      if (options.orphanMissingFilesOf !== undefined) {
        db.prepare(`INSERT OR IGNORE INTO temp.doomed_files (hash) SELECT f.hash FROM files f
         WHERE f.library_id = ? AND f.missing = 1 AND f.hash NOT IN (SELECT hash FROM temp.doomed_files) AND ${unused('f.hash')}`).run(
          options.orphanMissingFilesOf,
        );
      }
      const inFiles = 'IN (SELECT hash FROM temp.doomed_files)';
      db.prepare(`DELETE FROM file_embedded_media WHERE file_hash ${inFiles}`).run();
      db.prepare(`DELETE FROM file_embedded_media WHERE embedded_hash ${inFiles}`).run();
      db.prepare(`DELETE FROM file_copies WHERE hash ${inFiles}`).run();
      // What the suspended triggers would have subtracted row by row, subtracted once per group.
      db.exec(`
        UPDATE library_file_counts SET num_files = library_file_counts.num_files - d.n, bytes = library_file_counts.bytes - d.size_sum
        FROM (SELECT f.library_id, f.type, COUNT(*) AS n, SUM(f.size) AS size_sum FROM files f WHERE f.hash ${inFiles} GROUP BY 1, 2) AS d
        WHERE library_file_counts.library_id = d.library_id AND library_file_counts.type = d.type;`);
      const files = db.prepare(`DELETE FROM files WHERE hash ${inFiles}`).run().changes;
      restoreCounterTriggers();
      clearDoomed(db);
      return { counts: { photos, faces, album_links, files }, imageHashes };
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
}

/** The row-by-row counter triggers deleteDoomed replaces with one grouped update each. */
const DELETE_COUNTER_TRIGGERS = ['photos_count_delete', 'files_count_delete'];

/**
 * Drops the delete counter triggers for the rest of the current transaction and returns the function
 * that re-creates them from their own stored SQL (so a later migration that changes them is honoured).
 * Done inside the transaction, this is invisible to other connections and undone by any rollback.
 * Firing per row, they cost about a fifth of deleting 100,000 photos; one grouped UPDATE costs nothing.
 */
function suspendDeleteCounters(db: Db): () => void {
  if (!db.inTransaction) throw new Error('counter triggers may only be suspended inside a transaction');
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${DELETE_COUNTER_TRIGGERS.map(() => '?').join(',')})`)
    .all(...DELETE_COUNTER_TRIGGERS) as { name: string; sql: string }[];
  if (triggers.length !== DELETE_COUNTER_TRIGGERS.length) throw new Error('the counter triggers are not the expected ones');
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  return () => {
    for (const trigger of triggers) db.exec(trigger.sql);
  };
}

/**
 * The tables deleteDoomed cleans for each table it deletes from. Kept next to it so the schema test
 * can prove no other table refers to photos or files (a new one must be added here and above).
 */
export const CLEANED_REFERENCES: Readonly<Record<'photos' | 'files', readonly string[]>> = {
  photos: ['album_photos.image_hash', 'faces.image_hash', 'photo_files.image_hash'],
  files: ['photos.main_file', 'photo_files.file_hash', 'file_copies.hash', 'file_embedded_media.file_hash', 'file_embedded_media.embedded_hash'],
};

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
