/**
 * Pixels for the still-image formats that sharp's prebuilt libvips cannot read — BMP, Photoshop
 * PSD/PSB and JPEG XL — so that they get thumbnails and previews too. The format is told by the
 * bytes' signature, never the file name. Each decoder refuses a picture above MAX_PIXELS from its
 * header, before allocating, and throws an Error with a one-line reason for a broken file.
 *
 * Libraries: JPEG XL is decoded by `jxl-oxide-wasm` (MIT OR Apache-2.0), imported on the first
 * JPEG XL file only, so a worker that loads this module pays nothing for it otherwise. BMP and PSD
 * are read by the code beside this file (bmp.ts and psd.ts say why no library).
 */
import { decodeBmp, isBmp } from './bmp.ts';
import { decodeJxl, isJxl } from './jxl.ts';
import { decodePsd, isPsd } from './psd.ts';

/** Raw pixels of a picture sharp cannot read, or null when the bytes are none of these formats. */
export interface RawPixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
}

/** Which of BMP / PSD / JPEG XL the bytes are (by signature, not file name), or null. */
export function otherFormatOf(data: Uint8Array): 'bmp' | 'psd' | 'jxl' | null {
  if (isBmp(data)) return 'bmp';
  if (isPsd(data)) return 'psd';
  if (isJxl(data)) return 'jxl';
  return null;
}

const LABELS = { bmp: 'BMP', psd: 'PSD', jxl: 'JPEG XL' } as const;

/** Decodes it; throws an Error with a one-line reason for a broken file of that format. */
export async function decodeOtherFormat(data: Uint8Array): Promise<RawPixels | null> {
  const format = otherFormatOf(data);
  if (format === null) return null;
  try {
    if (format === 'bmp') return decodeBmp(data);
    if (format === 'psd') return decodePsd(data);
    return await decodeJxl(data);
  } catch (error) {
    // The decoders' own reasons start with the format; anything else (an allocation that failed) gets it here.
    const label = LABELS[format];
    const message = ((error as Error | null)?.message ?? String(error)).split('\n')[0] ?? '';
    throw new Error(message.startsWith(`${label}:`) ? message : `${label}: cannot decode: ${message}`);
  }
}
