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

interface NamedPhoto {
  image_hash: string;
  captured_at: string;
  path: string;
}

/**
 * Finds likely edited versions of missing photos: a missing photo and a present photo (not in the
 * trash) with the same file name and the same, known capture time but another hash become an 'open'
 * suggestion. Idempotent: a pair already suggested, accepted or rejected is never added again.
 * Returns how many new suggestions were made.
 */
export function findSuggestedMatches(db: Db, libraryId: number, now = new Date()): number {
  // A missing photo's files were detached by Scan for Missing; its main file still says where it was.
  const missing = db
    .prepare(
      `SELECT p.image_hash, p.captured_at, f.path FROM photos p JOIN files f ON f.hash = p.main_file
       WHERE p.library_id = @libraryId AND p.availability = 'missing' AND p.captured_at IS NOT NULL
       UNION
       SELECT p.image_hash, p.captured_at, f.path FROM photos p
       JOIN photo_files pf ON pf.image_hash = p.image_hash JOIN files f ON f.hash = pf.file_hash
       WHERE p.library_id = @libraryId AND p.availability = 'missing' AND p.captured_at IS NOT NULL`,
    )
    .all({ libraryId }) as NamedPhoto[];
  if (missing.length === 0) return 0;
  const candidates = db
    .prepare(
      `SELECT p.image_hash, p.captured_at, f.path FROM photos p
       JOIN photo_files pf ON pf.image_hash = p.image_hash JOIN files f ON f.hash = pf.file_hash AND f.missing = 0
       WHERE p.library_id = @libraryId AND p.availability = 'present' AND p.in_trashcan = 0
         AND p.captured_at IN (SELECT captured_at FROM photos
                               WHERE library_id = @libraryId AND availability = 'missing' AND captured_at IS NOT NULL)`,
    )
    .all({ libraryId }) as NamedPhoto[];
  const byKey = new Map<string, Set<string>>();
  for (const photo of candidates) {
    const key = `${photo.captured_at}\u0000${matchName(photo.path)}`;
    let set = byKey.get(key);
    if (set === undefined) byKey.set(key, (set = new Set()));
    set.add(photo.image_hash);
  }
  const insert = db.prepare(
    `INSERT OR IGNORE INTO match_suggestions (library_id, missing_image_hash, candidate_image_hash, reason, status, created_at)
     VALUES (@libraryId, @missing, @candidate, @reason, 'open', @createdAt)`,
  );
  let added = 0;
  db.transaction(() => {
    for (const photo of missing) {
      const found = byKey.get(`${photo.captured_at}\u0000${matchName(photo.path)}`);
      for (const candidate of found ?? []) {
        if (candidate === photo.image_hash) continue;
        added += insert.run({ libraryId, missing: photo.image_hash, candidate, reason: SAME_NAME_AND_TIME, createdAt: now.toISOString() }).changes;
      }
    }
  })();
  return added;
}
