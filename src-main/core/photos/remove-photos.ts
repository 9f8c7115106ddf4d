import type Database from 'better-sqlite3';
import type { Db } from '../db/open-database.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import { unlinkFiles } from '../thumbnails/unlink-files.ts';

/**
 * Set-based removal of photos, shared by Delete Missing and "delete forever". A preview fills the
 * temp table `doomed_photos` and counts; the delete takes the photos' keys as a sorted list. Every statement works on a set
 * (the whole set, or chunks of 2,000 keys; no row-by-row loop in JavaScript), so 100,000 photos go
 * in one transaction.
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

/** Empties the temp tables (their rows are not needed once counted). */
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

/** Keys bound per statement by the chunked statements (well under SQLite's 32,766 parameters). */
const CHUNK = 2000;

/**
 * Runs `sql(list)` over `keys` in chunks, each chunk bound as a literal `IN (?, ?, …)` list, handing
 * each chunk's statement to `use`. Why not `IN (SELECT … FROM temp.doomed_photos)`: SQLite runs a
 * DELETE whose WHERE has a subquery in two passes (collect every key into a scratch b-tree, then seek
 * each row again), while with a plain list it deletes each row as it walks the index: removing
 * 400,000 album links takes half the time. Sorted keys keep the b-tree pages visited in order.
 */
function chunked(db: Db, keys: readonly string[], sql: (list: string) => string, use: (statement: Database.Statement, part: string[]) => void): void {
  let statement: Database.Statement | undefined;
  let size = -1;
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    if (part.length !== size) {
      statement = db.prepare(sql(part.map(() => '?').join(',')));
      size = part.length;
    }
    use(statement as Database.Statement, part);
  }
}

/** Deletes in chunks (see `chunked`); returns the rows deleted. */
function deleteChunked(db: Db, keys: readonly string[], sql: (list: string) => string): number {
  let changes = 0;
  chunked(db, keys, sql, (statement, part) => {
    changes += statement.run(part).changes;
  });
  return changes;
}

/** Separates hashes in group_concat (hashes are hex digits and a library id: never this). */
const SEP = '\u001f';

/**
 * "No photo uses it": asked once the doomed photos are gone. `ownHashes`: the hashes are the doomed
 * photos' own, so no photo can have one as its image hash any more (skips one lookup per file).
 */
const unusedFile = (column: string, ownHashes: boolean) => `
  NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.file_hash = ${column})
  AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.main_file = ${column})
  ${ownHashes ? '' : `AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.image_hash = ${column})`}`;

const isEmpty = (db: Db, table: string): boolean => db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1;

/**
 * A library's file counters are recounted from the rows that stay, instead of subtracting the rows
 * that go, when fewer than this many stay per row that goes. Reading what goes costs one b-tree seek
 * per row (1.5 µs, measured at 100,000 rows); recounting what stays is one ordered pass over the
 * library's rows (0.2 µs a row): past about 7 to 1, the pass is cheaper. When most of a library goes
 * (a drive that died, a tree deleted outside the app), that read was a fifth of Delete Missing.
 */
const RECOUNT_WHEN_STAYING_UNDER = 4;

/** Sets a library's file counters (per type) from its rows, in one pass over them (a type with none left: 0). */
function recountFiles(db: Db, libraryId: number): void {
  db.prepare('UPDATE library_file_counts SET num_files = 0, bytes = 0 WHERE library_id = ?').run(libraryId);
  db.prepare(
    `UPDATE library_file_counts SET num_files = counted.n, bytes = counted.bytes
     FROM (SELECT type, COUNT(*) AS n, SUM(size) AS bytes FROM files WHERE library_id = @libraryId GROUP BY type) AS counted
     WHERE library_file_counts.library_id = @libraryId AND library_file_counts.type = counted.type`,
  ).run({ libraryId });
}

/**
 * Deletes the file records among `hashes` that exist and no photo uses, with their copies and
 * embedded-media links, and takes them off the file counters (one update per library and type
 * instead of the per-row trigger). `files` is stored by (library_id, path): which rows go is read
 * off the hash index alone (it holds library_id and path), and they are deleted in path order after
 * one read, in the same order, of the type and size the counters need — or, when most of the
 * library goes, the counters are recounted from what stays. Returns how many file records went.
 */
