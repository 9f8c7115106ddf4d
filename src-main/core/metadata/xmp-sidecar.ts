import { createHash } from 'node:crypto';
import { readRegularSync } from '../file-workers/open-regular.ts';
import { readSidecarXmp, type SidecarXmp } from '../sidecars/sidecar-xmp.ts';

/** What an XMP sidecar says about its photo, as the scan reads it into a new photo. */
export interface XmpSidecar {
  readonly rating: number | null;
  /** dc:description, else dc:title. */
  readonly caption: string | null;
  readonly capturedAt: string | null;
  /** Everything the sidecar holds for Keepsake: keywords, Keepsake's albums, colour label, faces. */
  readonly fields: SidecarXmp;
  /** The file as it was read: the base a later write of this sidecar merges from (sidecars/). */
  readonly file: { readonly size: number; readonly digest: string };
}

/** A sidecar larger than this is not one (XMP sidecars are kilobytes): not read. */
const MAX_SIDECAR_BYTES = 16 * 1024 * 1024;

/**
 * Reads an `.xmp` sidecar (with the same parser Keepsake writes sidecars with, sidecars/sidecar-xmp.ts);
 * throws when the file is not XMP, or not a regular file (it is opened non-blocking and checked
 * on its descriptor, see open-regular.ts).
 */
export async function readXmpSidecar(path: string): Promise<XmpSidecar> {
  // Read in the worker's own thread, at once: a sidecar is kilobytes (see readRegularSync).
  const { data } = readRegularSync(path, { maxBytes: MAX_SIDECAR_BYTES });
  if (data === null) throw new Error('too large for an XMP sidecar');
  const fields = readSidecarXmp(data.toString('utf8'));
  return {
    rating: fields.rating,
    caption: fields.caption ?? fields.title,
    capturedAt: fields.capturedAt,
    fields,
    file: { size: data.length, digest: createHash('md5').update(data).digest('hex') },
  };
}
