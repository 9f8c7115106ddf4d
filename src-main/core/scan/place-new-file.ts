import { extname } from 'node:path';
import { chooseMainFiles } from '../photos/main-file.ts';
import { extensionOf } from '../files/file-type.ts';
import { sameStem, stemRange } from './file-stem.ts';
import { NO_HINTS, notAnImage, type HashedHints, type ScanWork } from './scan-work.ts';
import type { StemSibling } from './scan-store.ts';
import type { SeenFile } from './walk-folders.ts';

/**
 * Gives a new file its photo: its own, or the one of its RAW / JPEG / XMP companions (same folder,
 * same stem). A picture joins a photo that so far has only its RAW; a RAW joins its picture's photo;
 * a sidecar joins a picture's, else a RAW's, else a video's photo, or waits without one until its
 * picture comes and adopts it.
 */
export function placeNewFile(work: ScanWork, hash: string, seen: SeenFile, hints: HashedHints = NO_HINTS): void {
  const { folder, stem, low, high } = stemRange(seen.path);
  const siblings = hints.alone === true ? [] : work.store.siblings(low, high).filter((s) => s.hash !== hash && sameStem(s.path, folder, stem));
  const photoOf = (accept: (s: StemSibling) => boolean) => siblings.find((s) => s.image_hash !== null && accept(s));
  switch (seen.type) {
    case 'IMAGE':
    case 'VIDEO': {
      const rawOnly = seen.type === 'IMAGE' ? photoOf((s) => s.main_type === 'RAW_FILE') : undefined;
      if (rawOnly?.image_hash != null) {
        joinPhoto(work, rawOnly.image_hash, hash, seen);
        // The picture outranks the RAW: the main-file rule makes it main now, so that the files that
        // follow in this batch see the photo as a picture's.
        const changed = chooseMainFiles(work.store.db, work.store.libraryId, [rawOnly.image_hash]);
        if (changed.some((change) => change.mainFile === hash)) {
          work.describe({ imageHash: rawOnly.image_hash, fileHash: hash, path: seen.path, type: seen.type }, hints);
        }
        return;
      }
      const imageHash = createPhoto(work, hash, seen, hints);
      adoptOrphans(work, imageHash, seen.path, siblings, seen.type === 'IMAGE');
      return;
    }
    case 'RAW_FILE': {
      const picture = photoOf((s) => s.type === 'IMAGE' && s.main_type === 'IMAGE');
      if (picture?.image_hash != null) {
        joinPhoto(work, picture.image_hash, hash, seen);
        return;
      }
      const imageHash = createPhoto(work, hash, seen, hints);
      adoptOrphans(work, imageHash, seen.path, siblings, false);
      return;
    }
    case 'METADATA_FILE': {
      // `IMG_1.MOV.xmp` is the video's even when `IMG_1.JPG` is there too (sidecars/sidecar-path.ts).
      const target = sidecarTarget(seen.path);
      const owner = photoOf((s) => s.path === target) ?? photoOf((s) => s.type === 'IMAGE') ?? photoOf((s) => s.type === 'RAW_FILE') ?? photoOf((s) => s.type === 'VIDEO');
      if (owner?.image_hash != null) joinPhoto(work, owner.image_hash, hash, seen);
      return;
    }
    case 'UNKNOWN':
      return;
  }
}

/** A new photo whose identity and main file is the new file. */
function createPhoto(work: ScanWork, hash: string, seen: SeenFile, hints: HashedHints): string {
  work.store.insertPhoto(hash, hash, work.now().toISOString(), !notAnImage(seen.type, hints));
  work.store.link(hash, hash);
  work.created.add(hash);
  work.describe({ imageHash: hash, fileHash: hash, path: seen.path, type: seen.type }, hints);
  return hash;
}

function joinPhoto(work: ScanWork, imageHash: string, hash: string, seen: SeenFile): void {
  work.store.link(imageHash, hash);
  work.photoChanged(imageHash);
  if (seen.type === 'METADATA_FILE' && extensionOf(seen.path) === 'xmp' && work.created.has(imageHash)) {
    work.sidecars.push({ imageHash, path: seen.path });
  }
}

/** The file a sidecar is named for (`IMG_1.MOV` for `IMG_1.MOV.xmp`), or null for a stem's sidecar (`IMG_1.xmp`). */
function sidecarTarget(path: string): string | null {
  const target = path.slice(0, -extname(path).length);
  return extname(target) === '' ? null : target;
}

/**
 * A new photo takes in the sidecars (and, for a picture, RAW files) of its stem that have no photo
 * yet — but not a sidecar named for another file of the stem that has a photo of its own.
 */
function adoptOrphans(work: ScanWork, imageHash: string, path: string, siblings: readonly StemSibling[], takeRaw: boolean): void {
  for (const sibling of siblings) {
    if (sibling.image_hash !== null) continue;
    const target = sibling.type === 'METADATA_FILE' ? sidecarTarget(sibling.path) : null;
    if (target !== null && target !== path && siblings.some((s) => s.path === target && s.image_hash !== null && s.image_hash !== imageHash)) continue;
    if (sibling.type === 'METADATA_FILE' || (takeRaw && sibling.type === 'RAW_FILE')) {
      work.store.link(imageHash, sibling.hash);
      if (extensionOf(sibling.path) === 'xmp') work.sidecars.push({ imageHash, path: sibling.path });
    }
  }
}
