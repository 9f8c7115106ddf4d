import { stat } from 'node:fs/promises';
import type { Db } from '../db/open-database.ts';
import { FilePresence } from '../files/file-presence.ts';
import { probeLibraryRoots, probeStoredRoot } from '../volumes/probe-root.ts';

/**
 * LibrePhotos' "photo access" trigger: a file was found gone while serving or thumbnailing it. It is
 * checked once more (a passing read error is not "gone"), and its root is probed — a drive that was
 * just unplugged makes the photo offline, never missing. Otherwise the file is flagged missing at
 * once, through the same flags Scan for Missing uses (so its photo's main file and availability
 * follow the same rules). Returns the library touched, or null if nothing changed.
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
  const flagged = db.transaction(() => {
    const presence = new FilePresence(db, file.library_id, () => now);
    const changed = presence.flagMissing([fileHash]);
    presence.settle();
    return changed;
  })();
  return flagged === 0 ? null : { libraryId: file.library_id, reason: 'file gone' };
}
