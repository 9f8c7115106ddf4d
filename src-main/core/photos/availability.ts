import type { Db } from '../db/open-database.ts';
import { preparedOnce } from '../db/prepared.ts';

/**
 * The one missing rule, scoped by library: a photo is missing when it has no present file or no
 * main file. A file is present when it is not flagged missing and its root is online. A photo with
 * no present file but a file under a root that is not online is *offline*, never missing: a drive
 * that is not plugged in loses nothing.
 *
 * `photos.availability` is written here and nowhere else; lists read it, and the stats counters
 * follow it through the photos_count_update trigger (see db/counters.ts).
 */

/**
 * What the files of photo `imageHash` say, in one pass over them (an aggregate, not one EXISTS per
 * question): bit 1, a present file; bit 2, a file under a root that is not online. NULL: no file.
 */
const filesSay = (imageHash: string) => `(
  SELECT max(f.missing = 0 AND coalesce(r.state, 'online') = 'online') + 2 * coalesce(max(r.state <> 'online'), 0)
  FROM photo_files pf JOIN files f ON f.hash = pf.file_hash LEFT JOIN roots r ON r.id = f.root_id
  WHERE pf.image_hash = ${imageHash})`;

/** The rule, from what the files say (`next.says`) and the photo's main file. */
const AVAILABILITY = `CASE
    WHEN photos.main_file IS NOT NULL AND (next.says & 1) THEN 'present'
    WHEN (next.says & 2) THEN 'offline'
    ELSE 'missing'
  END`;

/**
 * The refresh as one statement. What the files say is gathered once per photo in a MATERIALIZED
 * CTE: as a plain subquery SQLite would flatten it and gather it again for each place that names
 * it (measured 3.8× slower at 10,000 photos). Listed photos are read from the list, by key — their
 * files first, the photo row once, by the update — never by walking the library's index.
 */
const refreshSql = (photosToRefresh: string) => `
  WITH next AS MATERIALIZED (${photosToRefresh})
  UPDATE photos SET
    availability = ${AVAILABILITY},
    missing_since = CASE WHEN ${AVAILABILITY} = 'missing' THEN coalesce(photos.missing_since, @stamp) END
  FROM next
  WHERE photos.image_hash = next.h AND +photos.library_id = @libraryId
    AND (photos.availability IS NOT ${AVAILABILITY} OR (${AVAILABILITY} = 'missing' AND photos.missing_since IS NULL))`;

const LIBRARY_SQL = refreshSql(`SELECT image_hash AS h, ${filesSay('photos.image_hash')} AS says FROM photos WHERE library_id = @libraryId`);
const LISTED_SQL = refreshSql(`SELECT j.value AS h, ${filesSay('j.value')} AS says FROM json_each(@hashes) j`);

/**
 * Recomputes `availability` (and `missing_since`) for a library's photos: all of them, or only
 * `imageHashes`. Returns how many photos changed. Runs inside the caller's transaction if any.
 *
 * The write entry point of availability: the file-presence flags (files/file-presence.ts) call it
 * for the photos they touched, and the few writers that change roots call it for what they changed.
 */
export function refreshAvailability(db: Db, libraryId: number, imageHashes?: readonly string[], now = new Date()): number {
  const stamp = now.toISOString();
  if (imageHashes === undefined) return preparedOnce(db, LIBRARY_SQL).run({ libraryId, stamp }).changes;
  if (imageHashes.length === 0) return 0;
  return preparedOnce(db, LISTED_SQL).run({ libraryId, stamp, hashes: JSON.stringify(imageHashes) }).changes;
}
