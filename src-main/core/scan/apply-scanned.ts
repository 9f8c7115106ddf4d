import { statSync, type Stats } from 'node:fs';
import type { FileType } from '../../../src-shared/domain.ts';
import { fileHash } from '../hashing/hash-file.ts';
import { NOT_AN_IMAGE } from '../thumbnails/image-signature.ts';
import { extensionOf } from './classify.ts';
import { sameStem, stemRange } from './file-stem.ts';
import { sameStat, type FileRow, type ScanStore, type StemSibling } from './scan-store.ts';
import type { SeenFile } from './walk-folders.ts';

/** Mutable counters behind a ScanResult. */
export interface ScanCounts {
  added: number;
  relinked: number;
  unchanged: number;
  hashed: number;
  errors: number;
  restored_from_trash: number;
}

/** Work for the pool once a batch is committed: a photo whose thumbnail and date must be read. */
export interface DescribeRequest {
  readonly imageHash: string;
  readonly fileHash: string;
  readonly path: string;
  readonly type: FileType;
}

/** An XMP sidecar to read into a photo created by this scan. */
export interface SidecarRequest {
  readonly imageHash: string;
  readonly path: string;
}

/** What the scan knows of a hashed file beyond its hash. */
export interface HashedHints {
  /** False: its first bytes are no image format's; it is described as undecodable at once, not by the pool. */
  readonly imageSignature?: boolean;
  /** True: no other file of its folder shares its stem, on disk or in the database (no RAW/JPEG/XMP companions to look up). */
  readonly alone?: boolean;
}

const NO_HINTS: HashedHints = {};

/** Named like an image, yet its first bytes are no image format's: there is nothing to decode. */
const notAnImage = (type: FileType, hints: HashedHints): boolean => type === 'IMAGE' && hints.imageSignature === false;

/** The error a new file's row is inserted with: known before any decoding is tried, or none yet. */
const knownError = (seen: SeenFile, hints: HashedHints): string | null => (notAnImage(seen.type, hints) ? NOT_AN_IMAGE.error : null);

/** Order in which one folder's new files are applied: pictures first, so RAW and sidecars find their photo. */
const TYPE_ORDER: Readonly<Record<FileType, number>> = { IMAGE: 0, VIDEO: 1, RAW_FILE: 2, METADATA_FILE: 3, UNKNOWN: 4 };

/** Sorts a folder's hashed files so that each photo's main file is applied before its companions. */
export function byTypeOrder<T extends { seen: SeenFile }>(items: T[]): T[] {
  return items.sort((a, b) => TYPE_ORDER[a.seen.type] - TYPE_ORDER[b.seen.type]);
}

