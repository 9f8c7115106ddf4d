import { extname } from 'node:path';

const HEIF_EXTENSIONS: ReadonlySet<string> = new Set(['heic', 'heif', 'hif']);

/**
 * Whether a file is HEIC/HEIF by its name: decoded by libheif, one at a time (see heic-decoder.ts).
 * Its own module so the pool on the main thread can ask without loading any decoder.
 */
export function isHeif(path: string): boolean {
  return HEIF_EXTENSIONS.has(extname(path).slice(1).toLowerCase());
}
