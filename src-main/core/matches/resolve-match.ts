import type { Db } from '../db/open-database.ts';
import { conflict, notFound } from '../errors.ts';
import { markSidecarsPending } from '../sidecars/sidecar-pending.ts';

/** What resolving a suggestion did; the caller removes the thumbnail of `removedImageHash` from disk. */
export interface ResolveMatchResult {
  readonly resolved: true;
  readonly libraryId: number;
  /** The missing photo that was merged into the candidate and deleted (accept only). */
  readonly removedImageHash: string | null;
}

interface SuggestionRow {
  id: number;
  library_id: number;
  missing_image_hash: string;
  candidate_image_hash: string;
  status: 'open' | 'accepted' | 'rejected';
}

interface PhotoRow {
  image_hash: string;
  main_file: string | null;
  availability: string;
  rating: number;
  caption: string;
}

/**
 * Answers a suggested match. Reject: remembered, never offered again. Accept: the missing photo's
 * metadata moves to the candidate — rating and caption (where the candidate has none of its own),
 * membership of albums of all four kinds, faces — then the missing photo and its missing file rows
 * are deleted, in one transaction. Answering the same way twice is harmless.
 */
export function resolveMatch(db: Db, matchId: number, accept: boolean, now = new Date()): ResolveMatchResult {
  return db.transaction((): ResolveMatchResult => {
    const match = db.prepare('SELECT * FROM match_suggestions WHERE id = ?').get(matchId) as SuggestionRow | undefined;
    if (match === undefined) throw notFound(`No suggested match with id ${matchId}`);
    const wanted = accept ? 'accepted' : 'rejected';
    if (match.status === wanted) return { resolved: true, libraryId: match.library_id, removedImageHash: null };
    if (match.status !== 'open') throw conflict(`This match was already ${match.status}`);
    const markResolved = () =>
      db.prepare('UPDATE match_suggestions SET status = ?, resolved_at = ? WHERE id = ?').run(wanted, now.toISOString(), matchId);
    if (!accept) {
      markResolved();
      return { resolved: true, libraryId: match.library_id, removedImageHash: null };
    }

    const getPhoto = db.prepare('SELECT image_hash, main_file, availability, rating, caption FROM photos WHERE image_hash = ? AND library_id = ?');
    const missing = getPhoto.get(match.missing_image_hash, match.library_id) as PhotoRow | undefined;
    const candidate = getPhoto.get(match.candidate_image_hash, match.library_id) as PhotoRow | undefined;
    if (missing === undefined || candidate === undefined) throw conflict('One of the two photos no longer exists');
    if (missing.availability !== 'missing') throw conflict('The photo is no longer missing: nothing to merge');
    if (candidate.availability === 'missing') throw conflict('The suggested photo is missing too');

    const from = missing.image_hash;
    const to = candidate.image_hash;
    // The candidate's own rating and caption (set since it was found) win over the old ones.
    db.prepare(
      `UPDATE photos SET rating = CASE WHEN rating = 0 THEN @rating ELSE rating END,
         caption = CASE WHEN caption = '' THEN @caption ELSE caption END WHERE image_hash = @to`,
    ).run({ rating: missing.rating, caption: missing.caption, to });
    db.prepare('INSERT OR IGNORE INTO album_photos (album_id, image_hash) SELECT album_id, @to FROM album_photos WHERE image_hash = @from').run({ from, to });
    db.prepare('UPDATE faces SET image_hash = @to WHERE image_hash = @from').run({ from, to });
    // What moved is the candidate's now: its sidecar is written with it (libraries that keep sidecars).
    markSidecarsPending(db, [to], now);

    // The missing photo's file records that are missing and belong to no other photo go with it.
    const goneFiles = db
      .prepare(
        `SELECT f.hash FROM files f
         WHERE f.library_id = @libraryId AND f.missing = 1
           AND f.hash IN (SELECT @main UNION SELECT file_hash FROM photo_files WHERE image_hash = @from)
           AND NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.file_hash = f.hash AND pf.image_hash <> @from)
           AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.main_file = f.hash AND p.image_hash <> @from)`,
      )
      .pluck()
      .all({ libraryId: match.library_id, main: missing.main_file, from }) as string[];
    markResolved();
    db.prepare('DELETE FROM photos WHERE image_hash = ?').run(from);
    const dropFile = db.prepare('DELETE FROM files WHERE hash = ?');
    // Only files no other photo uses go, so no surviving photo's availability changes.
    for (const hash of goneFiles) dropFile.run(hash);
    return { resolved: true, libraryId: match.library_id, removedImageHash: from };
  })();
}
