import { chooseMainFiles } from '../photos/main-file.ts';
import { placeNewFile } from './place-new-file.ts';
import { copyStillThere } from './probe-path.ts';
import { knownError, type HashedHints, type ScanWork } from './scan-work.ts';
import type { CopyRow, FileRow } from './scan-store.ts';
import type { SeenFile } from './walk-folders.ts';

/**
 * The path of row `old` now holds content `hash`: the file was edited or replaced in place. If the
 * old content also lives in a recorded copy, the old file simply moves there. Replaced by content
 * already known: the old content is gone from here and the path becomes a copy of the known file.
 * Otherwise the file was edited: its photos keep their identity, rating, caption and albums, and
 * their file gets the new hash.
 */
export function replaceInPlace(work: ScanWork, old: FileRow, seen: SeenFile, hash: string, known: FileRow | undefined, hints: HashedHints): void {
  const { store, presence, counts } = work;
  const oldPhotos = store.linkedPhotos(old.hash);
  for (const imageHash of oldPhotos) work.photoChanged(imageHash);
  const copy = store.copiesOf(old.hash).find(copyStillThere);
  counts.added++;
  if (known !== undefined) {
    if (copy !== undefined) moveToCopy(work, old, copy);
    else presence.flagMissing([old.hash]);
    store.insertCopy(hash, seen);
    return;
  }
  if (copy !== undefined) {
    moveToCopy(work, old, copy);
    store.insertFile(hash, seen, knownError(seen, hints));
    placeNewFile(work, hash, seen, hints);
    return;
  }
  const mains = store.photosWithMain(old.hash);
  store.deleteFile(old.hash);
  store.insertFile(hash, seen, knownError(seen, hints));
  if (oldPhotos.length === 0) {
    placeNewFile(work, hash, seen, hints);
    return;
  }
  for (const imageHash of oldPhotos) store.link(imageHash, hash);
  // The old row's deletion left these photos without a main file: the rule gives them one now.
  const changed = chooseMainFiles(store.db, store.libraryId, mains);
  for (const { imageHash, mainFile } of changed) {
    if (mainFile === hash) work.describe({ imageHash, fileHash: hash, path: seen.path, type: seen.type }, hints);
  }
}

/** The old content lives on in a recorded copy: its file row moves there and the copy record goes. */
function moveToCopy(work: ScanWork, old: FileRow, copy: CopyRow): void {
  work.store.deleteCopy(copy.path);
  work.presence.flagFound([{ hash: old.hash, path: copy.path, rootId: old.root_id, stat: { size: copy.size, mtimeMs: copy.mtime_ms, dev: null, ino: copy.ino } }]);
}
