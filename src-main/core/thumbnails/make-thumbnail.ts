import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { FileType } from '../../../src-shared/domain.ts';
import { readRegular } from '../file-workers/open-regular.ts';

/** Long side of a thumbnail in pixels: enough for a dense grid on a HiDPI screen. */
export const THUMBNAIL_SIZE = 256;

/**
 * Files above this are not read whole (a worker must stay small): sharp is then given the path
 * (checked to be a regular file just before), and a RAW's embedded preview is not looked for.
 */
const MAX_PREVIEW_SOURCE_BYTES = 256 * 1024 * 1024;

/** Images sharp may not decode (HEVC) whose embedded preview is still worth showing. */
const PREVIEW_FALLBACK_EXTENSIONS: ReadonlySet<string> = new Set(['heic', 'heif', 'hif']);

/** The original's size (after EXIF orientation) of a photo whose thumbnail was written. */
export interface ThumbnailInfo {
  readonly width: number;
  readonly height: number;
}

/** Thrown when a file holds no picture we can decode (corrupt, stub RAW, unsupported codec). */
export class UndecodableError extends Error {
  override readonly name = 'UndecodableError';
}

/** The same EXIF orientation sharp's rotate() applies, done by hand for an embedded preview that lost its EXIF. */
function orient(image: Sharp, orientation: number): Sharp {
  switch (orientation) {
    case 2: return image.flop();
    case 3: return image.rotate(180);
    case 4: return image.flip();
    case 5: return image.rotate(90).flop();
    case 6: return image.rotate(90);
    case 7: return image.rotate(270).flop();
    case 8: return image.rotate(270);
    default: return image;
  }
}

/** Resizes to a webp and writes it atomically (temp file + rename), so a killed scan leaves no half thumbnail. */
async function writeWebp(image: Sharp, dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const temp = `${dest}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await image
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78, effort: 2 })
      .toFile(temp);
    await rename(temp, dest);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Decodes with sharp, orientation applied; returns the original's oriented size. */
async function fromSharp(source: Buffer | string, dest: string): Promise<ThumbnailInfo> {
  const image = sharp(source, { failOn: 'truncated', sequentialRead: true });
  const meta = await image.metadata();
  await writeWebp(image.rotate(), dest);
  const swap = (meta.orientation ?? 1) >= 5;
  const width = meta.autoOrient?.width ?? (swap ? meta.height : meta.width) ?? 0;
  const height = meta.autoOrient?.height ?? (swap ? meta.width : meta.height) ?? 0;
  return { width, height };
}

/** A RAW's (or HEIC's) embedded JPEG preview, via exifr: cheap, and what most RAW viewers show. */
async function fromEmbeddedPreview(data: Buffer | null, dest: string): Promise<ThumbnailInfo> {
  // exifr is given the bytes, not the path: on a file it cannot parse it leaves its file handle open.
  if (data === null) throw new UndecodableError('too large to look for a preview');
  const preview = await exifr.thumbnail(data);
  if (preview === undefined || preview.length === 0) throw new UndecodableError('no embedded preview');
  const orientation = (await exifr.orientation(data).catch(() => 1)) ?? 1;
  const image = sharp(Buffer.from(preview), { failOn: 'error' });
  const meta = await image.metadata();
  await writeWebp(orient(image, orientation), dest);
  const swap = orientation >= 5;
  return { width: (swap ? meta.height : meta.width) ?? 0, height: (swap ? meta.width : meta.height) ?? 0 };
}

/**
 * Makes a photo's thumbnail at `dest` (webp, ~256 px long side, EXIF orientation applied).
 * Images go through sharp; RAW and HEIC fall back to their embedded preview. A video returns null
 * (no frame decoder here: no thumbnail, and that is not an error). Throws UndecodableError when the
 * file holds nothing we can decode.
 */
export async function makeThumbnail(source: string, dest: string, type: FileType): Promise<ThumbnailInfo | null> {
  if (type === 'VIDEO' || type === 'METADATA_FILE' || type === 'UNKNOWN') return null;
  // Read here, from a descriptor opened non-blocking and checked to be a regular file (a FIFO must
  // not block sharp's own open: see open-regular.ts); gone or not a regular file throws as it is.
  const { data } = await readRegular(source, { maxBytes: MAX_PREVIEW_SOURCE_BYTES });
  try {
    return await fromSharp(data ?? source, dest);
  } catch (first) {
    if (isGone(first)) throw first;
    // Only RAW and HEIF fall back to their embedded preview: a broken JPEG must show as broken.
    if (type !== 'RAW_FILE' && !PREVIEW_FALLBACK_EXTENSIONS.has(extname(source).slice(1).toLowerCase())) {
      throw new UndecodableError(`cannot decode: ${(first as Error).message.split('\n')[0]}`);
    }
    try {
      return await fromEmbeddedPreview(data, dest);
    } catch {
      throw new UndecodableError(`cannot decode: ${(first as Error).message.split('\n')[0]}`);
    }
  }
}

/** Whether an error says the file itself is gone or unreadable (not that its content is bad). */
export function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') return true;
  return /Input file is missing|No such file/i.test((error as Error | null)?.message ?? '');
}
