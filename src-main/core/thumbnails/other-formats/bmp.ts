/**
 * BMP, decoded here in plain TypeScript. The npm decoders were checked and none is worth the
 * dependency: `bmp-js` 0.1.0 (2018, unmaintained) assumes a 40-byte header, so V4/V5 files read
 * their palette from the wrong place; `decode-bmp` 0.2 has no top-down rows, bit fields, 16-bit or
 * RLE; `bmp-ts` 1.0.9 (the best) ignores the pixel-data offset in the file header, gives 24-bit
 * pictures alpha 0 in its RGBA mode, throws a TypeError on an RLE palette index past the palette,
 * and allocates whatever size the header claims. None bounds its memory.
 *
 * Handled: the 12-byte OS/2 core header and the 16/40/52/56/64/108/124-byte ones; 1, 2, 4, 8 (with a
 * palette), 16, 24 and 32 bits a pixel; BI_BITFIELDS and BI_ALPHABITFIELDS masks of any width;
 * bottom-up and top-down rows; BI_RLE8 and BI_RLE4 (skipped pixels are transparent). A 32-bit
 * picture whose alpha bytes are all 0 is opaque, as browsers show it (most such files never meant
 * alpha). Refused with a reason: embedded JPEG/PNG, 64-bit, OS/2 Huffman and RLE24.
 *
 * The bytes are untrusted: every read is bounds-checked before the loop that does it, and each RLE
 * step consumes input, so a decode ends in time proportional to the file and the picture.
 */
import type { RawPixels } from './decode-other-format.ts';
import { checkPixelBudget } from './pixel-budget.ts';

const HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

const BI_RGB = 0;
const BI_RLE8 = 1;
const BI_RLE4 = 2;
const BI_BITFIELDS = 3;
const BI_JPEG = 4;
const BI_PNG = 5;
const BI_ALPHABITFIELDS = 6;

const u16 = (data: Uint8Array, at: number): number => data[at]! | (data[at + 1]! << 8);
const u32 = (data: Uint8Array, at: number): number => (data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24)) >>> 0;
const i32 = (data: Uint8Array, at: number): number => u32(data, at) | 0;

function fail(reason: string): never {
  throw new Error(`BMP: ${reason}`);
}

/** Whether the bytes start like a BMP: "BM" and an info header of a size some BMP writer uses. */
export function isBmp(data: Uint8Array): boolean {
  return data.length >= 18 && data[0] === 0x42 && data[1] === 0x4d && HEADER_SIZES.has(u32(data, 14));
}

/** One colour channel of a 16- or 32-bit pixel word: where its bits are and how to widen them to 8. */
interface Channel {
  readonly mask: number;
  readonly shift: number;
  readonly scale: number;
}

function channel(mask: number): Channel {
  if (mask === 0) return { mask: 0, shift: 0, scale: 0 };
  const shift = 31 - Math.clz32(mask & -mask);
  const max = 2 ** (32 - Math.clz32(mask >>> shift)) - 1;
  return { mask, shift, scale: 255 / max };
}

/** A channel's 8-bit value in a pixel word. */
const sample = (word: number, c: Channel): number => Math.round(((word & c.mask) >>> c.shift) * c.scale);

interface Header {
  readonly width: number;
  readonly height: number;
  readonly topDown: boolean;
  readonly bitCount: number;
  readonly compression: number;
  /** Red, green, blue, alpha masks for 16- and 32-bit pixels. */
  readonly masks: readonly [number, number, number, number];
  /** 256 RGB triplets; entries the file does not give are black. */
  readonly palette: Uint8Array;
  readonly pixelOffset: number;
}

