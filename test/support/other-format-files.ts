/**
 * Builders for the BMP, PSD and JPEG XL files that the other-format decoders are tested on, made by
 * hand from the formats' specifications so a test knows every pixel it should get back.
 * - BMP: any header (12-byte OS/2 core, 40-byte info, V3, V4, V5), bit depth, bit fields, top-down
 *   rows, RLE streams written by the test itself.
 * - PSD: a flattened document (no layers) whose composite is given plane by plane, raw or PackBits,
 *   any colour mode and depth, PSD or PSB. Files with layers come from ag-psd's own writer.
 * - JPEG XL: no encoder runs under Node here, so small real files made once with libjxl's `cjxl`
 *   0.7 are kept inline (how each was made is beside it).
 */
import { Buffer } from 'node:buffer';

/** How a BMP is laid out; `rows` are the packed pixel bytes of each row, top row first, unpadded. */
export interface BmpOptions {
  readonly width: number;
  readonly height: number;
  readonly bitsPerPixel: number;
  readonly rows?: readonly Uint8Array[];
  /** Written as is in place of `rows` (an RLE stream, or deliberately short data). */
  readonly pixelData?: Uint8Array;
  readonly palette?: readonly (readonly [number, number, number])[];
  readonly headerSize?: 12 | 40 | 52 | 56 | 108 | 124;
  /** 0 BI_RGB, 1 BI_RLE8, 2 BI_RLE4, 3 BI_BITFIELDS, 6 BI_ALPHABITFIELDS. */
  readonly compression?: number;
  /** Red, green, blue and alpha masks: after a 40-byte header for BI_BITFIELDS, else in the header. */
  readonly masks?: readonly [number, number, number, number];
  readonly topDown?: boolean;
  readonly colorsUsed?: number;
  /** Unused bytes between the palette and the pixels (bfOffBits says where the pixels are). */
  readonly gap?: number;
}

/** A BMP file. Rows are padded to 4 bytes and written bottom-up unless `topDown`. */
export function bmpFile(options: BmpOptions): Uint8Array {
  const { width, height, bitsPerPixel, headerSize = 40, compression = 0, topDown = false, gap = 0 } = options;
  const core = headerSize === 12;
  const palette = options.palette ?? [];
  const entrySize = core ? 3 : 4;
  const masksAfterHeader = headerSize === 40 && (compression === 3 || compression === 6) ? (compression === 6 ? 16 : 12) : 0;
  const stride = Math.ceil((bitsPerPixel * width) / 32) * 4;
  let pixels: Uint8Array;
  if (options.pixelData !== undefined) {
    pixels = options.pixelData;
  } else {
    const rows = options.rows ?? [];
    pixels = new Uint8Array(stride * rows.length);
    rows.forEach((row, y) => pixels.set(row, (topDown ? y : rows.length - 1 - y) * stride));
  }
  const pixelOffset = 14 + headerSize + masksAfterHeader + palette.length * entrySize + gap;
  const file = Buffer.alloc(pixelOffset + pixels.length);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(pixelOffset, 10);
  file.writeUInt32LE(headerSize, 14);
  if (core) {
    file.writeUInt16LE(width, 18);
    file.writeUInt16LE(height, 20);
    file.writeUInt16LE(1, 22);
    file.writeUInt16LE(bitsPerPixel, 24);
  } else {
    file.writeInt32LE(width, 18);
    file.writeInt32LE(topDown ? -height : height, 22);
    file.writeUInt16LE(1, 26);
    file.writeUInt16LE(bitsPerPixel, 28);
    file.writeUInt32LE(compression, 30);
    file.writeUInt32LE(pixels.length, 34);
    file.writeInt32LE(2835, 38);
    file.writeInt32LE(2835, 42);
    file.writeUInt32LE(options.colorsUsed ?? palette.length, 46);
    const masks = options.masks ?? [0, 0, 0, 0];
    if (masksAfterHeader > 0 || headerSize >= 52) masks.slice(0, masksAfterHeader === 12 ? 3 : 4).forEach((mask, i) => file.writeUInt32LE(mask >>> 0, 54 + i * 4));
    if (headerSize >= 108) file.write('BGRs', 70, 'latin1'); // LCS_WINDOWS_COLOR_SPACE, stored little-endian
  }
  palette.forEach(([r, g, b], i) => file.set([b, g, r], 14 + headerSize + masksAfterHeader + i * entrySize));
  file.set(pixels, pixelOffset);
  return new Uint8Array(file.buffer, file.byteOffset, file.length);
}

