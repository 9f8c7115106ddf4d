import exifr from 'exifr';
import type { CameraInfo } from '../../../src-shared/domain.ts';
import { readRegular } from '../file-workers/open-regular.ts';

/** The EXIF tags the Info panel shows (exifr's names: ISO is ISOSpeedRatings / PhotographicSensitivity). */
const CAMERA_TAGS = ['Make', 'Model', 'LensModel', 'LensMake', 'ExposureTime', 'FNumber', 'ISO', 'FocalLength', 'FocalLengthIn35mmFormat', 'Flash'] as const;

// ONE options object for every call: exifr caches parsed options by the object given (see capture-date.ts).
const PARSE_OPTIONS = { pick: [...CAMERA_TAGS], reviveValues: false };

/** Bytes read from the start of a file: where JPEG, TIFF-based RAW and HEIC keep their EXIF. */
const HEAD_BYTES = 512 * 1024;
/** A file up to this size is read whole when its head held no EXIF (EXIF placed late). */
const WHOLE_FILE_BYTES = 32 * 1024 * 1024;

const text = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  // Cameras pad with NULs and spaces.
  const trimmed = value.replace(/[\0\s]+$/, '').trim();
  return trimmed === '' ? null : trimmed;
};
const positive = (value: unknown): number | null => {
  const number = Array.isArray(value) ? Number(value[0]) : Number(value);
  return typeof value !== 'boolean' && value !== null && Number.isFinite(number) && number > 0 ? number : null;
};

/** Turns exifr's answer into CameraInfo; null when it holds none of the camera's tags. */
export function toCameraInfo(tags: Record<string, unknown> | null | undefined): CameraInfo | null {
  if (tags === null || tags === undefined) return null;
  const lensModel = text(tags['LensModel']);
  const lensMake = text(tags['LensMake']);
  const info: CameraInfo = {
    make: text(tags['Make']),
    model: text(tags['Model']),
    lens: lensModel === null ? null : lensMake !== null && !lensModel.toLowerCase().startsWith(lensMake.toLowerCase()) ? `${lensMake} ${lensModel}` : lensModel,
    exposureTimeS: positive(tags['ExposureTime']),
    fNumber: positive(tags['FNumber']),
    iso: positive(tags['ISO']),
    focalLengthMm: positive(tags['FocalLength']),
    focalLength35mmMm: positive(tags['FocalLengthIn35mmFormat']),
    flash: text(tags['Flash']),
  };
  return Object.values(info).every((value) => value === null) ? null : info;
}

async function parse(data: Buffer): Promise<Record<string, unknown> | undefined> {
  try {
    return await exifr.parse(data, PARSE_OPTIONS);
  } catch {
    // Not a format exifr reads (a CR3, a PNG without EXIF): no camera information, not an error.
    return undefined;
  }
}

/**
 * The camera information in a picture's EXIF (camera, lens, exposure), or null when it has none.
 * Reads the file's first 512 KiB (the whole file up to 32 MiB when the head held nothing), opened
 * non-blocking and refused unless it is a regular file; exifr gets the bytes, never the path (given
 * a path it leaves a handle open on files it cannot parse). Errors reading the file (ENOENT,
 * EACCES) are thrown: the caller tells the user why it shows only what the database knows.
 */
export async function readCameraInfo(path: string): Promise<CameraInfo | null> {
  const { data: head, size } = await readRegular(path, { length: HEAD_BYTES });
  let info = toCameraInfo(await parse(head ?? Buffer.alloc(0)));
  if (info === null && size > HEAD_BYTES && size <= WHOLE_FILE_BYTES) {
    info = toCameraInfo(await parse((await readRegular(path, { length: size })).data ?? Buffer.alloc(0)));
  }
  return info;
}
