/**
 * How big a thumbnail is, and which generation of the thumbnail maker wrote it. The grid shows a
 * square crop of 160–200 CSS px whenever it has 4 columns or more, so at 2× a tile needs 400 device
 * pixels on the photo's SHORT side; a plain "512 on the long side" would blow a panorama's 170 px
 * short side up twice. The long side is capped so a 10:1 panorama stays a small file. (A grid tile
 * that would need more pixels than a thumbnail has shows it smaller instead: photo-tile.tsx.)
 */
export const THUMBNAIL_LONG_SIDE = 512;
export const THUMBNAIL_MIN_SHORT_SIDE = 400;
export const THUMBNAIL_MAX_LONG_SIDE = 1536;

/**
 * Bumped whenever thumbnails get better for some photos (a new decoder, a new size): photos whose
 * `thumbnail_version` is lower are remade in the background (the Refresh Thumbnails job).
 * 1: 256 px, JPEG/PNG/TIFF/WebP and tiny RAW previews. 2: the sizes above, HEIC, the largest
 * embedded RAW preview, video posters.
 */
export const THUMBNAIL_VERSION = 2;

/** The full-size preview (lightbox) of a format Chromium cannot show: a 4K screen's long side at 1×, a laptop's at 2×. */
export const PREVIEW_LONG_SIDE = 2560;

/** The size a thumbnail of an (oriented) `width`×`height` picture is written at; never larger than the picture. */
export function thumbnailSize(width: number, height: number): { width: number; height: number } {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (long <= 0 || short <= 0) return { width: THUMBNAIL_LONG_SIDE, height: THUMBNAIL_LONG_SIDE };
  const wanted = Math.max(THUMBNAIL_LONG_SIDE / long, THUMBNAIL_MIN_SHORT_SIDE / short);
  const scale = Math.min(1, wanted, THUMBNAIL_MAX_LONG_SIDE / long);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The size a preview is written at: the picture's own when it is smaller. */
export function previewSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, PREVIEW_LONG_SIDE / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
