/**
 * HEIC/HEIF (HEVC) pictures, decoded by libheif compiled to WebAssembly (`heic-decode`, LGPL-3.0:
 * its licence ships in the app, see README "Third-party decoders"). sharp's prebuilt libvips reads
 * only AVIF from the HEIF family: HEVC is patent-encumbered, so it is not in the prebuild.
 *
 * Replaceable on purpose: this module is the only one that knows heic-decode. It returns pixels
 * already rotated by the file's own transforms (irot/imir), so callers must not apply the EXIF
 * orientation again. One decode holds the whole picture as RGBA (48 MB at 12 MP) and libheif's wasm
 * heap grows to ~250 MB and never shrinks: the file workers send these decodes to one worker, one at
 * a time (see file-workers.ts, "heavy lane"), which keeps a scan's memory bounded.
 */
import { createRequire } from 'node:module';
import sharp from 'sharp';
import type { Sharp } from 'sharp';

type HeicDecode = (input: { buffer: Uint8Array }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;

let decoder: HeicDecode | null = null;
const heicDecode = (): HeicDecode => (decoder ??= createRequire(import.meta.url)('heic-decode') as HeicDecode);

/**
 * libheif-js reports a failed decode with console.log (a multi-line object dump) before rejecting;
 * the rejection carries the reason, so the dump is dropped rather than filling the app's stdout.
 */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Decoding image failed')) return;
    log(...args);
  };
  try {
    return await run();
  } finally {
    console.log = log;
  }
}

/** Whether this sharp build decodes HEVC HEIC itself (a libvips built with libde265): then it is used instead. */
export function sharpDecodesHeic(): boolean {
  return sharp.format.heif.input.fileSuffix?.includes('.heic') ?? false;
}

/** Decodes a HEIC/HEIF file's primary picture; the result is oriented, and its size is the photo's. */
export async function decodeHeic(data: Uint8Array): Promise<{ image: Sharp; width: number; height: number }> {
  const { width, height, data: pixels } = await quietly(() => heicDecode()({ buffer: data }));
  const image = sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), { raw: { width, height, channels: 4 } });
  return { image, width, height };
}
