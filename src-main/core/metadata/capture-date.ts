import exifr from 'exifr';

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

/** A photo's capture date from its EXIF (DateTimeOriginal, else CreateDate), or null when absent or unreadable. */
export async function readCaptureDate(path: string): Promise<string | null> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(path, { pick: [...DATE_TAGS], reviveValues: false, translateValues: false });
  } catch {
    return null;
  }
  if (tags === undefined || tags === null) return null;
  return exifDateToIso(tags.DateTimeOriginal, tags.OffsetTimeOriginal) ?? exifDateToIso(tags.CreateDate, tags.OffsetTime);
}
