/** What a file worker loads only when it first has a file to describe (see file-worker.ts). */
import sharp from 'sharp';

// Parallelism comes from one worker per core; libvips threads on top would only fight them.
sharp.concurrency(1);
sharp.cache(false);

export { readCaptureDate } from '../metadata/capture-date.ts';
export { readXmpSidecar } from '../metadata/xmp-sidecar.ts';
export { readCameraInfo } from '../metadata/camera-info.ts';
export { makeVideoThumbnail } from '../thumbnails/video-thumbnail.ts';
import type { FileType } from '../../../src-shared/domain.ts';
import { decodeAlone, decodeShared } from '../thumbnails/decoder-lock.ts';
import { makePreview as decodePreview } from '../thumbnails/make-preview.ts';
import { makeThumbnail as decodeThumbnail, UndecodableError, type ThumbnailInfo } from '../thumbnails/make-thumbnail.ts';

export { UndecodableError };

/**
 * `decode` with each failure's reason its own file's: libvips keeps one error text for the whole
 * process, so a decode that failed beside others may read another file's message, or none
 * ("Unknown error"). Decodes run side by side; one that failed is decoded again alone, and that
 * answer is kept (see decoder-lock.ts).
 */
async function attributed<T>(decode: () => Promise<T>): Promise<T> {
  try {
    return await decodeShared(decode);
  } catch (error) {
    if (!(error instanceof UndecodableError)) throw error;
    return await decodeAlone(decode);
  }
}

/** makeThumbnail (thumbnails/make-thumbnail.ts), with its failure's reason its own. */
export function makeThumbnail(source: string, dest: string, type: FileType): Promise<ThumbnailInfo | null> {
  return attributed(() => decodeThumbnail(source, dest, type));
}

/** makePreview (thumbnails/make-preview.ts), with its failure's reason its own. */
export function makePreview(source: string, dest: string, type: FileType): Promise<{ width: number; height: number }> {
  return attributed(() => decodePreview(source, dest, type));
}
