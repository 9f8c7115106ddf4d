import { chunked, deleteChunked } from '../db/chunked-keys.ts';
import { recountBeatsSubtracting, recountFiles, subtractDeletedFiles } from '../db/counters.ts';
import type { Db } from '../db/open-database.ts';

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
 * Deletes the file records among `hashes` that exist and no photo uses, with their copies and
 * embedded-media links, inside a bulk delete (counter triggers suspended: the counters are taken
 * care of here, see db/counters.ts). `files` is stored by (library_id, path): which rows go is read
 * off the hash index alone (it holds library_id and path), and they are deleted in path order after
 * one read, in the same order, of the type and size the counters lose — or, when most of the
 * library goes, the counters are recounted from what stays. Returns how many file records went.
 */
export function removeUnusedFiles(db: Db, hashes: readonly string[], ownHashes = false): number {
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
  let removed = 0;
  for (const [libraryId, paths] of pathsByLibrary) {
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
