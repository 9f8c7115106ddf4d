import { extname } from 'node:path';

const HEIF_EXTENSIONS: ReadonlySet<string> = new Set(['heic', 'heif', 'hif']);
/** JPEG XL goes one at a time too: jxl-oxide's wasm heap grows to ~0.5 GB at 12 MP and never shrinks. */
const ONE_AT_A_TIME: ReadonlySet<string> = new Set([...HEIF_EXTENSIONS, 'jxl']);

/**
 * Whether a file is HEIC/HEIF by its name: decoded by libheif, one at a time (see heic-decoder.ts).
 * Its own module so the pool on the main thread can ask without loading any decoder.
 */
export function isHeif(path: string): boolean {
  return HEIF_EXTENSIONS.has(extname(path).slice(1).toLowerCase());
}

/** Whether a file's decoder must run one at a time, on one worker (wasm decoders whose memory never shrinks). */
export function decodesOneAtATime(path: string): boolean {
  return ONE_AT_A_TIME.has(extname(path).slice(1).toLowerCase());
}
