/**
 * Photoshop PSD and PSB: the composite ("merged") picture that Photoshop writes after the layers
 * (with "Maximize Compatibility", its default), the same one libvips, ImageMagick and stb_image show.
 * Layers are skipped by their section lengths, never parsed.
 *
 * Read here rather than with ag-psd (31.0.2, MIT, checked): ag-psd decodes 16- and 32-bit PackBits
 * composites — how Photoshop saves 16-bit documents — into garbage (it stores each byte as a
 * sample), refuses CMYK at the header, turns a flat file's saved-selection channel into
 * transparency (an invisible thumbnail), and parses every layer record and descriptor to reach the
 * composite. It stays a dev dependency: the tests make layered files with its writer.
 *
 * Handled: greyscale, RGB, CMYK (naive, without the document's ICC profile), indexed, bitmap and
 * duotone (shown as its greyscale data); 1, 8, 16 and 32 bits a channel (32-bit is linear light,
 * turned into sRGB); raw and PackBits composites; transparency when the file says the merged
 * picture has it (a negative layer count), un-matted from Photoshop's white matte. Refused with a
 * reason: Lab, multichannel, ZIP-compressed composites.
 */
import type { RawPixels } from './decode-other-format.ts';
import { checkPixelBudget } from './pixel-budget.ts';

const BITMAP = 0;
const GREYSCALE = 1;
const INDEXED = 2;
const RGB = 3;
const CMYK = 4;
const DUOTONE = 8;
const MODE_NAMES: Readonly<Record<number, string>> = { 7: 'Multichannel', 9: 'Lab' };

/** Tagged blocks whose length is 8 bytes in a PSB (the spec's list, those that can reach the layers). */
const LONG_BLOCKS = new Set(['LMsk', 'Lr16', 'Lr32', 'Layr', 'Mt16', 'Mt32', 'Mtrn', 'Alph', 'FMsk', 'lnk2', 'FEid', 'FXid', 'PxSD']);

const u16 = (data: Uint8Array, at: number): number => (data[at]! << 8) | data[at + 1]!;
const u32 = (data: Uint8Array, at: number): number => ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0;
const u64 = (data: Uint8Array, at: number): number => u32(data, at) * 2 ** 32 + u32(data, at + 4);
const i16 = (data: Uint8Array, at: number): number => (u16(data, at) << 16) >> 16;
const ascii = (data: Uint8Array, at: number, length: number): string => String.fromCharCode(...data.subarray(at, at + length));

function fail(reason: string): never {
  throw new Error(`PSD: ${reason}`);
}

/** Whether the bytes start like a PSD ("8BPS", version 1) or a PSB (version 2). */
export function isPsd(data: Uint8Array): boolean {
  return data.length >= 6 && ascii(data, 0, 4) === '8BPS' && (u16(data, 4) === 1 || u16(data, 4) === 2);
}

/** Where the file's sections are, checked to lie inside it. */
interface Layout {
  readonly palette: Uint8Array;
  /** Whether the composite's first extra channel is its transparency (a negative layer count). */
  readonly mergedAlpha: boolean;
  /** The composite's compression word. */
  readonly compositeAt: number;
}

/** A section's length field (4 bytes, or 8 in a PSB where `long`), and where its data starts. */
function section(data: Uint8Array, at: number, long: boolean, name: string): { start: number; end: number } {
  const size = long ? 8 : 4;
  if (at + size > data.length) fail(`truncated before the ${name}`);
  const start = at + size;
  const end = start + (long ? u64(data, at) : u32(data, at));
  if (end > data.length) fail(`truncated ${name} (${end - start} bytes from ${start}, the file has ${data.length})`);
  return { start, end };
}

/**
 * Whether the layer section says the merged picture has transparency: a negative layer count.
 * Never throws: a layer section it cannot follow means "no" (the composite may still be fine).
 */
