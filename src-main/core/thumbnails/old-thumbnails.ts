/**
 * Which photos have a thumbnail an older Keepsake wrote (or none yet, where one could be made now):
 * what Refresh Thumbnails redoes, and what makes the app start it at launch. Light on purpose: the
 * app asks at every launch, before any decoder is loaded.
 */
import type { Db } from '../db/open-database.ts';
import { THUMBNAIL_VERSION } from './thumbnail-size.ts';

/**
 * The photos still to redo. The literal version (not a parameter) lets SQLite use the partial index
 * photos_thumbnail_redo, which a migration must replace whenever THUMBNAIL_VERSION changes.
 */
export const REDO_WHERE = `p.library_id = ? AND p.thumbnail_version < ${THUMBNAIL_VERSION}`;

/** How many photos of a library wait for a newer thumbnail (whether or not their file is reachable now). */
export function countThumbnailsToRefresh(db: Db, libraryId: number): number {
  return db.prepare(`SELECT count(*) FROM photos p WHERE ${REDO_WHERE} AND p.main_file IS NOT NULL`).pluck().get(libraryId) as number;
}

/**
 * The libraries with photos whose thumbnail could be made better now: present, and a picture — or
 * a video too when `videos` (an ffmpeg was found). Without ffmpeg, old videos alone do not start a
 * job at every launch only to wait again.
 */
export function librariesWithOldThumbnails(db: Db, options: { videos: boolean }): number[] {
  const ids = db.prepare('SELECT id FROM libraries ORDER BY id').pluck().all() as number[];
  const one = db.prepare(`SELECT 1 FROM photos p JOIN files f ON f.hash = p.main_file
    WHERE ${REDO_WHERE} AND p.availability = 'present' AND (f.type IN ('IMAGE', 'RAW_FILE') OR (? = 1 AND f.type = 'VIDEO')) LIMIT 1`);
  return ids.filter((id) => one.get(id, options.videos ? 1 : 0) !== undefined);
}
