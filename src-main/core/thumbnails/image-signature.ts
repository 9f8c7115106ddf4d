import type { Description } from '../file-workers/file-worker-messages.ts';
import { THUMBNAIL_VERSION } from './thumbnail-size.ts';
/** What a file named like an image but with no image signature is described as (never decoded). */
export const NOT_AN_IMAGE: Description = {
  capturedAt: null,
  width: null,
  height: null,
  hasThumbnail: false,
  thumbnailWidth: null,
  thumbnailHeight: null,
  durationS: null,
  thumbnailVersion: THUMBNAIL_VERSION,
  error: 'cannot decode: not a known image format',
};

/** Bytes from the start of a file that `hasImageSignature` looks at. */
export const SIGNATURE_BYTES = 32;

const ascii = (head: Buffer, offset: number, text: string): boolean =>
  head.length >= offset + text.length && head.toString('latin1', offset, offset + text.length) === text;

const bytes = (head: Buffer, offset: number, ...values: number[]): boolean =>
  head.length >= offset + values.length && values.every((value, i) => head[offset + i] === value);

/**
 * Whether a file's first bytes are those of a still-image format that sharp or exifr can read
 * (JPEG, PNG, GIF, WebP, TIFF, the ISO-BMFF family HEIC/HEIF/AVIF/JPEG XL/JPEG 2000, BMP, PSD, ICO,
 * SVG/XML). A file named like an image that starts with none of them holds nothing either library
 * could decode or read a date from, so the scan records it as undecodable without handing it to
 * them: on random bytes, those attempts cost more than hashing the file. Only files classified as
 * IMAGE are judged this way; RAW formats are too many to list and always get the full attempt.
 */
export function hasImageSignature(head: Buffer): boolean {
  return (
    bytes(head, 0, 0xff, 0xd8, 0xff) || // JPEG
    bytes(head, 0, 0x89, 0x50, 0x4e, 0x47) || // PNG
    ascii(head, 0, 'GIF8') ||
    (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) ||
    bytes(head, 0, 0x49, 0x49, 0x2a, 0x00) || // TIFF, little-endian
    bytes(head, 0, 0x4d, 0x4d, 0x00, 0x2a) || // TIFF, big-endian
    bytes(head, 0, 0x49, 0x49, 0x2b, 0x00) || // BigTIFF
    bytes(head, 0, 0x4d, 0x4d, 0x00, 0x2b) ||
    ascii(head, 4, 'ftyp') || // HEIC, HEIF, AVIF
    ascii(head, 4, 'jP  ') || // JPEG 2000 (JP2 box)
    bytes(head, 0, 0xff, 0x4f, 0xff, 0x51) || // JPEG 2000 codestream
    bytes(head, 0, 0xff, 0x0a) || // JPEG XL codestream
    ascii(head, 4, 'JXL ') || // JPEG XL container
    ascii(head, 0, 'BM') ||
    ascii(head, 0, '8BPS') || // PSD
    bytes(head, 0, 0x00, 0x00, 0x01, 0x00) || // ICO
    /^\uFEFF?\s*<(\?xml|svg|!doctype svg|!--)/i.test(head.toString('utf8', 0, Math.min(head.length, SIGNATURE_BYTES)))
  );
}