function hasMergedAlpha(data: Uint8Array, start: number, end: number, large: boolean): boolean {
  /** The end of the block whose length field is at `at`, or -1 when it does not fit before `end`. */
  const blockEnd = (at: number, long: boolean): number => {
    const size = long ? 8 : 4;
    if (at + size > end) return -1;
    const stop = at + size + (long ? u64(data, at) : u32(data, at));
    return stop <= end ? stop : -1;
  };
  const infoEnd = blockEnd(start, large);
  if (infoEnd < 0) return false;
  const infoStart = start + (large ? 8 : 4);
  if (infoEnd - infoStart >= 2) return i16(data, infoStart) < 0;
  // 16- and 32-bit documents keep their layers in an Lr16 / Lr32 block after the global mask info.
  let at = blockEnd(infoEnd, false);
  for (let blocks = 0; blocks < 64 && at >= 0 && at + 12 <= end; blocks++) {
    while (at < end && data[at] === 0) at++;
    if (at + 12 > end) break;
    const signature = ascii(data, at, 4);
    if (signature !== '8BIM' && signature !== '8B64') break;
    const key = ascii(data, at + 4, 4);
    const long = large && LONG_BLOCKS.has(key);
    const stop = blockEnd(at + 8, long);
    if (stop < 0) break;
    const dataStart = at + 8 + (long ? 8 : 4);
    if (key === 'Lr16' || key === 'Lr32' || key === 'Layr') return stop - dataStart >= 2 && i16(data, dataStart) < 0;
    at = stop + ((stop - dataStart) & 1);
  }
  return false;
}

function readLayout(data: Uint8Array, mode: number, large: boolean): Layout {
  const colourData = section(data, 26, false, 'colour mode data');
  const resources = section(data, colourData.end, false, 'image resources');
  const layers = section(data, resources.end, large, 'layer section');
  let palette: Uint8Array = new Uint8Array(0);
  if (mode === INDEXED) {
    if (colourData.end - colourData.start < 768) fail('indexed PSD without its 256-colour palette');
    palette = data.subarray(colourData.start, colourData.start + 768);
  }
  if (layers.end + 2 > data.length) fail('no composite image');
  return { palette, mergedAlpha: hasMergedAlpha(data, layers.start, layers.end, large), compositeAt: layers.end };
}

/** Unpacks one PackBits row into `out` (zeros where the row is short); never reads past `end`. */
function unpackBits(data: Uint8Array, at: number, end: number, out: Uint8Array): void {
  let o = 0;
  while (at < end && o < out.length) {
    const n = data[at++]!;
    if (n < 128) {
      const stop = Math.min(at + n + 1, end);
      const take = Math.min(stop - at, out.length - o);
      out.set(data.subarray(at, at + take), o);
      o += take;
      at = stop;
    } else if (n > 128) {
      if (at >= end) break;
      const value = data[at++]!;
      const stop = Math.min(o + 257 - n, out.length);
      out.fill(value, o, stop);
      o = stop;
    }
  }
  out.fill(0, o);
}

