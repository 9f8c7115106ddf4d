import exifr from 'exifr';
import { readRegular } from '../file-workers/open-regular.ts';
import { exifDateToIso } from './capture-date.ts';

/** What an XMP sidecar says about its photo. */
export interface XmpSidecar {
  readonly rating: number | null;
  readonly caption: string | null;
  readonly capturedAt: string | null;
}

/** Text of an XMP language alternative (`dc:description`), which exifr gives as a string or {lang, value}. */
function altText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return altText(value[0]);
  if (value !== null && typeof value === 'object' && 'value' in value) return altText((value as { value: unknown }).value);
  return null;
}

/** A sidecar larger than this is not one (XMP sidecars are kilobytes): not read. */
const MAX_SIDECAR_BYTES = 16 * 1024 * 1024;

/**
 * Reads an `.xmp` sidecar's rating, description and capture date; throws when the file is not XMP
 * (or not a regular file: exifr gets bytes read from a descriptor opened non-blocking, never the
 * path, see open-regular.ts).
 */
export async function readXmpSidecar(path: string): Promise<XmpSidecar> {
  const { data } = await readRegular(path, { maxBytes: MAX_SIDECAR_BYTES });
  if (data === null) throw new Error('too large for an XMP sidecar');
  const groups = ((await exifr.sidecar(data, undefined, 'xmp')) ?? {}) as Record<string, unknown>;
  // exifr groups tags by namespace (xmp / xap, dc, exif, photoshop); one flat view is enough here.
  const tags: Record<string, unknown> = {};
  for (const [name, group] of Object.entries(groups)) {
    if (name !== 'xmlns' && group !== null && typeof group === 'object' && !Array.isArray(group)) Object.assign(tags, group);
  }
  const rawRating = Number(tags.Rating);
  const rating = Number.isInteger(rawRating) && rawRating >= 0 && rawRating <= 5 ? rawRating : null;
  const description = altText(tags.description);
  const date = tags.DateTimeOriginal ?? tags.DateCreated;
  const capturedAt = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(date) ? date.slice(0, 25) : exifDateToIso(date);
  return { rating, caption: description === null || description.trim() === '' ? null : description, capturedAt };
}
