import { chooseMainFiles } from '../photos/main-file.ts';
import { placeNewFile } from './place-new-file.ts';
import { probePath } from './probe-path.ts';
import type { ScanWork } from './scan-work.ts';
import type { SeenFile } from './walk-folders.ts';

/**
 * A known file came back (moved, or its path is back; its row already points there): its photos
 * take it back — one that had lost its main file gets one at once, a trashed one leaves the trash —
 * and their other files are looked at again (gone since, or back as they were). A file that had no
 * photo any more is placed as a new one.
 */
export function reattachFile(work: ScanWork, hash: string, seen: SeenFile): void {
  const photos = work.store.photosOf(hash);
  if (photos.length === 0) {
    if (seen.type !== 'METADATA_FILE' && seen.type !== 'UNKNOWN') placeNewFile(work, hash, seen);
    return;
  }
  // At once, not at the commit: the files that follow in this batch look for their photo by its main file's type.
  const withoutMain = photos.filter((photo) => photo.main_file === null).map((photo) => photo.image_hash);
  if (withoutMain.length > 0) chooseMainFiles(work.store.db, work.store.libraryId, withoutMain);
  for (const photo of photos) {
    work.photoChanged(photo.image_hash);
    if (photo.in_trashcan === 1) {
      work.store.untrash(photo.image_hash);
      work.counts.restored_from_trash++;
    }
    for (const other of work.store.otherFiles(photo.image_hash, hash)) {
      if (other.root_id !== null && !work.onlineRoots.has(other.root_id)) continue; // an offline drive loses nothing
      const info = probePath(other.path);
      if (info === 'unreadable') continue;
      if (info === undefined || !info.isFile()) {
        if (other.missing === 0) work.presence.flagMissing([other.hash]);
      } else if (other.missing === 1 && info.size === other.size && info.mtimeMs === other.mtime_ms) {
        work.presence.flagFound([{ hash: other.hash }]);
      }
    }
  }
}
