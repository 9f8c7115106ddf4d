import { stat } from 'node:fs/promises';
import type { Db } from '../db/open-database.ts';
import { probeLibraryRoots, probeStoredRoot } from '../volumes/probe-root.ts';
import { refreshAvailability } from './availability.ts';

/** The file a photo's main file moves to: the same choice Scan for Missing makes (a picture, else a video, else a RAW). */
const BEST_PRESENT_FILE = `
  SELECT f.hash FROM photo_files pf JOIN files f ON f.hash = pf.file_hash LEFT JOIN roots r ON r.id = f.root_id
  WHERE pf.image_hash = photos.image_hash AND f.missing = 0 AND coalesce(r.state, 'online') = 'online' AND f.type IN ('IMAGE', 'VIDEO', 'RAW_FILE')
  ORDER BY CASE f.type WHEN 'IMAGE' THEN 0 WHEN 'VIDEO' THEN 1 ELSE 2 END, f.path LIMIT 1`;

/**
 * LibrePhotos' "photo access" trigger: a file was found gone while serving or thumbnailing it. It is
 * checked once more (a passing read error is not "gone"), and its root is probed — a drive that was
 * just unplugged makes the photo offline, never missing. Otherwise the file is flagged missing at
 * once (it stays linked to its photo, as Scan for Missing leaves it); if it was its photo's main file and the photo has another present file, the main file moves
 * there; the photo's availability is recomputed. Returns the library touched, or null if nothing
 * changed.
 */
export async function handleFileGone(db: Db, fileHash: string, now: Date): Promise<{ libraryId: number; reason: string } | null> {
  const file = db.prepare('SELECT hash, library_id, root_id, path, missing FROM files WHERE hash = ?').get(fileHash) as
    | { hash: string; library_id: number; root_id: number | null; path: string; missing: number }
    | undefined;
  if (file === undefined || file.missing === 1) return null;
  try {
    await stat(file.path);
    return null; // Still there.
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return null;
  }
  if (file.root_id !== null) {
    // The stored volume identity matters: an unplugged drive's bare mount point still exists.
    const state = await probeStoredRoot(db, file.root_id);
    if (state !== null && state !== 'online') {
      await probeLibraryRoots(db, file.library_id, now);
      return { libraryId: file.library_id, reason: 'root offline' };
    }
  }
  db.transaction(() => {
    const changed = db.prepare('UPDATE files SET missing = 1, missing_since = coalesce(missing_since, ?) WHERE hash = ? AND missing = 0').run(now.toISOString(), fileHash).changes;
    if (changed === 0) return;
    const photos = db
      .prepare('SELECT image_hash FROM photo_files WHERE file_hash = @h UNION SELECT image_hash FROM photos WHERE main_file = @h')
      .pluck()
      .all({ h: fileHash }) as string[];
    const moveMain = db.prepare(
      `UPDATE photos SET main_file = (${BEST_PRESENT_FILE})
       WHERE image_hash = ? AND main_file = ? AND EXISTS (${BEST_PRESENT_FILE})`,
    );
    for (const imageHash of photos) moveMain.run(imageHash, fileHash);
    refreshAvailability(db, file.library_id, photos, now);
  })();
  return { libraryId: file.library_id, reason: 'file gone' };
}