function removeUnusedFiles(db: Db, hashes: readonly string[], ownHashes = false): number {
  const doomed: string[] = [];
  const pathsByLibrary = new Map<number, string[]>();
  chunked(
    db,
    hashes,
    (list) => `SELECT f.hash, f.library_id, f.path FROM files f WHERE f.hash IN (${list}) AND ${unusedFile('f.hash', ownHashes)}`,
    (statement, part) => {
      for (const [hash, libraryId, path] of statement.raw().all(part) as [string, number, string][]) {
        doomed.push(hash);
        const paths = pathsByLibrary.get(libraryId) ?? [];
        paths.push(path);
        pathsByLibrary.set(libraryId, paths);
      }
    },
  );
  if (doomed.length === 0) return 0;
  // Copies and embedded media are rare: skip the lookups when there are none at all.
  const json = JSON.stringify(doomed);
  const inDoomed = 'IN (SELECT value FROM json_each(?))';
  if (!isEmpty(db, 'file_embedded_media')) {
    db.prepare(`DELETE FROM file_embedded_media WHERE file_hash ${inDoomed} OR embedded_hash ${inDoomed}`).run(json, json);
  }
  if (!isEmpty(db, 'file_copies')) db.prepare(`DELETE FROM file_copies WHERE hash ${inDoomed}`).run(json);
  const groups = new Map<string, { libraryId: number; type: string; n: number; bytes: number }>();
  const filesOf = db.prepare('SELECT SUM(num_files) FROM library_file_counts WHERE library_id = ?').pluck();
  let removed = 0;
  for (const [libraryId, paths] of pathsByLibrary) {
    paths.sort();
    const where = (list: string) => `FROM files WHERE library_id = ${Number(libraryId)} AND path IN (${list})`;
    const staying = ((filesOf.get(libraryId) as number | null) ?? 0) - paths.length;
    if (staying < RECOUNT_WHEN_STAYING_UNDER * paths.length) {
      removed += deleteChunked(db, paths, (list) => `DELETE ${where(list)}`);
      recountFiles(db, libraryId);
      continue;
    }
    // What the counters lose, read in path order right before the same rows go (RETURNING costs more).
    chunked(db, paths, (list) => `SELECT type, COUNT(*), SUM(size) ${where(list)} GROUP BY type`, (statement, part) => {
      for (const [type, n, bytes] of statement.raw().all(part) as [string, number, number][]) {
        const key = `${libraryId}:${type}`;
        const group = groups.get(key) ?? { libraryId, type, n: 0, bytes: 0 };
        group.n += n;
        group.bytes += bytes;
        groups.set(key, group);
      }
    });
    removed += deleteChunked(db, paths, (list) => `DELETE ${where(list)}`);
  }
  const subtract = db.prepare('UPDATE library_file_counts SET num_files = num_files - ?, bytes = bytes - ? WHERE library_id = ? AND type = ?');
  for (const group of groups.values()) subtract.run(group.n, group.bytes, group.libraryId, group.type);
  return removed;
}

/**
 * Deletes the photos `imageHashes` (existing photos' keys, sorted as `Array.prototype.sort` sorts
 * them: the hashes are ASCII, so that is SQLite's own key order) with their album links (all four
 * kinds), faces and file links, then the file records nobody uses any more. Runs its own transaction with foreign-key enforcement off: every
 * table that refers to photos or files is cleaned here explicitly (a test checks this list against
 * the schema), and skipping SQLite's per-row cascade checks makes 100,000 photos several times
 * faster. Must not be called inside another transaction. Returns the image hashes whose thumbnails
 * are to be removed from disk once committed.
 */