/** 32-bit PSD channels are linear light: sRGB-encoded 8-bit values for 0..1, in 16384 steps. */
let linearToSrgb: Uint8Array | null = null;
function srgbTable(): Uint8Array {
  if (linearToSrgb !== null) return linearToSrgb;
  const table = new Uint8Array(16385);
  for (let i = 0; i <= 16384; i++) {
    const c = i / 16384;
    table[i] = Math.round(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
  }
  return (linearToSrgb = table);
}

/** Turns one row of a channel's samples into 8-bit values (colour, or alpha when `alpha`). */
function rowToBytes(row: Uint8Array, depth: number, width: number, alpha: boolean, out: Uint8Array): void {
  if (depth === 8) {
    out.set(row.subarray(0, width));
  } else if (depth === 16) {
    for (let x = 0; x < width; x++) out[x] = Math.round(((row[2 * x]! << 8) | row[2 * x + 1]!) / 257);
  } else if (depth === 32) {
    const view = new DataView(row.buffer, row.byteOffset, row.byteLength);
    const table = srgbTable();
    for (let x = 0; x < width; x++) {
      const v = view.getFloat32(4 * x, false);
      const c = v > 0 ? (v < 1 ? v : 1) : 0; // NaN is 0
      out[x] = alpha ? Math.round(c * 255) : table[Math.round(c * 16384)]!;
    }
  } else {
    for (let x = 0; x < width; x++) out[x] = (row[x >> 3]! >> (7 - (x & 7))) & 1 ? 0 : 255; // bitmap: 1 is black
  }
}

/** Decodes a PSD/PSB (isPsd said so) composite into RGB, or RGBA when the merged picture has transparency. */
export function decodePsd(data: Uint8Array): RawPixels {
  if (data.length < 26) fail(`truncated header (${data.length} bytes)`);
  const large = u16(data, 4) === 2;
  const channelCount = u16(data, 12);
  const height = u32(data, 14);
  const width = u32(data, 18);
  const depth = u16(data, 22);
  const mode = u16(data, 24);

  if (mode === CMYK && depth !== 8 && depth !== 16) fail(`${depth}-bit CMYK PSD is not supported`);
  const name = MODE_NAMES[mode];
  if (name !== undefined) fail(`${name} PSD is not supported`);
  if (![BITMAP, GREYSCALE, INDEXED, RGB, CMYK, DUOTONE].includes(mode)) fail(`unknown colour mode ${mode}`);
  if (![1, 8, 16, 32].includes(depth) || (depth === 1) !== (mode === BITMAP)) fail(`invalid depth ${depth} for colour mode ${mode}`);
  if (mode === INDEXED && depth !== 8) fail(`invalid depth ${depth} for an indexed PSD`);
  if (width === 0 || height === 0) fail(`invalid size ${width}×${height}`);
  const colours = mode === RGB ? 3 : mode === CMYK ? 4 : 1;
  if (channelCount < colours || channelCount > 56) fail(`invalid channel count ${channelCount} for colour mode ${mode}`);
  checkPixelBudget('PSD', width, height);

  const layout = readLayout(data, mode, large);
  const alpha = layout.mergedAlpha && channelCount > colours;
  const wanted = colours + (alpha ? 1 : 0);
  const compression = u16(data, layout.compositeAt);
  const rowBytes = Math.ceil((width * depth) / 8);
  const needed = wanted * height * rowBytes;
  const dataAt = layout.compositeAt + 2;
  const countSize = large ? 4 : 2;
  const rowLength = (i: number): number => (compression === 0 ? rowBytes : large ? u32(data, dataAt + i * 4) : u16(data, dataAt + i * 2));
  let rowAt = dataAt;
  if (compression === 0) {
    if (dataAt + needed > data.length) fail(`truncated composite (${data.length - dataAt} of ${needed} bytes)`);
  } else if (compression === 1) {
    rowAt = dataAt + channelCount * height * countSize;
    if (rowAt > data.length) fail('truncated composite row table');
    let packed = 0;
    for (let i = 0; i < wanted * height; i++) packed += rowLength(i);
    if (rowAt + packed > data.length) fail(`truncated composite (${data.length - rowAt} of ${packed} bytes)`);
    // PackBits expands at most 64 times (2 bytes to 128): less data than that cannot hold the picture.
    if (packed * 64 < needed) fail(`corrupt composite (${packed} bytes cannot hold ${width}×${height})`);
  } else {
    fail(compression === 2 || compression === 3 ? 'ZIP-compressed composite is not supported' : `unknown compression ${compression}`);
  }

  const channels = alpha ? 4 : 3;
  const out = new Uint8Array(width * height * channels);
  const black = mode === CMYK ? new Uint8Array(width * height) : null;
  const row = new Uint8Array(rowBytes);
  const bytes = new Uint8Array(width);
  for (let c = 0; c < wanted; c++) {
    const isAlpha = c === colours;
    for (let y = 0; y < height; y++) {
      const length = rowLength(c * height + y);
      if (compression === 0) row.set(data.subarray(rowAt, rowAt + length));
      else unpackBits(data, rowAt, rowAt + length, row);
      rowAt += length;
      rowToBytes(row, depth, width, isAlpha, bytes);
      let d = y * width * channels;
      if (black !== null && c === 3) {
        black.set(bytes, y * width);
      } else if (colours === 1 && !isAlpha) {
        for (let x = 0; x < width; x++, d += channels) {
          if (mode === INDEXED) {
            const p = bytes[x]!;
            out[d] = layout.palette[p]!;
            out[d + 1] = layout.palette[256 + p]!;
            out[d + 2] = layout.palette[512 + p]!;
          } else {
            out[d] = out[d + 1] = out[d + 2] = bytes[x]!;
          }
        }
      } else {
        const o = isAlpha ? 3 : c;
        for (let x = 0; x < width; x++, d += channels) out[d + o] = bytes[x]!;
      }
    }
  }
  if (black !== null) {
    // PSD stores CMYK inverted (255 is no ink): red = (1 − C)(1 − K) becomes C′·K′/255.
    for (let p = 0, d = 0; p < black.length; p++, d += channels) {
      const k = black[p]!;
      out[d] = Math.round((out[d]! * k) / 255);
      out[d + 1] = Math.round((out[d + 1]! * k) / 255);
      out[d + 2] = Math.round((out[d + 2]! * k) / 255);
    }
  }
  if (alpha) unmatte(out);
  return { data: out, width, height, channels };
}

/** Photoshop mattes a transparent composite with white; take it out: c = (c′ − 255(1 − a)) / a. */
function unmatte(rgba: Uint8Array): void {
  for (let d = 0; d < rgba.length; d += 4) {
    const a = rgba[d + 3]!;
    if (a === 0 || a === 255) continue;
    for (let k = 0; k < 3; k++) {
      const v = Math.round(((rgba[d + k]! - 255) * 255) / a + 255);
      rgba[d + k] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}
