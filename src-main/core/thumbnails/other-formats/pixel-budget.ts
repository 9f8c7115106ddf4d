/**
 * The one size limit the BMP, PSD and JPEG XL decoders share, checked from the file's header before
 * any pixel buffer is allocated: a 40-byte BMP header may claim 2³¹ × 2³¹ pixels.
 */

/**
 * Pictures above this many pixels are refused. 100 MP is a 12 000 × 8 000 scan, beyond any camera:
 * its RGBA buffer is 400 MB, and a JPEG XL decode of it peaks near 2.8 GB (see jxl.ts).
 */
export const MAX_PIXELS = 100_000_000;

/** Throws, with the picture's size in the reason, when width × height is above MAX_PIXELS. */
export function checkPixelBudget(format: string, width: number, height: number): void {
  if (width * height > MAX_PIXELS) {
    throw new Error(`${format}: ${width}×${height} is above the ${MAX_PIXELS / 1_000_000}-megapixel limit`);
  }
}