/** Palette indices packed at 1, 2, 4 or 8 bits a pixel, most significant bits first. */
export function packIndices(bitsPerPixel: number, indices: readonly number[]): Uint8Array {
  const out = new Uint8Array(Math.ceil((indices.length * bitsPerPixel) / 8));
  indices.forEach((index, x) => {
    const bit = x * bitsPerPixel;
    out[bit >> 3]! |= index << (8 - bitsPerPixel - (bit & 7));
  });
  return out;
}

/** RGB pixels as a 24-bit BMP row (blue, green, red). */
export function bgrRow(pixels: readonly (readonly [number, number, number])[]): Uint8Array {
  return Uint8Array.from(pixels.flatMap(([r, g, b]) => [b, g, r]));
}

/** Little-endian 16- or 32-bit words, as 16- and 32-bit BMP rows hold them. */
export function wordsRow(bytesPerWord: 2 | 4, words: readonly number[]): Uint8Array {
  const out = Buffer.alloc(words.length * bytesPerWord);
  words.forEach((word, i) => (bytesPerWord === 2 ? out.writeUInt16LE(word, i * 2) : out.writeUInt32LE(word >>> 0, i * 4)));
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** A flattened PSD/PSB: one plane of big-endian samples per channel, composite raw (0) or PackBits (1). */
export interface PsdOptions {
  readonly width: number;
  readonly height: number;
  /** 0 bitmap, 1 greyscale, 2 indexed, 3 RGB, 4 CMYK, 9 Lab. */
  readonly colorMode: number;
  readonly depth: 1 | 8 | 16 | 32;
  readonly planes: readonly Uint8Array[];
  readonly compression?: 0 | 1;
  readonly version?: 1 | 2;
  /** The colour mode data section (an indexed file's 768-byte palette). */
  readonly colorModeData?: Uint8Array;
  /**
   * Say the composite's first extra channel is its transparency: one empty layer and a layer count
   * of −1, in the layer info ('layer-info', as 8-bit files have it) or in an Lr16 block ('lr16').
   */
  readonly mergedAlpha?: 'layer-info' | 'lr16';
}

/** PackBits, as PSD composites use it: runs of 2..128 equal bytes, literals of 1..128 bytes. */
export function packBits(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let run = 1;
    while (i + run < bytes.length && run < 128 && bytes[i + run] === bytes[i]) run++;
    if (run >= 2) {
      out.push(257 - run, bytes[i]!);
      i += run;
      continue;
    }
    const start = i;
    while (i < bytes.length && i - start < 128 && !(i + 1 < bytes.length && bytes[i + 1] === bytes[i])) i++;
    if (i === start) i++;
    out.push(i - start - 1, ...bytes.subarray(start, i));
  }
  return Uint8Array.from(out);
}

/** A layer info body: a layer count of −1 and one layer with no channels, bounds or name. */
function mergedAlphaLayerInfo(): Buffer {
  const info = Buffer.alloc(2 + 46);
  info.writeInt16BE(-1, 0);
  // bounds (16 bytes of 0), channel count 0, then the blend mode, opacity, clipping, flags, filler.
  info.write('8BIMnorm', 20, 'latin1');
  info[24 + 4] = 255;
  info.writeUInt32BE(12, 32); // extra data: no mask, no blending ranges, an empty name padded to 4
  return info;
}

