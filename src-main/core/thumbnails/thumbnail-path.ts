import { join } from 'node:path';

/** Where a photo's thumbnail lives: `<dataDir>/thumbnails/<first two hex>/<imageHash>.webp`. */
export function thumbnailPath(dataDir: string, imageHash: string): string {
  return join(dataDir, 'thumbnails', imageHash.slice(0, 2), `${imageHash}.webp`);
}

/**
 * Where a photo's full-size preview is cached (formats Chromium cannot show: TIFF, HEIC, RAW…):
 * `<dataDir>/previews/<first two hex>/<imageHash>.jpg`. A cache: remade from the file when absent.
 */
export function previewPath(dataDir: string, imageHash: string): string {
  return join(dataDir, 'previews', imageHash.slice(0, 2), `${imageHash}.jpg`);
}
