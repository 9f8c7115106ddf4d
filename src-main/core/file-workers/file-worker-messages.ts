import type { CameraInfo, FileType } from '../../../src-shared/domain.ts';
import type { XmpSidecar } from '../metadata/xmp-sidecar.ts';
import type { SidecarFileWrite, SidecarWriteOutcome } from '../sidecars/write-sidecar-file.ts';
import type { VideoTools } from '../video/find-video-tools.ts';
import type { PackedListing } from './listing-transfer.ts';

/** What a new photo's main file told us: capture date, size, and whether its thumbnail was written. */
export interface Description {
  readonly capturedAt: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly hasThumbnail: boolean;
  /** The written thumbnail's own size (null when none was written). */
  readonly thumbnailWidth: number | null;
  readonly thumbnailHeight: number | null;
  /** A video's length in seconds, from its container. */
  readonly durationS: number | null;
  /**
   * The thumbnail maker's generation this answer counts for (thumbnail-size.ts THUMBNAIL_VERSION);
   * lower when the file could not be tried yet (a video with no ffmpeg), so it is tried again later.
   */
  readonly thumbnailVersion: number;
  /** Why the file could not be decoded (null when it could, or when it could not be tried). */
  readonly error: string | null;
}

/** A file's MD5 and whether its first bytes are those of an image format (see image-signature.ts). */
export interface Identity {
  readonly md5: string;
  readonly imageSignature: boolean;
}

/** Numbered requests from the pool to a file worker. */
export type WorkerRequest =
  | { readonly id: number; readonly kind: 'identify'; readonly path: string }
  | { readonly id: number; readonly kind: 'listFolder'; readonly folder: string; readonly maxFiles: number }
  | { readonly id: number; readonly kind: 'describe'; readonly source: string; readonly dest: string; readonly type: FileType; readonly videoTools: VideoTools | null }
  | { readonly id: number; readonly kind: 'preview'; readonly source: string; readonly dest: string; readonly type: FileType }
  | { readonly id: number; readonly kind: 'sidecar'; readonly path: string }
  | { readonly id: number; readonly kind: 'cameraInfo'; readonly path: string }
  | { readonly id: number; readonly kind: 'writeSidecars'; readonly writes: readonly SidecarFileWrite[] };

/** What each request kind answers. */
export interface WorkerValues {
  readonly identify: Identity;
  /** In columns (listing-transfer.ts); the pool answers its caller with the FolderListing. */
  readonly listFolder: PackedListing;
  readonly describe: Description;
  readonly preview: { width: number; height: number };
  readonly sidecar: XmpSidecar;
  readonly cameraInfo: CameraInfo | null;
  readonly writeSidecars: readonly SidecarWriteOutcome[];
}

/** An error crossing the thread boundary as plain data. */
export interface WorkerError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

/** A worker's answer to request `id`. */
export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly value: WorkerValues[keyof WorkerValues] }
  | { readonly id: number; readonly ok: false; readonly error: WorkerError };

/** Error rebuilt on the main thread from a worker's answer; keeps the errno code (ENOENT, EACCES). */
export class FileWorkerError extends Error {
  readonly code: string | undefined;
  constructor(error: WorkerError) {
    super(error.message);
    this.name = error.name;
    this.code = error.code;
  }
}
