import { unlink } from 'node:fs/promises';
import type Database from 'better-sqlite3';
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
    CREATE TEMP TABLE IF NOT EXISTS doomed_file_rows (hash TEXT NOT NULL, library_id INTEGER NOT NULL, type TEXT NOT NULL, size INTEGER NOT NULL);
    DELETE FROM temp.doomed_photos;
    DELETE FROM temp.doomed_files;
    DELETE FROM temp.doomed_file_candidates;`);
}

/** Empties the temp tables (their rows are not needed once counted or deleted). */
export function clearDoomed(db: Db): void {
  db.exec('DELETE FROM temp.doomed_photos; DELETE FROM temp.doomed_files; DELETE FROM temp.doomed_file_candidates; DELETE FROM temp.doomed_file_rows;');
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

/** Keys bound per statement by the one-pass deletes (well under SQLite's 32,766 parameters). */
const CHUNK = 2000;

/**
 * Runs `sql(list)` over `keys` in chunks, each chunk bound as a literal `IN (?, ?, …)` list; returns
 * the rows changed. Why not `IN (SELECT … FROM temp.doomed_photos)`: SQLite runs a DELETE whose WHERE
 * has a subquery in two passes (collect every key into a scratch b-tree, then seek each row again),
 * while with a plain list it deletes each row as it walks the index: removing 400,000 album links
 * takes half the time. Sorted keys keep the b-tree pages visited in order.
 */
function runChunked(db: Db, keys: readonly string[], sql: (list: string) => string): number {
  let changes = 0;
  let statement: Database.Statement | undefined;
  let size = -1;
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    if (part.length !== size) {
      statement = db.prepare(sql(part.map(() => '?').join(',')));
      size = part.length;
    }
    changes += (statement as Database.Statement).run(part).changes;
  }
  return changes;
}

/** "No photo uses it": the doomed photos are gone by the time this is asked. */
const unusedFile = (column: string) => `
  NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.file_hash = ${column})
  AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.main_file = ${column})
  AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.image_hash = ${column})`;

/**
 * Deletes the file records among `hashes` that exist and no photo uses, with their copies and
 * embedded-media links, and subtracts them from the file counters (one grouped update instead of the
 * per-row trigger). The rows to delete are gathered with what the counters need, so `files` is read
 * once. Returns how many file records went.
 */
function removeUnusedFiles(db: Db, hashes: readonly string[]): number {
  db.exec('DELETE FROM temp.doomed_file_rows');
  runChunked(
    db,
    hashes,
    (list) => `INSERT INTO temp.doomed_file_rows (hash, library_id, type, size)
      SELECT f.hash, f.library_id, f.type, f.size FROM files f WHERE f.hash IN (${list}) AND ${unusedFile('f.hash')}`,
  );
  const doomed = db.prepare('SELECT hash FROM temp.doomed_file_rows').pluck().all() as string[];
  if (doomed.length === 0) return 0;
  const inFiles = 'IN (SELECT hash FROM temp.doomed_file_rows)';
  db.prepare(`DELETE FROM file_embedded_media WHERE file_hash ${inFiles}`).run();
  db.prepare(`DELETE FROM file_embedded_media WHERE embedded_hash ${inFiles}`).run();
  db.prepare(`DELETE FROM file_copies WHERE hash ${inFiles}`).run();
  // What the suspended trigger would have subtracted row by row, subtracted once per group.
  db.exec(`
    UPDATE library_file_counts SET num_files = library_file_counts.num_files - d.n, bytes = library_file_counts.bytes - d.size_sum
    FROM (SELECT library_id, type, COUNT(*) AS n, SUM(size) AS size_sum FROM temp.doomed_file_rows GROUP BY 1, 2) AS d
    WHERE library_file_counts.library_id = d.library_id AND library_file_counts.type = d.type;`);
  return runChunked(db, doomed, (list) => `DELETE FROM files WHERE hash IN (${list})`);
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
      const imageHashes = db.prepare('SELECT image_hash FROM temp.doomed_photos ORDER BY image_hash').pluck().all() as string[];
      const restoreCounterTriggers = suspendDeleteCounters(db);
      // The files the doomed photos refer to: the one whose hash is the photo's own (usually its only
      // file), plus the few others they link or have as main file (a RAW, an XMP sidecar…).
      const otherFiles = db
        .prepare(
          `SELECT pf.file_hash FROM temp.doomed_photos d JOIN photo_files pf ON pf.image_hash = d.image_hash WHERE pf.file_hash <> d.image_hash
           UNION
           SELECT p.main_file FROM temp.doomed_photos d JOIN photos p ON p.image_hash = d.image_hash WHERE p.main_file <> d.image_hash`,
        )
        .pluck()
        .all() as string[];
      const candidates = otherFiles.length === 0 ? imageHashes : [...new Set([...imageHashes, ...otherFiles])].sort();
      const album_links = runChunked(db, imageHashes, (list) => `DELETE FROM album_photos WHERE image_hash IN (${list})`);
      const faces = runChunked(db, imageHashes, (list) => `DELETE FROM faces WHERE image_hash IN (${list})`);
      runChunked(db, imageHashes, (list) => `DELETE FROM photo_files WHERE image_hash IN (${list})`);
      // What the suspended trigger would have subtracted row by row, subtracted once per library.
      db.exec(`
        UPDATE library_counts SET num_photos = library_counts.num_photos - d.n, num_missing = library_counts.num_missing - d.missing,
          num_offline = library_counts.num_offline - d.offline, num_trashed = library_counts.num_trashed - d.trashed
        FROM (SELECT library_id, COUNT(*) AS n, SUM(availability = 'missing') AS missing, SUM(availability = 'offline') AS offline,
                SUM(in_trashcan) AS trashed FROM photos WHERE image_hash ${IN_DOOMED} GROUP BY library_id) AS d
        WHERE library_counts.library_id = d.library_id;`);
      const photos = runChunked(db, imageHashes, (list) => `DELETE FROM photos WHERE image_hash IN (${list})`);
      // The doomed photos are gone now, so "no surviving photo uses it" is simply "no photo uses it".
      let files = removeUnusedFiles(db, candidates);
      if (options.orphanMissingFilesOf !== undefined) {
        // Missing file records a scan left behind without a photo (asked after the candidates went,
        // so this reads only what is left of the library's missing files).
        const orphans = db.prepare('SELECT hash FROM files WHERE library_id = ? AND missing = 1').pluck().all(options.orphanMissingFilesOf) as string[];
        files += removeUnusedFiles(db, orphans);
      }
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
