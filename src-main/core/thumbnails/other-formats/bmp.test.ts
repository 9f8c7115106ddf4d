import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bgrRow, bmpFile, packIndices, wordsRow } from '../../../../test/support/other-format-files.ts';
import { decodeBmp, isBmp } from './bmp.ts';
import type { RawPixels } from './decode-other-format.ts';

type Rgb = readonly [number, number, number];

/** The decoded pixels, one array per pixel, rows top first. */
function pixelsOf(picture: RawPixels): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < picture.data.length; i += picture.channels) out.push(Array.from(picture.data.subarray(i, i + picture.channels)));
  assert.equal(picture.data.length, picture.width * picture.height * picture.channels);
  return out;
}

const RED: Rgb = [255, 0, 0];
const GREEN: Rgb = [0, 255, 0];
const BLUE: Rgb = [0, 0, 255];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
const GREY: Rgb = [128, 128, 128];
const PALETTE: readonly Rgb[] = [BLACK, WHITE, RED, GREEN, BLUE, GREY, [10, 20, 30], [200, 100, 50]];

test('1-bit: an odd width that crosses a byte, rows bottom-up', () => {
  const rows = [
    [0, 1, 0, 1, 1, 0, 0, 1, 1],
    [1, 0, 1, 0, 0, 1, 1, 0, 0],
  ];
  const picture = decodeBmp(bmpFile({ width: 9, height: 2, bitsPerPixel: 1, palette: [BLACK, WHITE], rows: rows.map((r) => packIndices(1, r)) }));
  assert.deepEqual([picture.width, picture.height, picture.channels], [9, 2, 3]);
  assert.deepEqual(pixelsOf(picture), rows.flat().map((i) => [...(i ? WHITE : BLACK)]));
});

for (const bits of [2, 4, 8] as const) {
  test(`${bits}-bit palette, rows padded to 4 bytes`, () => {
    const count = Math.min(1 << bits, PALETTE.length);
    const rows = [
      [0, 1, 2, 3, 1],
      [3, 2, 1, 0, count - 1],
      [1, 1, 2, 2, 3],
    ];
    const picture = decodeBmp(bmpFile({ width: 5, height: 3, bitsPerPixel: bits, palette: PALETTE.slice(0, count), rows: rows.map((r) => packIndices(bits, r)) }));
    assert.deepEqual(pixelsOf(picture), rows.flat().map((i) => [...PALETTE[i]!]));
  });
}

test('8-bit: an index past a short palette is black; colours-used limits the palette', () => {
  const picture = decodeBmp(bmpFile({ width: 3, height: 1, bitsPerPixel: 8, palette: [RED, GREEN], rows: [Uint8Array.of(0, 1, 200)] }));
  assert.deepEqual(pixelsOf(picture), [[...RED], [...GREEN], [...BLACK]]);
});

test('the pixel-data offset is honoured (a gap after the palette)', () => {
  const picture = decodeBmp(bmpFile({ width: 2, height: 1, bitsPerPixel: 8, palette: [RED, BLUE], rows: [Uint8Array.of(1, 0)], gap: 7 }));
  assert.deepEqual(pixelsOf(picture), [[...BLUE], [...RED]]);
});

test('the 12-byte OS/2 core header, with 3-byte palette entries', () => {
  const picture = decodeBmp(bmpFile({ headerSize: 12, width: 3, height: 2, bitsPerPixel: 8, palette: [RED, GREEN, BLUE], rows: [Uint8Array.of(0, 1, 2), Uint8Array.of(2, 1, 0)] }));
  assert.deepEqual(pixelsOf(picture), [[...RED], [...GREEN], [...BLUE], [...BLUE], [...GREEN], [...RED]]);
});

test('24-bit, bottom-up and top-down, with row padding', () => {
  const rows: Rgb[][] = [
    [RED, GREEN, BLUE],
    [[1, 2, 3], [250, 128, 7], WHITE],
  ];
  for (const topDown of [false, true]) {
    const picture = decodeBmp(bmpFile({ width: 3, height: 2, bitsPerPixel: 24, rows: rows.map(bgrRow), topDown }));
    assert.deepEqual(pixelsOf(picture), rows.flat().map((p) => [...p]), `topDown ${topDown}`);
  }
});