export function deleteDoomed(db: Db, imageHashes: readonly string[], options: DoomOptions = {}): { counts: Omit<DoomedCounts, 'thumbnails'>; imageHashes: readonly string[] } {
  if (db.inTransaction) throw new Error('deleteDoomed runs its own transaction: call it outside one');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF'); // a no-op inside a transaction: hence this function owns its own
  try {
    return db.transaction(() => {
      const restoreCounterTriggers = suspendDeleteCounters(db);
      // One read of the doomed photos: what they count for per library, and the files they refer to
      // besides the one whose hash is the photo's own (usually their only file): a RAW, an XMP…
      const libraries = new Map<number, { n: number; missing: number; offline: number; trashed: number }>();
      const otherFiles = new Set<string>();
      const add = (libraryId: number, n: number, missing: number, offline: number, trashed: number, mains: string | null) => {
        const counts = libraries.get(libraryId) ?? { n: 0, missing: 0, offline: 0, trashed: 0 };
        libraries.set(libraryId, { n: counts.n + n, missing: counts.missing + missing, offline: counts.offline + offline, trashed: counts.trashed + trashed });
        if (mains !== null) for (const hash of mains.split(SEP)) otherFiles.add(hash);
      };
      const perPhoto = `COUNT(*), SUM(availability = 'missing'), SUM(availability = 'offline'), SUM(in_trashcan),
        group_concat(main_file, char(31)) FILTER (WHERE main_file <> image_hash)`;
      type Sums = [number, number, number, number, string | null];
      // Usually all of a chunk's photos are of one library: then one aggregate (no GROUP BY sort).
      chunked(
        db,
        imageHashes,
        (list) => `SELECT min(library_id), max(library_id), ${perPhoto} FROM photos WHERE image_hash IN (${list})`,
        (statement, part) => {
          const [low, high, ...sums] = statement.raw().get(part) as [number | null, number | null, ...Sums];
          if (low === null) return;
          if (low === high) {
            add(low, ...sums);
            return;
          }
          const byLibrary = db.prepare(`SELECT library_id, ${perPhoto} FROM photos WHERE image_hash IN (${part.map(() => '?').join(',')}) GROUP BY library_id`);
          for (const [libraryId, ...rest] of byLibrary.raw().all(part) as [number, ...Sums][]) add(libraryId, ...rest);
        },
      );
      chunked(
        db,
        imageHashes,
        (list) => `SELECT file_hash FROM photo_files WHERE image_hash IN (${list}) AND file_hash <> image_hash`,
        (statement, part) => {
          for (const hash of statement.pluck().all(part) as string[]) otherFiles.add(hash);
        },
      );
      const album_links = deleteChunked(db, imageHashes, (list) => `DELETE FROM album_photos WHERE image_hash IN (${list})`);
      const faces = deleteChunked(db, imageHashes, (list) => `DELETE FROM faces WHERE image_hash IN (${list})`);
      deleteChunked(db, imageHashes, (list) => `DELETE FROM photo_files WHERE image_hash IN (${list})`);
      const photos = deleteChunked(db, imageHashes, (list) => `DELETE FROM photos WHERE image_hash IN (${list})`);
      // What the suspended trigger would have subtracted row by row, subtracted once per library.
      const subtract = db.prepare(
        'UPDATE library_counts SET num_photos = num_photos - ?, num_missing = num_missing - ?, num_offline = num_offline - ?, num_trashed = num_trashed - ? WHERE library_id = ?',
      );
      for (const [libraryId, c] of libraries) subtract.run(c.n, c.missing, c.offline, c.trashed, libraryId);
      // The doomed photos are gone now, so "no surviving photo uses it" is simply "no photo uses it".
      const doomedSet = otherFiles.size === 0 ? undefined : new Set(imageHashes);
      const others = doomedSet === undefined ? [] : [...otherFiles].filter((hash) => !doomedSet.has(hash)).sort();
      let files = removeUnusedFiles(db, imageHashes, true) + removeUnusedFiles(db, others);
      if (options.orphanMissingFilesOf !== undefined) {
        // Missing file records a scan left behind without a photo (read after the candidates went,
        // so this reads only what is left of the library's missing files).
        const orphans = db.prepare('SELECT hash FROM files WHERE library_id = ? AND missing = 1').pluck().all(options.orphanMissingFilesOf) as string[];
        files += removeUnusedFiles(db, orphans);
      }
      restoreCounterTriggers();
      return { counts: { photos, faces, album_links, files }, imageHashes };
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
}

/**
 * Holds back SQLite's automatic WAL checkpoint until the returned function is called, which then
 * runs it at once (PASSIVE: never waits for readers or writers) and turns the automatic one back on.
 * After a large delete the checkpoint copies ~100 MB of pages back into the database file. Left
 * automatic, the first small write after the commit (a progress update) would do it on the spot;
 * held, the caller runs it while the thumbnails are removed in a worker thread, side by side.
 */
export function holdCheckpoint(db: Db): () => void {
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  return () => {
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    db.pragma('wal_checkpoint(PASSIVE)');
  };
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
 * purpose: once the rows are gone, a thumbnail left behind would be litter nobody can reach. A long
 * list is removed by a worker thread (see unlinkFiles), so the caller may block meanwhile.
 */
export function removeThumbnails(dataDir: string, imageHashes: readonly string[]): Promise<number> {
  return unlinkFiles(imageHashes.map((hash) => thumbnailPath(dataDir, hash)));
}
