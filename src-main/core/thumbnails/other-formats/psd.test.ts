import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { plane16, plane32, psdFile } from '../../../../test/support/other-format-files.ts';
import type { RawPixels } from './decode-other-format.ts';
import { decodePsd, isPsd } from './psd.ts';

/** ag-psd (MIT) is only a test tool here: its writer makes files with real layer records. */
type AgPsd = typeof import('ag-psd');
const agPsd = createRequire(import.meta.url)('ag-psd') as AgPsd;

function pixelsOf(picture: RawPixels): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < picture.data.length; i += picture.channels) out.push(Array.from(picture.data.subarray(i, i + picture.channels)));
  assert.equal(picture.data.length, picture.width * picture.height * picture.channels);
  return out;
}

// A 5×3 picture, one plane per channel.
const W = 5;
const H = 3;
const R = Uint8Array.from({ length: W * H }, (_, i) => i * 17);
const G = Uint8Array.from({ length: W * H }, (_, i) => 255 - i * 17);
const B = Uint8Array.from({ length: W * H }, (_, i) => (i % 2 ? 0 : 200));
const rgbOf = (i: number): number[] => [R[i]!, G[i]!, B[i]!];

test('8-bit RGB, raw and PackBits, PSD and PSB', () => {
  for (const version of [1, 2] as const) {
    for (const compression of [0, 1] as const) {
      const picture = decodePsd(psdFile({ version, width: W, height: H, colorMode: 3, depth: 8, compression, planes: [R, G, B] }));
      assert.deepEqual([picture.width, picture.height, picture.channels], [W, H, 3]);
      assert.deepEqual(pixelsOf(picture), Array.from({ length: W * H }, (_, i) => rgbOf(i)), `version ${version}, compression ${compression}`);
    }
  }
});

test('PackBits with long runs (a flat colour) and a row wider than 128 literals', () => {
  const width = 300;
  const flat = new Uint8Array(width).fill(77);
  const noisy = Uint8Array.from({ length: width }, (_, i) => (i * 131) & 255);
  const picture = decodePsd(psdFile({ width, height: 1, colorMode: 3, depth: 8, compression: 1, planes: [flat, noisy, flat] }));
  assert.deepEqual(pixelsOf(picture), Array.from({ length: width }, (_, i) => [77, noisy[i]!, 77]));
});

test('greyscale and duotone show their grey; bitmap is black where a bit is set', () => {
  const grey = Uint8Array.from({ length: W * H }, (_, i) => i * 10);
  for (const colorMode of [1, 8]) {
    const picture = decodePsd(psdFile({ width: W, height: H, colorMode, depth: 8, compression: 1, planes: [grey] }));
    assert.deepEqual(pixelsOf(picture), Array.from(grey, (v) => [v, v, v]));
  }
  const bitmap = decodePsd(psdFile({ width: 10, height: 1, colorMode: 0, depth: 1, planes: [Uint8Array.of(0b10110000, 0b01000000)] }));
  assert.deepEqual(pixelsOf(bitmap).map((p) => p[0]), [0, 255, 0, 0, 255, 255, 255, 255, 255, 0]);
});

test('indexed colour takes its palette from the colour mode data', () => {
  const palette = new Uint8Array(768);
  palette.set([10, 20], 0); // reds of entries 0 and 1
  palette.set([30, 40], 256);
  palette.set([50, 60], 512);
  const picture = decodePsd(psdFile({ width: 2, height: 1, colorMode: 2, depth: 8, compression: 1, planes: [Uint8Array.of(1, 0)], colorModeData: palette }));
  assert.deepEqual(pixelsOf(picture), [[20, 40, 60], [10, 30, 50]]);
});

test('16-bit RGB, PackBits (how Photoshop saves it) and raw, rounds to 8 bits', () => {
  const samples = [0, 257, 32768, 65535, 128, 65280];
  const expected = samples.map((v) => Math.round(v / 257));
  for (const compression of [0, 1] as const) {
    const picture = decodePsd(psdFile({ width: 3, height: 2, colorMode: 3, depth: 16, compression, planes: [plane16(samples), plane16(samples.toReversed()), plane16(samples)] }));
    assert.deepEqual(pixelsOf(picture), expected.map((v, i) => [v, expected[expected.length - 1 - i]!, v]), `compression ${compression}`);
  }
});