test('16-bit: 5-5-5 by default, 5-6-5 bit fields, 1-5-5-5 with alpha in a V5 header', () => {
  const x555 = decodeBmp(bmpFile({ width: 3, height: 1, bitsPerPixel: 16, rows: [wordsRow(2, [0x7c00, 0x03e0, (16 << 10) | (8 << 5) | 4])] }));
  assert.deepEqual(pixelsOf(x555), [[255, 0, 0], [0, 255, 0], [132, 66, 33]]);

  const r565 = decodeBmp(bmpFile({ width: 3, height: 1, bitsPerPixel: 16, compression: 3, masks: [0xf800, 0x07e0, 0x001f, 0], rows: [wordsRow(2, [0xf800, 0x07e0, (16 << 11) | (32 << 5) | 8])] }));
  assert.deepEqual(pixelsOf(r565), [[255, 0, 0], [0, 255, 0], [132, 130, 66]]);

  const a1555 = decodeBmp(bmpFile({ headerSize: 124, width: 2, height: 1, bitsPerPixel: 16, compression: 3, masks: [0x7c00, 0x03e0, 0x001f, 0x8000], rows: [wordsRow(2, [0x8000 | 0x001f, 0x7c00])] }));
  assert.equal(a1555.channels, 4);
  assert.deepEqual(pixelsOf(a1555), [[0, 0, 255, 255], [255, 0, 0, 0]]);
});

test('32-bit BI_RGB: alpha bytes that are all 0 mean opaque; any other alpha is kept', () => {
  const noAlpha = decodeBmp(bmpFile({ width: 2, height: 1, bitsPerPixel: 32, rows: [wordsRow(4, [0x00ff0000, 0x000000ff])] }));
  assert.deepEqual(pixelsOf(noAlpha), [[255, 0, 0, 255], [0, 0, 255, 255]]);

  const withAlpha = decodeBmp(bmpFile({ width: 2, height: 1, bitsPerPixel: 32, rows: [wordsRow(4, [0x80ff0000, 0x000000ff])] }));
  assert.deepEqual(pixelsOf(withAlpha), [[255, 0, 0, 128], [0, 0, 255, 0]]);
});

test('32-bit bit fields: masks in a V3 header, after a 40-byte header (BI_ALPHABITFIELDS), and 10 bits wide', () => {
  const rgba = [0x000000ff, 0x0000ff00, 0x00ff0000, 0xff000000] as const; // bytes R, G, B, A
  const v3 = decodeBmp(bmpFile({ headerSize: 56, width: 2, height: 1, bitsPerPixel: 32, compression: 3, masks: rgba, rows: [Uint8Array.of(10, 20, 30, 255, 40, 50, 60, 128)] }));
  assert.deepEqual(pixelsOf(v3), [[10, 20, 30, 255], [40, 50, 60, 128]]);

  const afterHeader = decodeBmp(bmpFile({ width: 2, height: 1, bitsPerPixel: 32, compression: 6, masks: rgba, rows: [Uint8Array.of(10, 20, 30, 255, 40, 50, 60, 128)] }));
  assert.deepEqual(pixelsOf(afterHeader), [[10, 20, 30, 255], [40, 50, 60, 128]]);

  const tenBit = decodeBmp(bmpFile({ width: 2, height: 1, bitsPerPixel: 32, compression: 3, masks: [0x3ff00000, 0x000ffc00, 0x000003ff, 0], rows: [wordsRow(4, [0x3ff00000, (512 << 10) | 1023])] }));
  assert.equal(tenBit.channels, 3);
  assert.deepEqual(pixelsOf(tenBit), [[255, 0, 0], [0, 128, 255]]);
});

