import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/** The real photos the 12 MP JPEGs are made from (cover-cropped to 4:3, so each gives a different scene). */
const SOURCES = [
  'jpg/hdr/iphone_hdr_NO.jpg',
  'jpg/mobile/jolla.jpg',
  'jpg/mobile/HMD_Nokia_8.3_5G.jpg',
  'jpg/hdr/canon_hdr_YES.jpg',
].map((path) => join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'exif-samples', path));

export const CAMERA_WIDTH = 4000;
export const CAMERA_HEIGHT = 3000;

/** The EXIF date every base picture is encoded with; each file gets its own in its place (same length, so no offset moves). */
const PLACEHOLDER_DATE = '2021:01:01 00:00:00';

/** What was written. */
export interface CameraJpegSet {
  readonly root: string;
  /** Folder under `root` that holds every JPEG. */
  readonly tree: string;
  readonly files: number;
  readonly bytes: number;
  /** Distinct pictures (scenes) among the files; every file's bytes differ (its EXIF date). */
  readonly scenes: number;
  readonly seconds: number;
}

/** "2021:01:01 00:00:00" plus `minutes`. */
function exifDate(minutes: number): string {
  const iso = new Date(Date.UTC(2021, 0, 1) + minutes * 60_000).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, ':')} ${iso.slice(11, 19)}`;
}

/**
 * Writes `count` camera-like 12 MP (4000×3000) JPEGs at quality 90, ~4–5 MB each, with EXIF
 * DateTimeOriginal (one minute apart), 50 per folder under `root/tree`.
 *
 * Real photos scaled up alone compress and decode unrealistically well (smooth), and flat colour
 * far more so: each scene carries gaussian sensor-like noise (overlay blend, σ 20), which puts it at a
 * camera's bytes per pixel. Encoding a 12 MP picture costs ~1.3 s, so only a few scenes are encoded
 * and the files are their copies with the date patched in place: decoding cost is the same as for
 * distinct pictures (no decoder caches across files), and every file hashes differently.
 */
export async function writeCameraJpegs(root: string, count: number): Promise<CameraJpegSet> {
  const started = performance.now();
  const tree = join(root, 'tree');
  mkdirSync(tree, { recursive: true });
  const noise = await sharp({ create: { width: CAMERA_WIDTH, height: CAMERA_HEIGHT, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 20 } } })
    .raw()
    .toBuffer();
  const scenes = await Promise.all(
    SOURCES.slice(0, Math.max(1, Math.min(SOURCES.length, count))).map((source) =>
      sharp(source)
        .rotate()
        .resize(CAMERA_WIDTH, CAMERA_HEIGHT, { fit: 'cover' })
        .composite([{ input: noise, raw: { width: CAMERA_WIDTH, height: CAMERA_HEIGHT, channels: 3 }, blend: 'overlay' }])
        // IFD2 is libvips' name for the Exif sub-IFD, where DateTimeOriginal lives.
        .withExif({ IFD0: { Make: 'Keepsake', Model: 'Bench 12MP', DateTime: PLACEHOLDER_DATE }, IFD2: { DateTimeOriginal: PLACEHOLDER_DATE } })
        .jpeg({ quality: 90 })
        .toBuffer(),
    ),
  );
  const placeholder = Buffer.from(PLACEHOLDER_DATE, 'latin1');
  const dateAt = scenes.map((jpeg) => {
    const at: number[] = [];
    for (let i = jpeg.indexOf(placeholder); i >= 0; i = jpeg.indexOf(placeholder, i + 1)) at.push(i);
    if (at.length === 0) throw new Error('the encoded JPEG holds no EXIF date to vary');
    return at;
  });
  let bytes = 0;
  let folder = '';
  for (let i = 0; i < count; i += 1) {
    if (i % 50 === 0) {
      folder = join(tree, `d${String(i / 50).padStart(3, '0')}`);
      mkdirSync(folder, { recursive: true });
    }
    const scene = i % scenes.length;
    const jpeg = scenes[scene] as Buffer;
    const date = exifDate(i);
    for (const at of dateAt[scene] as number[]) jpeg.write(date, at, 'latin1');
    writeFileSync(join(folder, `IMG_${String(i).padStart(5, '0')}.JPG`), jpeg);
    bytes += jpeg.length;
  }
  return { root, tree, files: count, bytes, scenes: scenes.length, seconds: (performance.now() - started) / 1000 };
}
