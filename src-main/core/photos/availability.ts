import type { Db } from '../db/open-database.ts';
import { chunked } from '../db/chunked-keys.ts';
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

/**
 * The rule for a photo whose one linked file is `f` (alone: no other file links to it), as a column:
 * present when `f` is present and is its main file; offline when `f` is not present and its root is
 * not online; missing otherwise. NULL where this single-file shortcut does not decide: a photo with
 * other files, or whose present file is not its main file (the main-file rule goes first there).
 */
const LONE_AVAILABILITY = `CASE
    WHEN EXISTS (SELECT 1 FROM photo_files o WHERE o.image_hash = pf.image_hash AND o.file_hash <> pf.file_hash) THEN NULL
    WHEN f.missing = 0 AND coalesce(r.state, 'online') = 'online'
      THEN CASE WHEN (SELECT main_file FROM photos WHERE image_hash = pf.image_hash) = f.hash THEN 'present' END
    WHEN coalesce(r.state, 'online') <> 'online' THEN 'offline'
    ELSE 'missing'
  END`;
/**
 * Driven by the files' hashes, sorted: the links, and the photos keyed like their files, are then
 * read in key order (in a moved folder's path order, one random seek each: about twice the time,
 * measured). `+` keeps SQLite from reading the library's every file by the key's first column.
 */
const lonePhotosSql = (list: string) => `
  SELECT pf.image_hash, ${LONE_AVAILABILITY}
  FROM photo_files pf JOIN files f ON f.hash = pf.file_hash LEFT JOIN roots r ON r.id = f.root_id
  WHERE pf.file_hash IN (${list}) AND +f.library_id = ?`;
/** One availability written to a set of photos, with the refresh's missing_since and its guard (rows already right are not rewritten). */
const setAvailabilitySql = (availability: 'present' | 'missing' | 'offline') => (list: string) => `
  UPDATE photos SET availability = '${availability}',
    missing_since = ${availability === 'missing' ? 'coalesce(missing_since, ?)' : 'NULL'}
  WHERE image_hash IN (${list}) AND +library_id = ?
    AND (availability IS NOT '${availability}'${availability === 'missing' ? ' OR missing_since IS NULL' : ''})`;

/** Photos of one availability each, as the single-file shortcut found them. */
type LoneOutcome = Record<'present' | 'missing' | 'offline', string[]>;

/** Writes each outcome's photos, sorted: visited in key order, and the Missing view's index gets its entries in order. */
function writeLoneOutcome(db: Db, libraryId: number, outcome: LoneOutcome, now: Date): void {
  const stamp = now.toISOString();
  for (const availability of ['present', 'missing', 'offline'] as const) {
    chunked(db, outcome[availability].sort(), setAvailabilitySql(availability), (statement, part) => {
      if (availability === 'missing') statement.run(stamp, ...part, libraryId);
      else statement.run(...part, libraryId);
    });
  }
}

/**
 * Refreshes, set-based, the photos of the listed files that have no other file: a moved folder's
 * photos, nearly always. Their availability follows from that one file's row and root alone (the same
 * rule as refreshAvailability), so they are read in one statement per chunk of keys and written in
 * one per chunk and outcome, in key order — no per-photo aggregate, and no main-file choice (a
 * photo's only file is its main file or none is present). Returns the other photos of these files,
 * which need chooseMainFiles and refreshAvailability. Runs inside the caller's transaction; the
 * counters follow through their trigger, as for any availability write.
 */
export function refreshLonePhotos(db: Db, libraryId: number, fileHashes: readonly string[], now = new Date()): string[] {
  if (fileHashes.length === 0) return [];
  const outcome: LoneOutcome = { present: [], missing: [], offline: [] };
  const others = new Set<string>();
  chunked(db, [...fileHashes].sort(), lonePhotosSql, (statement, part) => {
    for (const [imageHash, availability] of statement.raw().all(...part, libraryId) as [string, keyof LoneOutcome | null][]) {
      if (availability === null) others.add(imageHash);
      else outcome[availability].push(imageHash);
    }
  });
  writeLoneOutcome(db, libraryId, outcome, now);
  return [...others];
}

const OFFLINE_ROOTS = `SELECT id FROM roots WHERE library_id = ? AND state <> 'online'`;

/** The photos of files by hash, and whether another file links to the photo too (only the links are read). */
const linksSql = (list: string) => `
  SELECT pf.file_hash, pf.image_hash, EXISTS (SELECT 1 FROM photo_files o WHERE o.image_hash = pf.image_hash AND o.file_hash <> pf.file_hash)
  FROM photo_files pf WHERE pf.file_hash IN (${list})`;

/**
 * refreshLonePhotos for files the caller has just flagged missing, in this transaction, and read the
 * root of (`files`: hash → root id): the rule needs nothing more of their rows, so only the links are
 * read — half the reads of a moved folder's photos. A lone photo whose file is missing is offline
 * when that root is not online, else missing. Returns the photos with other files.
 */
export function refreshPhotosOfGoneFiles(db: Db, libraryId: number, files: ReadonlyMap<string, number | null>, now = new Date()): string[] {
  if (files.size === 0) return [];
  const offlineRoots = new Set(preparedOnce(db, OFFLINE_ROOTS).pluck().all(libraryId) as number[]);
  const outcome: LoneOutcome = { present: [], missing: [], offline: [] };
  const others = new Set<string>();
  chunked(db, [...files.keys()].sort(), linksSql, (statement, part) => {
    for (const [fileHash, imageHash, shared] of statement.raw().all(...part) as [string, string, 0 | 1][]) {
      if (shared === 1) others.add(imageHash);
      else outcome[offlineRoots.has(files.get(fileHash) ?? -1) ? 'offline' : 'missing'].push(imageHash);
    }
  });
  writeLoneOutcome(db, libraryId, outcome, now);
  return [...others];
}
