/** What a file worker loads only when it first has a file to describe (see file-worker.ts). */
import sharp from 'sharp';

// Parallelism comes from one worker per core; libvips threads on top would only fight them.
sharp.concurrency(1);
sharp.cache(false);

export { readCaptureDate } from '../metadata/capture-date.ts';
export { readXmpSidecar } from '../metadata/xmp-sidecar.ts';
export { makeThumbnail, UndecodableError } from '../thumbnails/make-thumbnail.ts';