test('RLE8: runs, an odd literal stretch with its pad byte, a delta skip (transparent), end of line, end of bitmap', () => {
  // 4×3, bottom row first. Row 0: run 3×red, run 1×green, end of line. Row 1: literal [blue grey
  // blue], its pad byte, end of line (x 3 never written). Row 2: delta (2, 0), run 2×blue, end of bitmap.
  const stream = Uint8Array.of(3, 2, 1, 3, 0, 0, 0, 3, 4, 5, 4, 0, 0, 0, 0, 2, 2, 0, 2, 4, 0, 1);
  const picture = decodeBmp(bmpFile({ width: 4, height: 3, bitsPerPixel: 8, compression: 1, palette: PALETTE, pixelData: stream }));
  assert.equal(picture.channels, 4);
  const T = [0, 0, 0, 0];
  const [r, g, b] = [[...RED, 255], [...GREEN, 255], [...BLUE, 255]];
  assert.deepEqual(pixelsOf(picture), [T, T, b, b, b, [...GREY, 255], b, T, r, r, r, g]);
});

test('RLE4: nibble runs alternate two colours; a literal stretch packs two a byte', () => {
  // 5×2: bottom row run of 5 alternating (2, 3) then EOL; top row literal [1 2 3 4 5], pad, EOF.
  const stream = Uint8Array.of(5, 0x23, 0, 0, 0, 5, 0x12, 0x34, 0x50, 0, 0, 1);
  const picture = decodeBmp(bmpFile({ width: 5, height: 2, bitsPerPixel: 4, compression: 2, palette: PALETTE, pixelData: stream }));
  const c = (i: number): number[] => [...PALETTE[i]!, 255];
  assert.deepEqual(pixelsOf(picture), [c(1), c(2), c(3), c(4), c(5), c(2), c(3), c(2), c(3), c(2)]);
});

test('broken or unsupported files give one-line reasons', () => {
  const good = bmpFile({ width: 4, height: 4, bitsPerPixel: 24, rows: Array.from({ length: 4 }, () => bgrRow([RED, RED, RED, RED])) });
  const reasonOf = (data: Uint8Array): string => {
    try {
      decodeBmp(data);
    } catch (error) {
      assert.ok(error instanceof Error);
      assert.doesNotMatch(error.message, /\n/);
      return error.message;
    }
    return 'decoded';
  };
  assert.match(reasonOf(good.subarray(0, good.length - 20)), /^BMP: truncated pixel data/);
  assert.match(reasonOf(good.subarray(0, 30)), /^BMP: truncated header/);
  const huge = Uint8Array.from(good);
  new DataView(huge.buffer).setInt32(18, 20000, true);
  new DataView(huge.buffer).setInt32(22, -20000, true);
  assert.match(reasonOf(huge), /^BMP: 20000×20000 is above the 100-megapixel limit$/);
  assert.match(reasonOf(bmpFile({ width: 0, height: 1, bitsPerPixel: 24, rows: [] })), /invalid size 0×1/);
  assert.match(reasonOf(bmpFile({ width: 1, height: 1, bitsPerPixel: 64, rows: [new Uint8Array(8)] })), /64-bit BMP is not supported/);
  assert.match(reasonOf(bmpFile({ width: 1, height: 1, bitsPerPixel: 0, compression: 4, pixelData: Uint8Array.of(0xff, 0xd8) })), /BMP holding a JPEG is not supported/);
  assert.match(reasonOf(bmpFile({ width: 1, height: 1, bitsPerPixel: 24, compression: 9, rows: [new Uint8Array(3)] })), /unknown compression 9/);
  assert.match(reasonOf(bmpFile({ width: 4, height: 2, bitsPerPixel: 8, compression: 1, palette: PALETTE, pixelData: Uint8Array.of(4, 1, 0, 0) })), /truncated RLE data/);
  assert.match(reasonOf(bmpFile({ width: 2, height: 1, bitsPerPixel: 8, rows: [Uint8Array.of(0, 0)] })), /the palette is missing/);
});

test('isBmp wants "BM" and a known header size', () => {
  const good = bmpFile({ width: 1, height: 1, bitsPerPixel: 24, rows: [bgrRow([RED])] });
  assert.equal(isBmp(good), true);
  const odd = Uint8Array.from(good);
  odd[14] = 41;
  assert.equal(isBmp(odd), false);
  assert.equal(isBmp(Uint8Array.of(0x42, 0x4d)), false);
  assert.equal(isBmp(new TextEncoder().encode('BM is not a bitmap, just text')), false);
});
