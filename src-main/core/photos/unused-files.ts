import { chunked, deleteChunked } from '../db/chunked-keys.ts';
import { recountBeatsSubtracting, recountFiles, subtractDeletedFiles } from '../db/counters.ts';
import type { Db } from '../db/open-database.ts';
import { keepOnly, mostGo } from './keep-only.ts';

/**
 * "No photo uses it": asked once the doomed photos are gone. `ownHashes`: the hashes are the doomed
 * photos' own, so no photo can have one as its image hash any more (skips one lookup per file).
 */
const unusedFile = (column: string, ownHashes: boolean) => `
  NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.file_hash = ${column})
  AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.main_file = ${column})
  ${ownHashes ? '' : `AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.image_hash = ${column})`}`;

const allFiles = (db: Db): number => (db.prepare('SELECT SUM(num_files) FROM library_file_counts').pluck().get() as number | null) ?? 0;

const isEmpty = (db: Db, table: string): boolean => db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1;

/**
 * Deletes the file records among `hashes` that exist and no photo uses, with their copies and
 * embedded-media links, inside a bulk delete (counter triggers suspended: the counters are taken
 * care of here, see db/counters.ts). Which rows go is read in one statement into
 * `temp.unused_files`, driven by the list (json_each walks it in order, so sorted keys seek the
 * hash index in order) and off that index alone (it holds library_id and path). Kept in SQLite, not
 * handed to JavaScript: 100,000 rows read out cost 0.1 s more, and the temp table's pages are the
 * ones the Delete Missing preview's tables use too. When most of the table goes, it is emptied but
 * for the rest (keep-only.ts) and the libraries' counters recounted. Otherwise `files`, stored by
 * (library_id, path), loses them in path order after one read, in the same order, of the type and
 * size the counters lose — or, when most of the library goes, the counters are recounted from what
 * stays. Returns how many file records went.
 */
export function removeUnusedFiles(db: Db, hashes: readonly string[], ownHashes = false): number {
  if (hashes.length === 0) return 0;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS unused_files (hash TEXT PRIMARY KEY, library_id INTEGER NOT NULL, path TEXT NOT NULL) WITHOUT ROWID;
    DELETE FROM temp.unused_files;`);
  try {
    return removeListed(db, hashes, ownHashes);
  } finally {
    db.exec('DELETE FROM temp.unused_files');
  }
}

const IN_UNUSED = 'IN (SELECT hash FROM temp.unused_files)';

function removeListed(db: Db, hashes: readonly string[], ownHashes: boolean): number {
  const going = db
    .prepare(`INSERT OR IGNORE INTO temp.unused_files (hash, library_id, path)
      SELECT f.hash, f.library_id, f.path FROM json_each(?) j JOIN files f ON f.hash = j.value WHERE ${unusedFile('f.hash', ownHashes)}`)
    .run(JSON.stringify(hashes)).changes;
  if (going === 0) return 0;
  // Copies and embedded media are rare: skip the lookups when there are none at all.
  if (!isEmpty(db, 'file_embedded_media')) db.exec(`DELETE FROM file_embedded_media WHERE file_hash ${IN_UNUSED} OR embedded_hash ${IN_UNUSED}`);
  if (!isEmpty(db, 'file_copies')) db.exec(`DELETE FROM file_copies WHERE hash ${IN_UNUSED}`);
  const libraries = db.prepare('SELECT DISTINCT library_id FROM temp.unused_files').pluck().all() as number[];
  if (mostGo(going, allFiles(db))) {
    const removed = keepOnly(db, 'files', `hash NOT ${IN_UNUSED}`);
    for (const libraryId of libraries) recountFiles(db, libraryId);
    return removed;
  }
  let removed = 0;
  for (const libraryId of libraries) {
    const paths = db.prepare('SELECT path FROM temp.unused_files WHERE library_id = ?').pluck().all(libraryId) as string[];
    paths.sort();
    const where = (list: string) => `FROM files WHERE library_id = ${Number(libraryId)} AND path IN (${list})`;
    if (recountBeatsSubtracting(db, libraryId, paths.length)) {
      removed += deleteChunked(db, paths, (list) => `DELETE ${where(list)}`);
      recountFiles(db, libraryId);
      continue;
    }
    // What the counters lose, read in path order right before the same rows go (RETURNING costs more).
    const lost = new Map<string, { n: number; bytes: number }>();
    chunked(db, paths, (list) => `SELECT type, COUNT(*), SUM(size) ${where(list)} GROUP BY type`, (statement, part) => {
      for (const [type, n, bytes] of statement.raw().all(part) as [string, number, number][]) {
        const sum = lost.get(type) ?? { n: 0, bytes: 0 };
        lost.set(type, { n: sum.n + n, bytes: sum.bytes + bytes });
      }
    });
    removed += deleteChunked(db, paths, (list) => `DELETE ${where(list)}`);
    for (const [type, { n, bytes }] of lost) subtractDeletedFiles(db, libraryId, type, n, bytes);
  }
  return removed;
}
