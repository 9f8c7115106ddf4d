import { stat } from 'node:fs/promises';
import exifr from 'exifr';
import { readRegular } from '../file-workers/open-regular.ts';
import { classifyFile } from '../files/file-type.ts';

/** EXIF date tags in order of preference: when the shutter fired, else when the file was made. */
const DATE_TAGS = ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'OffsetTime'] as const;

/**
 * Turns an EXIF date ("2008:05:30 15:56:01", maybe with sub-seconds) into ISO 8601 local wall-clock
 * time ("2008-05-30T15:56:01"), plus the offset when the camera recorded one. Returns null for
 * dates cameras write when unset ("0000:00:00 00:00:00") or anything unparsable.
 */
export function exifDateToIso(value: unknown, offset?: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s] = match;
  if (y === '0000' || mo === '00' || d === '00') return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '';
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`;
}

/** Bytes read from the start of a file for its EXIF: where JPEG, TIFF-based RAW and HEIC keep it. */
const HEAD_BYTES = 512 * 1024;
/** A file up to this size is read whole when its head held no date (EXIF placed late). */
const WHOLE_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Reads `length` bytes from the start of a file (fewer if it is shorter); opened non-blocking and
 * refused unless it is a regular file (a FIFO must not block the open: see open-regular.ts).
 */
async function readHead(path: string, length: number): Promise<Buffer> {
  return (await readRegular(path, { length })).data ?? Buffer.alloc(0);
}

// [performance helper] ONE options object for every call: exifr caches its parsed options in a Map
// keyed by the object given (never evicted), so a fresh literal per file leaked ~8 KB per file
// (gigabytes at a million files).
const PARSE_OPTIONS = { pick: [...DATE_TAGS], reviveValues: false, translateValues: false };

async function parseDates(data: Buffer): Promise<Record<string, unknown> | undefined> {
  try {
    return await exifr.parse(data, PARSE_OPTIONS);
  } catch {
    return undefined;
  }
}

/**
 * A photo's capture date from its EXIF (DateTimeOriginal, else CreateDate), or null when absent or
 * unreadable. exifr gets bytes we read, never the path: given a path, it leaves a file handle open
 * on every file it cannot parse, which leaks memory at scan scale. Videos are not read (exifr has
 * no QuickTime/MP4 support).
 */
export async function readCaptureDate(path: string): Promise<string | null> {
  const type = classifyFile(path);
  if (type !== 'IMAGE' && type !== 'RAW_FILE') return null;
  let head: Buffer;
  let size: number;
  try {
    size = (await stat(path)).size;
    head = await readHead(path, Math.min(size, HEAD_BYTES));
  } catch {
    return null;
  }
  let tags = await parseDates(head);
  if ((tags?.DateTimeOriginal === undefined && tags?.CreateDate === undefined) && size > HEAD_BYTES && size <= WHOLE_FILE_BYTES) {
    try {
      tags = await parseDates(await readHead(path, size));
    } catch {
      return null;
    }
  }
  if (tags === undefined || tags === null) return null;
  return exifDateToIso(tags.DateTimeOriginal, tags.OffsetTimeOriginal) ?? exifDateToIso(tags.CreateDate, tags.OffsetTime);
}
