import type { PhotoSummary } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { notFound } from '../errors.ts';
import { markSidecarsPending } from '../sidecars/sidecar-pending.ts';
import { getPhotoSummary } from './photo-queries.ts';

/** Sets a photo's rating (0–5); not_found for an unknown photo. Its sidecar is written after (sidecars/). */
export function setRating(db: Db, imageHash: string, rating: number, now: Date = new Date()): PhotoSummary {
  editPhoto(db, imageHash, now, () => db.prepare('UPDATE photos SET rating = ? WHERE image_hash = ?').run(rating, imageHash).changes);
  return getPhotoSummary(db, imageHash);
}

/** Sets a photo's caption; not_found for an unknown photo. Its sidecar is written after (sidecars/). */
export function setCaption(db: Db, imageHash: string, caption: string, now: Date = new Date()): PhotoSummary {
  editPhoto(db, imageHash, now, () => db.prepare('UPDATE photos SET caption = ? WHERE image_hash = ?').run(caption, imageHash).changes);
  return getPhotoSummary(db, imageHash);
}

/** One edit of a photo's own fields, and its sidecar marked to be written, in one transaction. */
function editPhoto(db: Db, imageHash: string, now: Date, update: () => number): void {
  db.transaction(() => {
    if (update() === 0) throw notFound(`No photo ${imageHash}`);
    markSidecarsPending(db, [imageHash], now);
  })();
}

/** What a change to many photos did: how many changed, and in which libraries (for events). */
export interface BulkChange {
  readonly count: number;
  readonly libraryIds: readonly number[];
}

/** The libraries of the given photos (unknown hashes are ignored). */
export function librariesOf(db: Db, imageHashes: readonly string[]): number[] {
  return db
    .prepare('SELECT DISTINCT library_id FROM photos WHERE image_hash IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(imageHashes)) as number[];
}

/**
 * Moves photos to Keepsake's trash: hidden from the library view, files on disk untouched. Photos
 * already in the trash keep their first trashed time. Unknown hashes are ignored (count says so).
 */
export function trashPhotos(db: Db, imageHashes: readonly string[], now: Date): BulkChange {
  const libraryIds = librariesOf(db, imageHashes);
  const count = db
    .prepare(`UPDATE photos SET in_trashcan = 1, trashed_at = ? WHERE in_trashcan = 0 AND image_hash IN (SELECT value FROM json_each(?))`)
    .run(now.toISOString(), JSON.stringify(imageHashes)).changes;
  return { count, libraryIds };
}

/** Takes photos out of the trash. */
export function restorePhotos(db: Db, imageHashes: readonly string[]): BulkChange {
  const libraryIds = librariesOf(db, imageHashes);
  const count = db
    .prepare(`UPDATE photos SET in_trashcan = 0, trashed_at = NULL WHERE in_trashcan = 1 AND image_hash IN (SELECT value FROM json_each(?))`)
    .run(JSON.stringify(imageHashes)).changes;
  return { count, libraryIds };
}

/**
 * Sets one rating on many photos in one transaction (the grid's batch rate: 10,000 selected photos
 * in one statement); their sidecars are written after. Unknown hashes are ignored; photos that
 * already have the rating are not touched (nor their sidecars marked).
 */
export function setRatings(db: Db, imageHashes: readonly string[], rating: number, now: Date = new Date()): BulkChange {
  const hashes = JSON.stringify([...new Set(imageHashes)]);
  return db.transaction(() => {
    const changed = db
      .prepare('UPDATE photos SET rating = ? WHERE rating <> ? AND image_hash IN (SELECT value FROM json_each(?)) RETURNING image_hash, library_id')
      .all(rating, rating, hashes) as { image_hash: string; library_id: number }[];
    markSidecarsPending(
      db,
      changed.map((row) => row.image_hash),
      now,
    );
    const libraryIds = [...new Set(changed.map((row) => row.library_id))];
    return { count: changed.length, libraryIds };
  })();
}