/** A PSD (version 1) or PSB (version 2) with empty image resources and no layers (unless `mergedAlpha`). */
export function psdFile(options: PsdOptions): Uint8Array {
  const { width, height, colorMode, depth, planes, compression = 0, version = 1 } = options;
  const large = version === 2;
  const rowBytes = Math.ceil((width * depth) / 8);
  const header = Buffer.alloc(26);
  header.write('8BPS', 0, 'latin1');
  header.writeUInt16BE(version, 4);
  header.writeUInt16BE(planes.length, 12);
  header.writeUInt32BE(height, 14);
  header.writeUInt32BE(width, 18);
  header.writeUInt16BE(depth, 22);
  header.writeUInt16BE(colorMode, 24);
  const colorModeData = options.colorModeData ?? new Uint8Array(0);
  const lengthField = (value: number, long: boolean): Buffer => {
    const field = Buffer.alloc(long ? 8 : 4);
    if (long) field.writeBigUInt64BE(BigInt(value));
    else field.writeUInt32BE(value);
    return field;
  };
  let layerSection: Buffer = Buffer.alloc(0);
  if (options.mergedAlpha === 'layer-info') {
    const info = mergedAlphaLayerInfo();
    layerSection = Buffer.concat([lengthField(info.length, large), info, lengthField(0, false)]);
  } else if (options.mergedAlpha === 'lr16') {
    const info = mergedAlphaLayerInfo();
    layerSection = Buffer.concat([lengthField(0, large), lengthField(0, false), Buffer.from('8BIMLr16', 'latin1'), lengthField(info.length, large), info]);
  }
  const parts: Uint8Array[] = [
    header,
    lengthField(colorModeData.length, false),
    colorModeData,
    lengthField(0, false), // image resources
    lengthField(layerSection.length, large),
    layerSection,
    Uint8Array.of(0, compression),
  ];
  if (compression === 0) {
    parts.push(...planes);
  } else {
    const packed = planes.flatMap((plane) => Array.from({ length: height }, (_, y) => packBits(plane.subarray(y * rowBytes, (y + 1) * rowBytes))));
    const counts = Buffer.alloc(packed.length * (large ? 4 : 2));
    packed.forEach((row, i) => (large ? counts.writeUInt32BE(row.length, i * 4) : counts.writeUInt16BE(row.length, i * 2)));
    parts.push(counts, ...packed);
  }
  return Uint8Array.from(Buffer.concat(parts));
}

/** A plane of 16-bit samples, big-endian as PSD stores them. */
export function plane16(samples: readonly number[]): Uint8Array {
  const out = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => out.writeUInt16BE(sample, i * 2));
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** A plane of 32-bit float samples, big-endian as PSD stores them. */
export function plane32(samples: readonly number[]): Uint8Array {
  const out = Buffer.alloc(samples.length * 4);
  samples.forEach((sample, i) => out.writeFloatBE(sample, i * 4));
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

const fromBase64 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'base64'));

/**
 * Real JPEG XL files made with `cjxl` 0.7 from PNGs made with sharp:
 * - `gradient`: 64×48 RGB, red = x·4, green = y·5, blue = 128; lossless (`-d 0`), bare codestream.
 * - `gradientLossy`: the same picture, lossy (`-d 1`, XYB).
 * - `gradientBoxed`: the same lossless codestream in the ISOBMFF container (`--container=1`).
 * - `alpha`: 64×48 RGBA, every pixel (200, 100, 50) with alpha = pixel index mod 256; lossless.
 * - `rotated`: a 64×32 JPEG with EXIF orientation 6 (left half red 250, top half green 250, blue
 *   60), transcoded losslessly (a JPEG-reconstruction box, the codestream split in `jxlp` boxes);
 *   its header says orientation 6, so decoders show it 32×64.
 */
