import type { Db } from '../db/open-database.ts';

/**
 * The one missing rule, scoped by library: a photo is missing when it has no present file or no
 * main file. A file is present when it is not flagged missing and its root is online. A photo with
 * no present file but a file under a root that is not online is *offline*, never missing: a drive
 * that is not plugged in loses nothing.
 *
 * Every job that changes files, roots or main files calls `refreshAvailability` for what it touched;
 * the `photos.availability` column it writes feeds lists and (through triggers) the stats counters.
 */
const AVAILABILITY_SQL = `
  CASE
    WHEN photos.main_file IS NOT NULL AND EXISTS (
      SELECT 1 FROM photo_files pf
      JOIN files f ON f.hash = pf.file_hash
      LEFT JOIN roots r ON r.id = f.root_id
      WHERE pf.image_hash = photos.image_hash AND f.missing = 0 AND coalesce(r.state, 'online') = 'online'
    ) THEN 'present'
    WHEN EXISTS (
      SELECT 1 FROM photo_files pf
      JOIN files f ON f.hash = pf.file_hash
      JOIN roots r ON r.id = f.root_id
      WHERE pf.image_hash = photos.image_hash AND r.state <> 'online'
    ) THEN 'offline'
    ELSE 'missing'
  END`;

const CHUNK = 500;

/**
 * Recomputes `availability` (and `missing_since`) for a library's photos: all of them, or only
 * `imageHashes`. Returns how many photos changed. Runs inside the caller's transaction if any.
 */
export function refreshAvailability(db: Db, libraryId: number, imageHashes?: readonly string[], now = new Date()): number {
  const stamp = now.toISOString();
  // [performance helper] With a list of photos, `+library_id` keeps SQLite from walking the whole
  // library's (library_id, …) index for every chunk of 500 (it preferred that to the hash list):
  // each chunk reads only its own photos by primary key. Without it a first scan was quadratic.
  const sql = (filter: string, plus = filter === '' ? '' : '+') => `
    UPDATE photos SET
      availability = next.value,
      missing_since = CASE WHEN next.value = 'missing' THEN coalesce(photos.missing_since, @stamp) ELSE NULL END
    FROM (SELECT image_hash AS h, ${AVAILABILITY_SQL} AS value FROM photos WHERE ${plus}library_id = @libraryId ${filter}) AS next
    WHERE photos.image_hash = next.h AND ${plus}photos.library_id = @libraryId
      AND (photos.availability IS NOT next.value OR (next.value = 'missing' AND photos.missing_since IS NULL))`;
  if (imageHashes === undefined) {
    return db.prepare(sql('')).run({ libraryId, stamp }).changes;
  }
  let changed = 0;
  for (let i = 0; i < imageHashes.length; i += CHUNK) {
    const chunk = imageHashes.slice(i, i + CHUNK);
    const params = Object.fromEntries(chunk.map((h, j) => [`h${j}`, h]));
    const list = chunk.map((_, j) => `@h${j}`).join(',');
    changed += db.prepare(sql(`AND image_hash IN (${list})`)).run({ libraryId, stamp, ...params }).changes;
  }
  return changed;
}

/** SQL condition selecting one library's missing photos; the library is always bound, never or-ed away. */
export const MISSING_PHOTOS_WHERE = `(photos.library_id = @libraryId AND photos.availability = 'missing')`;
/** SQL condition selecting one library's offline photos. */
export const OFFLINE_PHOTOS_WHERE = `(photos.library_id = @libraryId AND photos.availability = 'offline')`;