/** stat that reports permission problems as 'unreadable' instead of throwing. */
function probe(path: string): Stats | undefined | 'unreadable' {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'unreadable';
    if (code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Applies what the walk and the hashing found to the database, one file at a time, inside the
 * caller's batch transaction: new files and photos, relinks, copies, edits in place, RAW+JPEG+XMP
 * grouping. Collects the photos it touched (for the missing rule) and the work for the pool.
 */
export class ScanApplier {
  readonly #store: ScanStore;
  readonly #onlineRoots: ReadonlySet<number>;
  readonly #now: () => Date;
  readonly counts: ScanCounts = { added: 0, relinked: 0, unchanged: 0, hashed: 0, errors: 0, restored_from_trash: 0 };
  /**
   * Photos whose availability may have changed since the last commit (refreshed in the same
   * transaction). Photos created meanwhile are not among them: a new photo's main file was just
   * seen on disk under an online root, so it is present, as it was inserted.
   */
  readonly touched = new Set<string>();
  /** Photos created since the last commit (their sidecars fill in rating and caption). */
  readonly #created = new Set<string>();
  describes: DescribeRequest[] = [];
  sidecars: SidecarRequest[] = [];

  constructor(store: ScanStore, onlineRoots: ReadonlySet<number>, now: () => Date) {
    this.#store = store;
    this.#onlineRoots = onlineRoots;
    this.#now = now;
  }

  /** A file whose stat matches its row, but the row says missing / unreadable / another root: it is back. */
  restore(row: FileRow, seen: SeenFile): void {
    this.#store.moveFile(row.hash, seen);
    if (row.missing === 1) {
      this.counts.relinked++;
      this.#reattach(row.hash, seen);
    } else {
      this.counts.unchanged++;
      for (const photo of this.#store.photosOf(row.hash)) this.touched.add(photo.image_hash);
    }
  }

  /** The hash could not be computed (gone since the walk, permission denied): counted, never fatal. */
  hashFailed(seen: SeenFile, error: Error): void {
    this.counts.errors++;
    const code = (error as NodeJS.ErrnoException).code;
    const row = this.#store.fileAt(seen.path);
    if (row !== undefined && (code === 'EACCES' || code === 'EPERM')) {
      this.#store.markUnreadable(row.hash);
      for (const photo of this.#store.photosOf(row.hash)) this.touched.add(photo.image_hash);
    }
  }

  /** A hashed file: new, moved (relink), a copy, the same file touched, or a file edited in place. */
  hashed(seen: SeenFile, md5: string, hints: HashedHints = NO_HINTS): void {
    this.counts.hashed++;
    const hash = fileHash(md5, this.#store.libraryId);
    const known = this.#store.file(hash);
    const atPath = this.#store.fileAt(seen.path);
    if (atPath !== undefined && atPath.hash !== hash) {
      // The path held other content: the file was edited or replaced in place.
      this.#replacedInPlace(atPath, seen, hash, known, hints);
      return;
    }
    this.#store.forgetCopyAt(seen.path);
    if (known === undefined) {
      this.counts.added++;
      this.#store.insertFile(hash, seen, knownError(seen, hints));
      this.#placeNewFile(hash, seen, hints);
      return;
    }
    if (known.path === seen.path) {
      // Same content at the same place; only its stat changed (touched, copied back, restored).
      this.restore(known, seen);
      return;
    }
    const there = probe(known.path);
    if (there !== undefined && (there === 'unreadable' || (there.isFile() && there.size === known.size))) {
      // The content still lives at its recorded path: this is a copy. Remember it, never flip paths.
      this.counts.added++;
      this.#store.insertCopy(hash, seen);
      return;
    }
    this.counts.relinked++;
    this.#store.moveFile(hash, seen);
    this.#reattach(hash, seen);
  }

  /** The description of a new (or re-pointed) photo came back from the pool. */
  described(request: DescribeRequest, value: { capturedAt: string | null; width: number | null; height: number | null; hasThumbnail: boolean; error: string | null }): void {
    this.#store.describe(request.imageHash, value);
    this.#store.setFileError(request.fileHash, value.error);
    if (value.error !== null) this.counts.errors++;
  }

  /** An XMP sidecar's rating / caption / date, applied to a photo this scan created (never over the user's own values). */
  sidecarRead(request: SidecarRequest, value: { rating: number | null; caption: string | null; capturedAt: string | null }): void {
    this.#store.applySidecar(request.imageHash, value);
  }

  /**
   * A photo's main file to describe: by the pool, or at once when it is named like an image but is
   * not one (its file row was inserted with the error; a photo created now was inserted described).
   */
  #describe(request: DescribeRequest, hints: HashedHints): void {
    if (notAnImage(request.type, hints)) {
      this.counts.errors++;
      if (!this.#created.has(request.imageHash)) this.#store.describe(request.imageHash, NOT_AN_IMAGE);
      return;
    }
    // Flagged until described, so that a scan cut off before the answer picks it up again.
    if (!this.#created.has(request.imageHash)) this.#store.queueDescribe(request.imageHash);
    this.describes.push(request);
  }

  /** Takes the photos touched and the pool work collected since the last call. */
  drain(): { touched: string[]; describes: DescribeRequest[]; sidecars: SidecarRequest[] } {
    const out = { touched: [...this.touched], describes: this.describes, sidecars: this.sidecars };
    this.touched.clear();
    this.#created.clear();
    this.describes = [];
    this.sidecars = [];
    return out;
  }

  #createPhoto(hash: string, seen: SeenFile, hints: HashedHints): string {
    this.#store.insertPhoto(hash, hash, this.#now().toISOString(), !notAnImage(seen.type, hints));
    this.#store.link(hash, hash);
    this.#created.add(hash);
    this.#describe({ imageHash: hash, fileHash: hash, path: seen.path, type: seen.type }, hints);
    return hash;
  }

  #join(imageHash: string, hash: string, seen: SeenFile): void {
    this.#store.link(imageHash, hash);
    if (!this.#created.has(imageHash)) this.touched.add(imageHash);
    if (seen.type === 'METADATA_FILE' && extensionOf(seen.path) === 'xmp' && this.#created.has(imageHash)) {
      this.sidecars.push({ imageHash, path: seen.path });
    }
  }

  /** Gives a new file its photo: its own, or the one of its RAW / JPEG / XMP companions. */
  #placeNewFile(hash: string, seen: SeenFile, hints: HashedHints = NO_HINTS): void {
    const { folder, stem, low, high } = stemRange(seen.path);
    const siblings = hints.alone === true ? [] : this.#store.siblings(low, high).filter((s) => s.hash !== hash && sameStem(s.path, folder, stem));
    const photoOf = (accept: (s: StemSibling) => boolean) => siblings.find((s) => s.image_hash !== null && accept(s));
    switch (seen.type) {
      case 'IMAGE':
      case 'VIDEO': {
        // A picture joins a photo that so far has only its RAW, and becomes its main file.
        const rawOnly = seen.type === 'IMAGE' ? photoOf((s) => s.main_type === 'RAW_FILE') : undefined;
        if (rawOnly?.image_hash != null) {
          this.#join(rawOnly.image_hash, hash, seen);
          this.#store.setMain(rawOnly.image_hash, hash);
          this.#describe({ imageHash: rawOnly.image_hash, fileHash: hash, path: seen.path, type: seen.type }, hints);
          return;
        }
        const imageHash = this.#createPhoto(hash, seen, hints);
        this.#adoptOrphans(imageHash, siblings, seen.type === 'IMAGE');
        return;
      }
      case 'RAW_FILE': {
        const picture = photoOf((s) => s.type === 'IMAGE' && s.main_type === 'IMAGE');
        if (picture?.image_hash != null) {
          this.#join(picture.image_hash, hash, seen);
          return;
        }
        const imageHash = this.#createPhoto(hash, seen, hints);
        this.#adoptOrphans(imageHash, siblings, false);
        return;
      }
      case 'METADATA_FILE': {
        const owner = photoOf((s) => s.type === 'IMAGE') ?? photoOf((s) => s.type === 'RAW_FILE') ?? photoOf((s) => s.type === 'VIDEO');
        if (owner?.image_hash != null) this.#join(owner.image_hash, hash, seen);
        // A sidecar with no picture yet stays a file without a photo; the picture adopts it when it comes.
        return;
      }
      case 'UNKNOWN':
        return;
    }
  }

  /** A new photo takes in the sidecars (and, for a picture, RAW files) of its stem that have no photo yet. */
  #adoptOrphans(imageHash: string, siblings: StemSibling[], takeRaw: boolean): void {
    for (const sibling of siblings) {
      if (sibling.image_hash !== null) continue;
      if (sibling.type === 'METADATA_FILE' || (takeRaw && sibling.type === 'RAW_FILE')) {
        this.#store.link(imageHash, sibling.hash);
        if (extensionOf(sibling.path) === 'xmp') this.sidecars.push({ imageHash, path: sibling.path });
      }
    }
  }

  /**
   * A known file came back (moved, or its path is back): attach it to its photo again, give the
   * photo a main file if it lost it, take the photo out of the trash, and re-check its other files.
   */
  #reattach(hash: string, seen: SeenFile): void {
    const photos = this.#store.photosOf(hash);
    if (photos.length === 0) {
      if (seen.type !== 'METADATA_FILE' && seen.type !== 'UNKNOWN') this.#placeNewFile(hash, seen);
      return;
    }
    const since = this.#now().toISOString();
    for (const photo of photos) {
      this.touched.add(photo.image_hash);
      if (photo.main_file === null) {
        this.#store.setMain(photo.image_hash, hash);
      }
      if (photo.in_trashcan === 1) {
        this.#store.untrash(photo.image_hash);
        this.counts.restored_from_trash++;
      }
      for (const other of this.#store.otherFiles(photo.image_hash, hash)) {
        if (other.root_id !== null && !this.#onlineRoots.has(other.root_id)) continue; // an offline drive loses nothing
        const info = probe(other.path);
        if (info === 'unreadable') continue;
        if (info === undefined || !info.isFile()) {
          if (other.missing === 0) this.#store.markMissing(other.hash, since);
        } else if (other.missing === 1 && info.size === other.size && info.mtimeMs === other.mtime_ms) {
          this.#store.clearMissing(other.hash);
        }
      }
    }
  }

  /** The path now holds content `hash` instead of row `old`'s. */
  #replacedInPlace(old: FileRow, seen: SeenFile, hash: string, known: FileRow | undefined, hints: HashedHints): void {
    const since = this.#now().toISOString();
    const oldPhotos = this.#store.linkedPhotos(old.hash);
    for (const imageHash of oldPhotos) this.touched.add(imageHash);
    // If the old content also lives in a copy, the old file simply moves there.
    const copy = this.#store.copiesOf(old.hash).find((c) => {
      const info = probe(c.path);
      return info !== undefined && info !== 'unreadable' && info.isFile() && info.size === c.size;
    });
    if (known !== undefined) {
      // Replaced by content we already know: the old content is gone from here (unless it has a
      // copy, where its file now points), and this path becomes a copy of the known file.
      if (copy !== undefined) {
        this.#store.deleteCopy(copy.path);
        this.#store.moveFile(old.hash, { path: copy.path, rootId: old.root_id, size: copy.size, mtimeMs: copy.mtime_ms, dev: null, ino: copy.ino });
      } else {
        this.#store.markMissing(old.hash, since);
      }
      this.counts.added++;
      this.#store.insertCopy(hash, seen);
      return;
    }
    this.counts.added++;
    if (copy !== undefined) {
      this.#store.deleteCopy(copy.path);
      this.#store.moveFile(old.hash, { path: copy.path, rootId: old.root_id, size: copy.size, mtimeMs: copy.mtime_ms, dev: null, ino: copy.ino });
      this.#store.insertFile(hash, seen, knownError(seen, hints));
      this.#placeNewFile(hash, seen, hints);
      return;
    }
    // Edited in place: the photo keeps its identity, rating, caption and albums; its file gets the new hash.
    const mains = this.#store.photosWithMain(old.hash);
    this.#store.deleteFile(old.hash);
    this.#store.insertFile(hash, seen, knownError(seen, hints));
    if (oldPhotos.length === 0) {
      this.#placeNewFile(hash, seen, hints);
      return;
    }
    for (const imageHash of oldPhotos) this.#store.link(imageHash, hash);
    for (const imageHash of mains) {
      this.#store.setMain(imageHash, hash);
      this.#describe({ imageHash, fileHash: hash, path: seen.path, type: seen.type }, hints);
    }
  }
}
