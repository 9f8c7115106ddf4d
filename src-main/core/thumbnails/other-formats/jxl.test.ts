import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { JXL_FILES } from '../../../../test/support/other-format-files.ts';
import { corpusFile } from '../../../../test/support/temp-library.ts';
import type { RawPixels } from './decode-other-format.ts';
import { decodeJxl, isJxl } from './jxl.ts';


const at = (picture: RawPixels, x: number, y: number): number[] => {
  const i = (y * picture.width + x) * picture.channels;
  return Array.from(picture.data.subarray(i, i + picture.channels));
};

/** The picture every `gradient` file holds: red = x·4, green = y·5, blue = 128. */
function assertGradient(picture: RawPixels, tolerance: number): void {
  assert.deepEqual([picture.width, picture.height, picture.channels], [64, 48, 3]);
  assert.equal(picture.data.length, 64 * 48 * 3);
  let worst = 0;
  for (let y = 0; y < 48; y++) {
    for (let x = 0; x < 64; x++) {
      const [r, g, b] = at(picture, x, y);
      worst = Math.max(worst, Math.abs(r! - x * 4), Math.abs(g! - y * 5), Math.abs(b! - 128));
    }
  }
  assert.ok(worst <= tolerance, `off by ${worst}`);
}

test('a lossless bare codestream decodes to its exact pixels; the same in the container too', async () => {
  assertGradient(await decodeJxl(JXL_FILES.gradient), 0);
  assertGradient(await decodeJxl(JXL_FILES.gradientBoxed), 0);
});

test('a lossy (XYB) file decodes close to its source, in sRGB', async () => {
  // libjxl's own djxl decodes this file to within 1 level of jxl-oxide; both are up to 28 off the
  // source in the darkest corner (lossy coding), about 1 level on average.
  const picture = await decodeJxl(JXL_FILES.gradientLossy);
  assertGradient(picture, 32);
  let error = 0;
  for (let y = 0; y < 48; y++) for (let x = 0; x < 64; x++) error += Math.abs(at(picture, x, y)[0]! - x * 4) + Math.abs(at(picture, x, y)[1]! - y * 5);
  assert.ok(error / (64 * 48 * 2) < 2, `mean error ${error / (64 * 48 * 2)}`);
});

test('alpha comes out as a fourth channel', async () => {
  const picture = await decodeJxl(JXL_FILES.alpha);
  assert.equal(picture.channels, 4);
  for (const i of [0, 1, 255, 256, 3071]) assert.deepEqual(at(picture, i % 64, Math.floor(i / 64)), [200, 100, 50, i % 256]);
});

test('a transcoded JPEG in jxlp boxes comes out turned by its orientation (6: a quarter turn clockwise)', async () => {
  const picture = await decodeJxl(JXL_FILES.rotated);
  assert.deepEqual([picture.width, picture.height], [32, 64]);
  // The source's top-left quarter (red and green high) is now the top-right.
  const close = (actual: number[], expected: number[]): boolean => actual.every((v, i) => Math.abs(v - expected[i]!) <= 12);
  assert.ok(close(at(picture, 2, 2), [250, 10, 60]), `top-left ${at(picture, 2, 2)}`);
  assert.ok(close(at(picture, 29, 2), [250, 250, 60]), `top-right ${at(picture, 29, 2)}`);
  assert.ok(close(at(picture, 2, 61), [10, 10, 60]), `bottom-left ${at(picture, 2, 61)}`);
  assert.ok(close(at(picture, 29, 61), [10, 250, 60]), `bottom-right ${at(picture, 29, 61)}`);
});

/** A bare codestream whose size header says width × width (1:1), then default metadata and nothing else. */
function squareHeader(width: number): Uint8Array {
  const fields: [number, number][] = [[0, 1], [2, 2], [width - 1, 18], [1, 3], [1, 1]];
  const out: number[] = [0xff, 0x0a];
  let bit = 0;
  for (const [value, length] of fields) {
    for (let i = 0; i < length; i++, bit++) {
      if (bit % 8 === 0) out.push(0);
      out[out.length - 1]! |= ((value >> i) & 1) << bit % 8;
    }
  }
  return Uint8Array.from([...out, ...new Uint8Array(64)]);
}

test('broken files give one-line reasons; a huge size is refused from the header, before decoding', async () => {
  const reasonOf = async (data: Uint8Array): Promise<string> => {
    try {
      await decodeJxl(data);
    } catch (error) {
      assert.ok(error instanceof Error);
      assert.doesNotMatch(error.message, /\n/);
      return error.message;
    }
    return 'decoded';
  };
  // The corpus JXL2.jxl is a metadata sample: its codestream is the 16 bytes "<dummy jxl data>".
  const corpus = await readFile(corpusFile('exiftool-samples/JXL2.jxl'));
  assert.equal(isJxl(corpus), true);
  assert.equal(await reasonOf(corpus), 'JPEG XL: truncated header');
  assert.match(await reasonOf(JXL_FILES.gradient.subarray(0, 100)), /^JPEG XL: truncated \(the picture data is incomplete\)$/);
  assert.match(await reasonOf(JXL_FILES.gradientBoxed.subarray(0, 20)), /^JPEG XL: truncated header$/);
  const started = performance.now();
  assert.equal(await reasonOf(squareHeader(20000)), 'JPEG XL: 20000×20000 is above the 100-megapixel limit');
  assert.ok(performance.now() - started < 1000);
  const flipped = Uint8Array.from(JXL_FILES.gradient);
  flipped[40]! ^= 0xff;
  assert.match(await reasonOf(flipped), /^JPEG XL: /);
  // And the decoder still works after all that.
  assertGradient(await decodeJxl(JXL_FILES.gradient), 0);
});

test('isJxl knows the bare codestream and the container by their first bytes', () => {
  assert.equal(isJxl(JXL_FILES.gradient), true);
  assert.equal(isJxl(JXL_FILES.gradientBoxed), true);
  assert.equal(isJxl(Uint8Array.of(0xff, 0xd8, 0xff)), false); // JPEG
  assert.equal(isJxl(JXL_FILES.gradientBoxed.subarray(0, 11)), false);
});
