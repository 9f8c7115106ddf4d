import { join } from 'node:path';

/** Where a photo's thumbnail lives: `<dataDir>/thumbnails/<first two hex>/<imageHash>.webp`. */
export function thumbnailPath(dataDir: string, imageHash: string): string {
  return join(dataDir, 'thumbnails', imageHash.slice(0, 2), `${imageHash}.webp`);
}