export const JXL_FILES = {
  gradient: fromBase64(
    '/wrLQEBxIQgCAQD0AUsoorpFunvw+8GqoLBRGJ+CglIGCojowVSMMcYwhlHfbdwYd7exEQAgIAQwAGhPG+MPwPlDEiu9rfbM' +
    'QqvOx3iPeKUERbyFBAi2MgJswfuxlQRMTwJ+uMhOEwVAu4pR1wcCvrS+Zb8WwMnAxqIwGKVChwgDRP8LwhXDqdQC',
  ),
  gradientLossy: fromBase64(
    '/wrLQEJxIQASiAIAtANd5RIAABUqo4wbvJzr+fJDh8W0jesMbbVtYUmiyDg2SSdwmKSgQJoUFWOMisGhqBgVo8xmrJ+zAAQb' +
    'E0R3OwU+hklJtV/SMKCg8kkaVTiVKGQ9wCWo3qEslaPERh8hZGLCy0UQeUEqp9VnymfDACMxJB9Bh532CJVxEt/UvzNGo3Bn' +
    '0rd9BokZEAhhOW0lBADFxc8BUxiRhgHpsDg30f2AME//VwCy4ocmzAairJACCbZJ3d3FGGO8SH5JBAaYDC7zhxq0QDw1rr6D' +
    'GCN6i2lX6fXmoe+4Vvrr3J9bQHsY5A8f2P9NGkFbe81DjwA=',
  ),
  gradientBoxed: fromBase64(
    'AAAADEpYTCANCocKAAAAFGZ0eXBqeGwgAAAAAGp4bCAAAACSanhsY/8Ky0BAcSEIAgEA9AFLKKK6Rbp78PvBqqCwURifgoJS' +
    'BgqI6MFUjDHGMIZR323cGHe3sREAICAEMABoTxvjD8D5QxIrva32zEKrzsd4j3ilBEW8hQQItjICbMH7sZUETE8CfrjIThMF' +
    'QLuKUdcHAr60vmW/FsDJwMaiMBilQocIA0T/C8IVw6nUAg==',
  ),
  alpha: fromBase64(
    '/wrLwILiQggIEACoAUs4QfVCd3yjcLAqzA6+X0FBQomUiJER14kZY7D6x0rGjDGYPowxWP1rtuLrBQwAAKADUIPshwfAj67d' +
    'CI5EIIDkRWwH8NMhAPhBhT38AK7OfgA/MLCAH1iVwA/gl5YB8AP4C/gBHAbwAH4=',
  ),
  rotated: fromBase64(
    'AAAADEpYTCANCocKAAAAFGZ0eXBqeGwgAAAAAGp4bCAAAADfanhscAAAAAD/CsctEJIvBQkHyOSGexV8L5kVWv5ZUsKKFCVe' +
    'fSy7KyzwXuDP9fnP9fVco29nyWg0+nQ+QtiMaTNbAAC8K3b7ZGLsN6QBZE6YO3PG0JHDAgAAlF//aTx50/3Firb+1NbBjhZS' +
    'xeg9T1UAAAAAKVMBOIZxMxn4nDlSjgiQMhXAMYybydPnDBkWQu21OtDpNme4n1e7/fff+RrehdB+Jf33331D/ffffkXc5VJg' +
    'YvIWxOLKufsgYi301gQfq2VJQcxboLYS3bhiJqXynpgm40+hjLIBAAAAPmpicmRCcdsAgiAILRMvQPABoUaBJAAAAACM/xMB' +
    'AAAAwP9KGAEAAAApGMr/iwAAAADgf4EfAKgsADsAAACBYnJvYkV4aWYbtwAAxO+79Wev4rJu7EVTFKaBhNdFlBbYOiaWLY8f' +
    'ugsiCAKALhv83SBLcCMYwwhu1v18KJS2hXBtW8DFaeCRBG1pAtKJTkL0zO8g2heqz3UrvaN2vXg+OX8N8DhQALgqmV6BhATs' +
    'xSUz2Vf1/01YNJSY/QAAAADbanhscIAAAAHgWwIQACADCGAIYAhg/v8OAAAYAAgAAQAAAAAAgIAliSLj2Alp7lgBAEpOCgoK' +
    'CqxxjMGERrWKtR3dWgoSYrBSdHQ0hEOMiGFEdASDTaEXACLOvhH2PBYlyM/iq/SzwXpKjhlCw647eL9m0wBfqTkmIZj6j6BA' +
    'E/mj/AEAmABwAoiZ2Q0AkCcEAIB1AUB+GwAAAAAAAAAAABgg8gBqBZSDAWIAYQiw2ANHKRQQhgCJJ4FBBCHrHQCAHAgAAACM' +
    'AAAAAAAAAAAAAAAAAABQkgA=',
  ),
} as const;