function readHeader(data: Uint8Array): Header {
  const infoSize = u32(data, 14);
  if (data.length < 14 + infoSize) fail(`truncated header (${data.length} bytes)`);
  const core = infoSize === 12;
  const os2 = infoSize === 16 || infoSize === 64;
  const width = core ? u16(data, 18) : i32(data, 18);
  const rawHeight = core ? u16(data, 20) : i32(data, 22);
  const bitCount = u16(data, core ? 24 : 28);
  const compression = infoSize >= 20 ? u32(data, 30) : BI_RGB;
  const colorsUsed = infoSize >= 36 ? u32(data, 46) : 0;

  if (os2 && compression === 3) fail('OS/2 Huffman-compressed BMP is not supported');
  if (os2 && compression === 4) fail('OS/2 RLE24 BMP is not supported');
  if (compression === BI_JPEG || compression === BI_PNG) fail(`BMP holding a ${compression === BI_JPEG ? 'JPEG' : 'PNG'} is not supported`);
  if (width <= 0 || rawHeight === 0 || rawHeight === -0x80000000) fail(`invalid size ${width}×${rawHeight}`);
  const height = Math.abs(rawHeight);
  if (bitCount === 64) fail('64-bit BMP is not supported');
  if (compression === BI_RGB && ![1, 2, 4, 8, 16, 24, 32].includes(bitCount)) fail(`unsupported bit depth ${bitCount}`);
  if (compression === BI_RLE8 && bitCount !== 8) fail(`RLE8 needs 8 bits a pixel, not ${bitCount}`);
  if (compression === BI_RLE4 && bitCount !== 4) fail(`RLE4 needs 4 bits a pixel, not ${bitCount}`);
  const bitfields = compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS;
  if (bitfields && bitCount !== 16 && bitCount !== 32) fail(`bit fields need 16 or 32 bits a pixel, not ${bitCount}`);
  if (compression > BI_ALPHABITFIELDS) fail(`unknown compression ${compression}`);
  checkPixelBudget('BMP', width, height);

  // Masks follow a 40-byte header; later headers hold them (alpha from the 56-byte one on).
  let masks: [number, number, number, number];
  let masksSize = 0;
  if (bitfields) {
    const fromHeader = infoSize >= 52;
    masksSize = fromHeader ? 0 : compression === BI_ALPHABITFIELDS ? 16 : 12;
    if (data.length < 54 + masksSize) fail('truncated bit-field masks');
    const alphaAt = fromHeader ? (infoSize >= 56 ? 66 : -1) : compression === BI_ALPHABITFIELDS ? 66 : -1;
    masks = [u32(data, 54), u32(data, 58), u32(data, 62), alphaAt < 0 ? 0 : u32(data, alphaAt)];
  } else if (bitCount === 16) {
    masks = [0x7c00, 0x03e0, 0x001f, 0];
  } else {
    masks = [0xff0000, 0x00ff00, 0x0000ff, 0xff000000];
  }

  const paletteAt = 14 + infoSize + masksSize;
  const entrySize = core ? 3 : 4;
  let entries = bitCount <= 8 ? Math.min(colorsUsed === 0 ? 1 << bitCount : colorsUsed, 1 << bitCount) : 0;
  let pixelOffset = u32(data, 10);
  if (pixelOffset < paletteAt) pixelOffset = paletteAt + entries * entrySize; // a wrong offset: pixels follow the palette
  else entries = Math.min(entries, Math.floor((pixelOffset - paletteAt) / entrySize));
  if (bitCount <= 8 && entries === 0) fail('the palette is missing');
  if (paletteAt + entries * entrySize > data.length) fail('truncated palette');
  if (pixelOffset >= data.length) fail('no pixel data');
  const palette = new Uint8Array(256 * 3);
  for (let i = 0; i < entries; i++) {
    const at = paletteAt + i * entrySize;
    palette[i * 3] = data[at + 2]!;
    palette[i * 3 + 1] = data[at + 1]!;
    palette[i * 3 + 2] = data[at]!;
  }
  return { width, height, topDown: rawHeight < 0, bitCount, compression, masks, palette, pixelOffset };
}

