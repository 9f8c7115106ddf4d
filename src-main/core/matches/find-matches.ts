import { basename, extname } from 'node:path';
import type { Db } from '../db/open-database.ts';

/** The reason stored with a suggestion (shown in the Missing view). */
export const SAME_NAME_AND_TIME = 'same file name and capture time';

/**
 * The name two versions of a photo share: the file name without its extension, case-folded, so that
 * `IMG_0042.JPG` edited and saved as `img_0042.jpeg` (or exported to `.tif`) still pairs up.
 * Works for both separators: a library may hold paths recorded on Windows.
 */
export function matchName(path: string): string {
  const name = basename(path.replaceAll('\\', '/'));
  return name.slice(0, name.length - extname(name).length).toLowerCase();
}

interface Pair {
  missing: string;
  candidate: string;
}

/**
 * Missing photos paired with present ones of the same capture time. CROSS JOIN fixes the loop order:
 * the smaller side outside, the other looked up by capture time. The inner side's availability is
 * written `+availability` so that it filters and never picks the index (walking every missing photo
 * once per present one). Missing outside, `<> 'present'` lets SQLite read them off their partial
 * index (migration 009).
 */
function pairsSql(missingOutside: boolean): string {
  const [outer, inner] = missingOutside ? ['m', 'c'] : ['c', 'm'];
  const availability = (side: string) => `${side === inner ? '+' : ''}${side}.availability`;
  return `SELECT m.image_hash AS missing, c.image_hash AS candidate
    FROM photos ${outer} CROSS JOIN photos ${inner} ON ${inner}.library_id = ${outer}.library_id AND ${inner}.captured_at = ${outer}.captured_at
    WHERE ${outer}.library_id = @libraryId AND ${outer}.captured_at IS NOT NULL
      AND ${availability('m')} = 'missing' ${missingOutside ? `AND m.availability <> 'present'` : ''} AND m.in_trashcan IN (0, 1)
      AND ${availability('c')} = 'present' AND c.in_trashcan = 0
      AND c.image_hash <> m.image_hash`;
}

/**
 * Finds likely edited versions of missing photos: a missing photo and a present photo (not in the
 * trash) with the same file name and the same, known capture time but another hash become an 'open'
 * suggestion. Idempotent: a pair already suggested, accepted or rejected is never added again.
 * Returns how many new suggestions were made.
 *
 * Runs after Scan Photos and Scan for Missing (the only times either side changes), never per list.
 * Cheap at 100,000 missing photos: SQL pairs photos on (library_id, captured_at) through the grid's
 * index photos_library_order (library_id, in_trashcan, captured_at, …; hence `in_trashcan IN (0, 1)`
 * on the side that may be in the trash: two probes of that index per lookup), driven from the smaller
 * side (few present photos in a library that lost everything, few missing ones in a healthy library);
 * only the pairs sharing a capture time have their file names compared.
 */
export function findSuggestedMatches(db: Db, libraryId: number, now = new Date()): number {
  const counts = db.prepare('SELECT num_photos, num_missing, num_offline FROM library_counts WHERE library_id = ?').get(libraryId) as
    | { num_photos: number; num_missing: number; num_offline: number }
    | undefined;
  if (counts === undefined || counts.num_missing === 0) return 0;
  const present = counts.num_photos - counts.num_missing - counts.num_offline;
  if (present <= 0) return 0;
  const pairs = db.prepare(pairsSql(counts.num_missing <= present)).all({ libraryId }) as Pair[];
  if (pairs.length === 0) return 0;
  // A missing photo's files were detached by Scan for Missing; its main file still says where it was.
  const missingNames = db.prepare(
    `SELECT f.path FROM photos p JOIN files f ON f.hash = p.main_file WHERE p.image_hash = @hash
     UNION SELECT f.path FROM photo_files pf JOIN files f ON f.hash = pf.file_hash WHERE pf.image_hash = @hash`,
  ).pluck();
  const candidateNames = db
    .prepare('SELECT f.path FROM photo_files pf JOIN files f ON f.hash = pf.file_hash AND f.missing = 0 WHERE pf.image_hash = @hash')
    .pluck();
  const namesOf = (cache: Map<string, Set<string>>, statement: typeof missingNames, hash: string): Set<string> => {
    let names = cache.get(hash);
    if (names === undefined) cache.set(hash, (names = new Set((statement.all({ hash }) as string[]).map(matchName))));
    return names;
  };
  const missingCache = new Map<string, Set<string>>();
  const candidateCache = new Map<string, Set<string>>();
  const insert = db.prepare(
    `INSERT OR IGNORE INTO match_suggestions (library_id, missing_image_hash, candidate_image_hash, reason, status, created_at)
     VALUES (@libraryId, @missing, @candidate, @reason, 'open', @createdAt)`,
  );
  let added = 0;
  db.transaction(() => {
    for (const pair of pairs) {
      const theirs = namesOf(candidateCache, candidateNames, pair.candidate);
      if (![...namesOf(missingCache, missingNames, pair.missing)].some((name) => theirs.has(name))) continue;
      added += insert.run({ libraryId, ...pair, reason: SAME_NAME_AND_TIME, createdAt: now.toISOString() }).changes;
    }
  })();
  return added;
}
