import type { FileType } from '../../../src-shared/domain.ts';
import type { FilePresence } from '../files/file-presence.ts';
import { NOT_AN_IMAGE } from '../thumbnails/image-signature.ts';
import type { ScanStore } from './scan-store.ts';
import type { SeenFile } from './walk-folders.ts';

/**
 * One change a scan applied, as `keepsake watch --json` prints it: a new photo, a file moved or
 * renamed (from its old path), a file gone, a missing file back where it was, a file edited in place.
 */
export interface ScanChange {
  readonly change: 'added' | 'moved' | 'missing' | 'restored' | 'changed';
  readonly path: string;
  readonly from?: string;
  readonly image_hash: string | null;
}

/** Mutable counters behind a ScanResult. */
export interface ScanCounts {
  added: number;
  relinked: number;
  unchanged: number;
  hashed: number;
  errors: number;
  restored_from_trash: number;
}

/** Work for the workers once a batch is committed: a photo whose thumbnail and date must be read. */
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
  /** False: its first bytes are no image format's; it is described as undecodable at once, not by the workers. */
  readonly imageSignature?: boolean;
  /** True: no other file of its folder shares its stem, on disk or in the database (no RAW/JPEG/XMP companions to look up). */
  readonly alone?: boolean;
}

/** A hashed file the scan knows nothing more about. */
export const NO_HINTS: HashedHints = {};

/** Named like an image, yet its first bytes are no image format's: there is nothing to decode. */
export const notAnImage = (type: FileType, hints: HashedHints): boolean => type === 'IMAGE' && hints.imageSignature === false;

/** The error a new file's row is inserted with: known before any decoding is tried, or none yet. */
export const knownError = (seen: SeenFile, hints: HashedHints): string | null => (notAnImage(seen.type, hints) ? NOT_AN_IMAGE.error : null);

/**
 * What applying one batch works with and gathers: the statements, the presence flags (settled at
 * the batch's commit), the counters, and the photos created and the workers' work collected since
 * the last commit.
 */
export class ScanWork {
  readonly store: ScanStore;
  readonly presence: FilePresence;
  readonly onlineRoots: ReadonlySet<number>;
  readonly now: () => Date;
  readonly counts: ScanCounts = { added: 0, relinked: 0, unchanged: 0, hashed: 0, errors: 0, restored_from_trash: 0 };
  /**
   * Photos created since the last commit. They are never handed to the presence settle: a new
   * photo's main file was just seen on disk under an online root, so it is present, as inserted.
   */
  readonly created = new Set<string>();
  describes: DescribeRequest[] = [];
  sidecars: SidecarRequest[] = [];

  constructor(store: ScanStore, presence: FilePresence, onlineRoots: ReadonlySet<number>, now: () => Date) {
    this.store = store;
    this.presence = presence;
    this.onlineRoots = onlineRoots;
    this.now = now;
  }

  /** A photo that existed before this batch changed (a file joined it, its main file changed). */
  photoChanged(imageHash: string): void {
    if (!this.created.has(imageHash)) this.presence.photosChanged([imageHash]);
  }

  /**
   * A photo's main file to describe: by the workers, or at once when it is named like an image but
   * is not one (its file row was inserted with the error; a photo created now was inserted described).
   */
  describe(request: DescribeRequest, hints: HashedHints): void {
    if (notAnImage(request.type, hints)) {
      this.counts.errors++;
      if (!this.created.has(request.imageHash)) this.store.describe(request.imageHash, NOT_AN_IMAGE);
      return;
    }
    // Flagged until described, so that a scan cut off before the answer picks it up again.
    if (!this.created.has(request.imageHash)) this.store.queueDescribe(request.imageHash);
    this.describes.push(request);
  }

  /** Settles the batch's presence flags and takes the workers' work collected since the last call. */
  drain(): { describes: DescribeRequest[]; sidecars: SidecarRequest[] } {
    this.presence.settle();
    const out = { describes: this.describes, sidecars: this.sidecars };
    this.created.clear();
    this.describes = [];
    this.sidecars = [];
    return out;
  }
}
