import type { MissingPhoto, SuggestedMatch } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { PHOTO_SUMMARY_COLUMNS, toPhotoSummary, type PhotoSummaryRow } from '../photos/photo-summary.ts';

interface MatchRow {
  id: number;
  library_id: number;
  missing_image_hash: string;
  candidate_image_hash: string;
  reason: string;
}

interface MissingRow extends PhotoSummaryRow {
  missing_since: string | null;
  root_id: number | null;
  root_path: string | null;
}

/**
 * The open suggestions of a library, oldest first. A suggestion whose missing photo has come back
 * (or is gone) or whose candidate is no longer present is not shown: it no longer means anything.
 */
export function listMatches(db: Db, libraryId: number): SuggestedMatch[] {
  const matches = db
    .prepare(
      `SELECT m.id, m.library_id, m.missing_image_hash, m.candidate_image_hash, m.reason FROM match_suggestions m
       JOIN photos mp ON mp.image_hash = m.missing_image_hash AND mp.library_id = m.library_id AND mp.availability = 'missing'
       JOIN photos cp ON cp.image_hash = m.candidate_image_hash AND cp.library_id = m.library_id AND cp.availability = 'present'
       WHERE m.library_id = ? AND m.status = 'open' ORDER BY m.id`,
    )
    .all(libraryId) as MatchRow[];
  const summary = db.prepare(`SELECT ${PHOTO_SUMMARY_COLUMNS} FROM photos p LEFT JOIN files mf ON mf.hash = p.main_file WHERE p.image_hash = ?`);
  const missing = db.prepare(
    `SELECT ${PHOTO_SUMMARY_COLUMNS}, p.missing_since, mf.root_id AS root_id, r.path AS root_path
     FROM photos p LEFT JOIN files mf ON mf.hash = p.main_file LEFT JOIN roots r ON r.id = mf.root_id WHERE p.image_hash = ?`,
  );
  return matches.map((match) => {
    const row = missing.get(match.missing_image_hash) as MissingRow;
    const missingPhoto: MissingPhoto = {
      ...toPhotoSummary(row),
      lastKnownPath: row.main_path,
      rootId: row.root_id,
      rootPath: row.root_path,
      missingSince: row.missing_since,
    };
    return {
      id: match.id,
      libraryId: match.library_id,
      missing: missingPhoto,
      candidate: toPhotoSummary(summary.get(match.candidate_image_hash) as PhotoSummaryRow),
      reason: match.reason,
    };
  });
}
