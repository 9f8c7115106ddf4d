/** What a file worker loads only when it first has a file to describe (see file-worker.ts). */
import sharp from 'sharp';

// Parallelism comes from one worker per core; libvips threads on top would only fight them.
sharp.concurrency(1);
sharp.cache(false);

export { readCaptureDate } from '../metadata/capture-date.ts';
export { readXmpSidecar } from '../metadata/xmp-sidecar.ts';
import type { FileType } from '../../../src-shared/domain.ts';
import { decodeAlone, decodeShared } from '../thumbnails/decoder-lock.ts';
import { makeThumbnail as decodeThumbnail, UndecodableError, type ThumbnailInfo } from '../thumbnails/make-thumbnail.ts';

export { UndecodableError };

/**
 * makeThumbnail (thumbnails/make-thumbnail.ts) with each failure's reason its own file's: libvips
 * keeps one error text for the whole process, so a decode that failed beside others may read
 * another file's message, or none ("Unknown error"). Decodes run side by side; one that failed is
 * decoded again alone, and that answer is kept (see decoder-lock.ts).
 */
export async function makeThumbnail(source: string, dest: string, type: FileType): Promise<ThumbnailInfo | null> {
  try {
    return await decodeShared(() => decodeThumbnail(source, dest, type));
  } catch (error) {
    if (!(error instanceof UndecodableError)) throw error;
    return await decodeAlone(() => decodeThumbnail(source, dest, type));
  }
}
