/**
 * The one place that turns a photo file into pixels, for thumbnails and previews alike: which
 * decoder reads which format, and how the result is oriented.
 * - RAW: its largest embedded JPEG preview (what Lightroom and digiKam show first), turned by the
 *   RAW's own EXIF orientation (the preview has none); libvips' own decode only when there is none.
 * - HEIC/HEIF: libheif (wasm) when sharp cannot decode HEVC; it returns the picture already turned.
 * - BMP, PSD/PSB, JPEG XL (by their first bytes): other-formats/ (JPEG XL by jxl-oxide, in wasm).
 * - Everything else: sharp, with EXIF orientation applied.
 */
import exifr from 'exifr';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { FileType } from '../../../src-shared/domain.ts';
import { readRegular } from '../file-workers/open-regular.ts';
import { decodeHeic, sharpDecodesHeic } from './heic-decoder.ts';
import { isHeif } from './heif-files.ts';
import { decodeOtherFormat, otherFormatOf, type RawPixels } from './other-formats/decode-other-format.ts';
import { findLargestEmbeddedJpeg, readTiffOrientation } from './raw-preview.ts';

/**
 * Files above this are not read whole (a worker must stay small): sharp is then given the path
 * (checked to be a regular file just before), and a RAW's embedded preview is not looked for.
 */
const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

/** A decoded picture: a sharp pipeline already oriented, and its oriented size (the photo's size). */
export interface Picture {
  readonly image: Sharp;
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

async function fromSharp(source: Buffer | string): Promise<Picture> {
  const image = sharp(source, { failOn: 'truncated', sequentialRead: true });
  const meta = await image.metadata();
  const swap = (meta.orientation ?? 1) >= 5;
  const width = meta.autoOrient?.width ?? (swap ? meta.height : meta.width) ?? 0;
  const height = meta.autoOrient?.height ?? (swap ? meta.width : meta.height) ?? 0;
  return { image: image.rotate(), width, height };
}

/**
 * A JPEG found inside the file (a RAW's preview, a HEIC's thumbnail), turned by the file's own
 * orientation only: the preview's EXIF, if any, is not applied on top (sharp is not asked to rotate).
 */
async function fromEmbedded(data: Buffer, jpeg: Buffer, orientation: number): Promise<Picture> {
  const image = sharp(jpeg, { failOn: 'error' });
  const meta = await image.metadata();
  const swap = orientation >= 5;
  return { image: orient(image, orientation), width: (swap ? meta.height : meta.width) ?? 0, height: (swap ? meta.width : meta.height) ?? 0 };
}

function firstLine(error: unknown): string {
  return ((error as Error | null)?.message ?? String(error)).split('\n')[0] ?? '';
}

async function decodeRaw(data: Buffer | null, source: string): Promise<Picture> {
  const preview = data === null ? null : findLargestEmbeddedJpeg(data);
  if (data !== null && preview !== null) {
    try {
      // readTiffOrientation reads CR3 and RAF too, which exifr does not parse.
      return await fromEmbedded(data, data.subarray(preview.offset, preview.offset + preview.length), readTiffOrientation(data));
    } catch {
      // A preview that validated but does not decode: try the RAW itself.
    }
  }
  try {
    // libvips reads DNG and some TIFF-like RAWs itself; a stub fails here or when written.
    return await fromSharp(data ?? source);
  } catch (error) {
    if (isGone(error)) throw error;
    throw new UndecodableError(data === null ? 'too large to look for a preview, and cannot decode it' : `no embedded preview, and cannot decode it: ${firstLine(error)}`);
  }
}

async function decodeHeif(data: Buffer | null, source: string): Promise<Picture> {
  if (sharpDecodesHeic()) return fromSharp(data ?? source);
  if (data === null) throw new UndecodableError('too large to decode here');
  try {
    return await decodeHeic(data);
  } catch (error) {
    // A HEIF whose picture libheif cannot read may still carry a small EXIF thumbnail.
    const thumbnail = await exifr.thumbnail(data).catch(() => undefined);
    // exifr is given the bytes, not the path: on a file it cannot parse it leaves its file handle open.
    const orientation = (await exifr.orientation(data).catch(() => 1)) ?? 1;
    if (thumbnail !== undefined && thumbnail.length > 0) return fromEmbedded(data, Buffer.from(thumbnail), orientation);
    throw new UndecodableError(`cannot decode: ${firstLine(error)}`);
  }
}

/**
 * Decodes a photo file (IMAGE or RAW_FILE) into an oriented picture. Gone or not a regular file
 * throws as it is (ENOENT, EACCES, "not a regular file"); a file with nothing decodable throws
 * UndecodableError. Read from a descriptor opened non-blocking and checked to be a regular file: a
 * FIFO must not block sharp's own open (see open-regular.ts).
 */
export async function decodePicture(source: string, type: FileType): Promise<Picture> {
  const { data } = await readRegular(source, { maxBytes: MAX_SOURCE_BYTES });
  if (type === 'RAW_FILE') return decodeRaw(data, source);
  if (isHeif(source)) return decodeHeif(data, source);
  // BMP, PSD and JPEG XL: this libvips build reads none of them (see other-formats/).
  if (data !== null && otherFormatOf(data) !== null) return decodeOther(data);
  try {
    return await fromSharp(data ?? source);
  } catch (error) {
    if (isGone(error)) throw error;
    throw new UndecodableError(`cannot decode: ${firstLine(error)}`);
  }
}

/** Pixels from the BMP / PSD / JPEG XL decoders (JPEG XL's already turned by its own orientation). */
async function decodeOther(data: Buffer): Promise<Picture> {
  let pixels: RawPixels | null;
  try {
    pixels = await decodeOtherFormat(data);
  } catch (error) {
    throw new UndecodableError(`cannot decode: ${firstLine(error)}`);
  }
  if (pixels === null) throw new UndecodableError('cannot decode: not a known image format');
  const { width, height, channels } = pixels;
  const image = sharp(Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength), { raw: { width, height, channels } });
  return { image, width, height };
}

/** Whether an error says the file itself is gone or unreadable (not that its content is bad). */
export function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') return true;
  return /Input file is missing|No such file/i.test((error as Error | null)?.message ?? '');
}