function decodeUncompressed(data: Uint8Array, header: Header): RawPixels {
  const { width, height, topDown, bitCount, palette, pixelOffset } = header;
  const stride = Math.floor((bitCount * width + 31) / 32) * 4;
  const needed = stride * (height - 1) + Math.ceil((bitCount * width) / 8);
  if (pixelOffset + needed > data.length) fail(`truncated pixel data (${data.length - pixelOffset} of ${needed} bytes)`);
  const [red, green, blue, alpha] = header.masks.map(channel) as [Channel, Channel, Channel, Channel];
  const channels = (bitCount === 16 || bitCount === 32) && alpha.mask !== 0 ? 4 : 3;
  const out = new Uint8Array(width * height * channels);
  const plainBgra = bitCount === 32 && red.mask === 0xff0000 && green.mask === 0xff00 && blue.mask === 0xff && (alpha.mask === 0 || alpha.mask === 0xff000000);
  let alphaSeen = 0;
  for (let row = 0; row < height; row++) {
    let s = pixelOffset + row * stride;
    let d = (topDown ? row : height - 1 - row) * width * channels;
    if (bitCount === 8) {
      for (let x = 0; x < width; x++, d += 3) {
        const p = data[s + x]! * 3;
        out[d] = palette[p]!;
        out[d + 1] = palette[p + 1]!;
        out[d + 2] = palette[p + 2]!;
      }
    } else if (bitCount < 8) {
      const mask = (1 << bitCount) - 1;
      for (let x = 0; x < width; x++, d += 3) {
        const bit = x * bitCount;
        const p = ((data[s + (bit >> 3)]! >> (8 - bitCount - (bit & 7))) & mask) * 3;
        out[d] = palette[p]!;
        out[d + 1] = palette[p + 1]!;
        out[d + 2] = palette[p + 2]!;
      }
    } else if (bitCount === 24) {
      for (let x = 0; x < width; x++, s += 3, d += 3) {
        out[d] = data[s + 2]!;
        out[d + 1] = data[s + 1]!;
        out[d + 2] = data[s]!;
      }
    } else if (plainBgra) {
      for (let x = 0; x < width; x++, s += 4, d += channels) {
        out[d] = data[s + 2]!;
        out[d + 1] = data[s + 1]!;
        out[d + 2] = data[s]!;
        if (channels === 4) alphaSeen |= out[d + 3] = data[s + 3]!;
      }
    } else {
      const step = bitCount >> 3;
      for (let x = 0; x < width; x++, s += step, d += channels) {
        const word = step === 2 ? u16(data, s) : u32(data, s);
        out[d] = sample(word, red);
        out[d + 1] = sample(word, green);
        out[d + 2] = sample(word, blue);
        if (channels === 4) alphaSeen |= out[d + 3] = sample(word, alpha);
      }
    }
  }
  if (channels === 4 && alphaSeen === 0) for (let i = 3; i < out.length; i += 4) out[i] = 255;
  return { data: out, width, height, channels };
}

/** BI_RLE8 / BI_RLE4: runs, literal stretches, end-of-line, delta moves, end-of-bitmap. */
function decodeRle(data: Uint8Array, header: Header): RawPixels {
  const { width, height, topDown, palette } = header;
  const four = header.compression === BI_RLE4;
  const out = new Uint8Array(width * height * 4);
  let x = 0;
  let row = 0;
  const put = (index: number): void => {
    if (x < width && row < height) {
      const d = ((topDown ? row : height - 1 - row) * width + x) * 4;
      const p = index * 3;
      out[d] = palette[p]!;
      out[d + 1] = palette[p + 1]!;
      out[d + 2] = palette[p + 2]!;
      out[d + 3] = 255;
    }
    x++;
  };
  let i = header.pixelOffset;
  let ended = false;
  while (!ended && i + 1 < data.length) {
    const count = data[i]!;
    const value = data[i + 1]!;
    i += 2;
    if (count > 0) {
      const shown = Math.min(count, Math.max(0, width - x));
      for (let k = 0; k < shown; k++) put(four ? (k & 1 ? value & 15 : value >> 4) : value);
      x += count - shown;
    } else if (value === 0) {
      x = 0;
      row++;
    } else if (value === 1) {
      ended = true;
    } else if (value === 2) {
      if (i + 1 >= data.length) break;
      x += data[i]!;
      row += data[i + 1]!;
      i += 2;
    } else {
      const bytes = four ? (value + 1) >> 1 : value;
      if (i + bytes > data.length) break;
      for (let k = 0; k < value; k++) put(four ? (k & 1 ? data[i + (k >> 1)]! & 15 : data[i + (k >> 1)]! >> 4) : data[i + k]!);
      i += bytes + (bytes & 1);
    }
    if (row >= height) ended = true;
  }
  if (!ended) fail('truncated RLE data (no end-of-bitmap marker)');
  return { data: out, width, height, channels: 4 };
}

/** Decodes a BMP (isBmp said so) into RGB, or RGBA when it has alpha or RLE-skipped pixels. */
export function decodeBmp(data: Uint8Array): RawPixels {
  const header = readHeader(data);
  return header.compression === BI_RLE8 || header.compression === BI_RLE4 ? decodeRle(data, header) : decodeUncompressed(data, header);
}
