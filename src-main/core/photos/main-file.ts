import type { Db } from '../db/open-database.ts';
import { preparedOnce } from '../db/prepared.ts';

/** The rule's order: a picture, else a video, else a RAW (other types never show a photo: NULL). */
const rank = (file: string) => `CASE ${file}.type WHEN 'IMAGE' THEN 0 WHEN 'VIDEO' THEN 1 WHEN 'RAW_FILE' THEN 2 END`;

/** The best present file of photo `p`: highest rank, then by path, among files not missing under an online root. */
const BEST_PRESENT_FILE = `
  SELECT f.hash FROM photo_files pf JOIN files f ON f.hash = pf.file_hash LEFT JOIN roots r ON r.id = f.root_id
  WHERE pf.image_hash = p.image_hash AND f.missing = 0 AND coalesce(r.state, 'online') = 'online' AND ${rank('f')} IS NOT NULL
  ORDER BY ${rank('f')}, f.path LIMIT 1`;

/**
 * One statement for the listed photos, driven by the list (CROSS JOIN keeps that order: with
 * statistics of a small library, SQLite would rather walk a covering index of every photo and probe
 * the list). The best file is computed once per photo (MATERIALIZED: a flattened subquery would run
 * it again for each place that names it). A photo whose main file is
 * already its best one — nearly every photo — stops at the first comparison.
 */
const chooseSql = (presentOnly: boolean) => `
  WITH choice AS MATERIALIZED (
    SELECT p.image_hash AS h, (${BEST_PRESENT_FILE}) AS best
    FROM json_each(@hashes) j CROSS JOIN photos p ON p.image_hash = j.value WHERE +p.library_id = @libraryId
      ${presentOnly ? `AND (p.availability = 'present' OR p.main_file IS NULL)` : ''})
  UPDATE photos SET main_file = choice.best FROM choice
  WHERE photos.image_hash = choice.h AND choice.best IS NOT NULL AND choice.best IS NOT photos.main_file
    AND NOT EXISTS (
      SELECT 1 FROM files m LEFT JOIN roots r ON r.id = m.root_id JOIN files b ON b.hash = choice.best
      WHERE m.hash = photos.main_file AND m.missing = 0 AND coalesce(r.state, 'online') = 'online' AND ${rank('m')} <= ${rank('b')})
  RETURNING image_hash AS imageHash, main_file AS mainFile`;
const CHOOSE_SQL = chooseSql(false);
const CHOOSE_PRESENT_SQL = chooseSql(true);

/** A photo whose main file the rule just changed. */
export interface MainFileChange {
  readonly imageHash: string;
  readonly mainFile: string;
}

/** Options of chooseMainFiles. */
export interface ChooseOptions {
  /**
   * Look only at the listed photos that are 'present' (availability refreshed just before) or have
   * no main file: after files only went missing, any other photo has no file left to choose, so its
   * files are not even read — a moved folder's photos cost one key lookup each.
   */
  readonly presentOnly?: boolean;
}

/**
 * The one place that chooses a photo's main file. A photo keeps its main file while that file is
 * present (not missing, its root online) and no present file of the photo outranks it; otherwise its
 * best present file becomes main: a picture, else a video, else a RAW, then by path. A photo with no
 * present file keeps the main file it had — the Missing view shows where that file was last seen.
 * Returns the photos whose main file changed. Runs inside the caller's transaction if any.
 */
export function chooseMainFiles(db: Db, libraryId: number, imageHashes: readonly string[], options: ChooseOptions = {}): MainFileChange[] {
  if (imageHashes.length === 0) return [];
  const sql = options.presentOnly === true ? CHOOSE_PRESENT_SQL : CHOOSE_SQL;
  return preparedOnce(db, sql).all({ libraryId, hashes: JSON.stringify(imageHashes) }) as MainFileChange[];
}