test('32-bit RGB is linear light: it comes out sRGB-encoded, clamped to 0..1', () => {
  const linear = [0, 1, 0.5, 0.214, -3, 7];
  const srgb = (c: number): number => Math.round(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
  const picture = decodePsd(psdFile({ width: 6, height: 1, colorMode: 3, depth: 32, compression: 1, planes: [plane32(linear), plane32(linear), plane32(linear)] }));
  const reds = pixelsOf(picture).map((p) => p[0]);
  assert.deepEqual(reds, [0, 255, srgb(0.5), srgb(0.214), 0, 255]);
  assert.ok(Math.abs(reds[3]! - 128) <= 1, 'linear 0.214 is about sRGB 128');
});

test('CMYK is turned into RGB (PSD stores it inverted: 255 is no ink)', () => {
  const none = 255;
  const full = 0;
  const c = Uint8Array.of(none, full, none, none);
  const m = Uint8Array.of(none, none, full, none);
  const y = Uint8Array.of(none, none, none, none);
  const k = Uint8Array.of(none, none, none, full);
  const picture = decodePsd(psdFile({ width: 4, height: 1, colorMode: 4, depth: 8, compression: 1, planes: [c, m, y, k] }));
  assert.deepEqual(pixelsOf(picture), [[255, 255, 255], [0, 255, 255], [255, 0, 255], [0, 0, 0]]);
});

test('an extra channel is a saved selection unless the file says the composite has transparency', () => {
  const A = Uint8Array.from({ length: W * H }, (_, i) => (i === 0 ? 0 : i === 1 ? 128 : 255));
  const flat = decodePsd(psdFile({ width: W, height: H, colorMode: 3, depth: 8, compression: 1, planes: [R, G, B, A] }));
  assert.equal(flat.channels, 3);
  assert.deepEqual(pixelsOf(flat), Array.from({ length: W * H }, (_, i) => rgbOf(i)));

  // Photoshop mattes a transparent composite with white: the stored colour is c·a + 255·(1 − a).
  const matted = (plane: Uint8Array): Uint8Array => plane.map((v, i) => Math.round((v * A[i]!) / 255 + 255 - A[i]!));
  for (const mergedAlpha of ['layer-info', 'lr16'] as const) {
    for (const version of [1, 2] as const) {
      const depth = mergedAlpha === 'lr16' ? 16 : 8;
      const planes = [matted(R), matted(G), matted(B), A].map((plane) => (depth === 16 ? plane16(Array.from(plane, (v) => v * 257)) : plane));
      const picture = decodePsd(psdFile({ version, width: W, height: H, colorMode: 3, depth, compression: 1, planes, mergedAlpha }));
      assert.equal(picture.channels, 4, `${mergedAlpha}, version ${version}`);
      const pixels = pixelsOf(picture);
      assert.equal(pixels[0]![3], 0);
      assert.equal(pixels[1]![3], 128);
      for (const channel of [0, 1, 2]) assert.ok(Math.abs(pixels[1]![channel]! - rgbOf(1)[channel]!) <= 2, `un-matted at half alpha: ${pixels[1]}`);
      assert.deepEqual(pixels.slice(2), Array.from({ length: W * H - 2 }, (_, i) => [...rgbOf(i + 2), 255]));
    }
  }
});

test('a layered file written by ag-psd: layer records are skipped, the composite and its transparency read', () => {
  const composite = { width: W, height: H, data: new Uint8ClampedArray(W * H * 4) };
  for (let i = 0; i < W * H; i++) composite.data.set([...rgbOf(i), i < 5 ? 0 : 255], i * 4);
  const layer = { name: 'Layer 1', left: 1, top: 1, imageData: { width: 2, height: 2, data: new Uint8ClampedArray(16).fill(200) } };
  const file = agPsd.writePsdUint8Array({ width: W, height: H, imageData: composite, children: [layer] });
  const picture = decodePsd(file);
  assert.equal(picture.channels, 4);
  assert.deepEqual(pixelsOf(picture).slice(5), Array.from({ length: W * H - 5 }, (_, i) => [...rgbOf(i + 5), 255]));
  assert.deepEqual(pixelsOf(picture).slice(0, 5).map((p) => p[3]), [0, 0, 0, 0, 0]);

  const opaque = agPsd.writePsdUint8Array({ width: W, height: H, imageData: { ...composite, data: composite.data.map((v, i) => (i % 4 === 3 ? 255 : v)) }, children: [layer] });
  assert.deepEqual(pixelsOf(decodePsd(opaque)), Array.from({ length: W * H }, (_, i) => rgbOf(i)));
});

test('unsupported or broken files give one-line reasons', () => {
  const reasonOf = (data: Uint8Array): string => {
    try {
      decodePsd(data);
    } catch (error) {
      assert.ok(error instanceof Error);
      assert.doesNotMatch(error.message, /\n/);
      return error.message;
    }
    return 'decoded';
  };
  const good = psdFile({ width: W, height: H, colorMode: 3, depth: 8, compression: 1, planes: [R, G, B] });
  const raw = psdFile({ width: W, height: H, colorMode: 3, depth: 8, compression: 0, planes: [R, G, B] });
  assert.match(reasonOf(psdFile({ width: W, height: H, colorMode: 9, depth: 8, planes: [R, G, B] })), /^PSD: Lab PSD is not supported$/);
  assert.match(reasonOf(psdFile({ width: W, height: H, colorMode: 7, depth: 8, planes: [R, G] })), /Multichannel PSD is not supported/);
  assert.match(reasonOf(psdFile({ width: 1, height: 1, colorMode: 4, depth: 32, planes: [plane32([0]), plane32([0]), plane32([0]), plane32([0])] })), /32-bit CMYK PSD is not supported/);
  const zip = Uint8Array.from(raw);
  zip[raw.length - 3 * W * H - 1] = 2;
  assert.match(reasonOf(zip), /ZIP-compressed composite is not supported/);
  assert.match(reasonOf(raw.subarray(0, raw.length - 4)), /^PSD: truncated composite/);
  assert.match(reasonOf(good.subarray(0, good.length - 4)), /^PSD: truncated composite \(\d+ of \d+ bytes\)$/);
  const tall = Uint8Array.from(good);
  new DataView(tall.buffer).setUint32(18, 9000); // 9000 wide, from a few packed bytes a row
  assert.match(reasonOf(tall), /^PSD: corrupt composite \(\d+ bytes cannot hold 9000×3\)$/);
  assert.match(reasonOf(good.subarray(0, 30)), /^PSD: truncated/);
  assert.match(reasonOf(good.subarray(0, 20)), /^PSD: truncated header/);
  const huge = Uint8Array.from(good);
  new DataView(huge.buffer).setUint32(14, 20000);
  new DataView(huge.buffer).setUint32(18, 20000);
  assert.match(reasonOf(huge), /^PSD: 20000×20000 is above the 100-megapixel limit$/);
  assert.match(reasonOf(psdFile({ width: 2, height: 1, colorMode: 2, depth: 8, planes: [Uint8Array.of(0, 1)] })), /indexed PSD without its 256-colour palette/);
  const sectionPastEnd = Uint8Array.from(good);
  new DataView(sectionPastEnd.buffer).setUint32(26, 0x7fffffff);
  assert.match(reasonOf(sectionPastEnd), /^PSD: truncated colour mode data/);
});

test('isPsd wants "8BPS" and version 1 or 2', () => {
  const good = psdFile({ width: 1, height: 1, colorMode: 3, depth: 8, planes: [Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)] });
  assert.equal(isPsd(good), true);
  const v3 = Uint8Array.from(good);
  v3[5] = 3;
  assert.equal(isPsd(v3), false);
  assert.equal(isPsd(new TextEncoder().encode('8BPS')), false);
});
