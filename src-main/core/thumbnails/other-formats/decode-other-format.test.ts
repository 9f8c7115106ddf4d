import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { bgrRow, bmpFile, JXL_FILES, plane16, psdFile } from '../../../../test/support/other-format-files.ts';
import { corpusFile } from '../../../../test/support/temp-library.ts';
import { decodeOtherFormat, otherFormatOf } from './decode-other-format.ts';
import type { RawPixels } from './decode-other-format.ts';
import { MAX_PIXELS } from './pixel-budget.ts';

const CORPUS = corpusFile('exiftool-samples');

/** The corpus files this test reads, copied to a temporary folder first (the corpus is never touched). */
const folder = mkdtempSync(join(tmpdir(), 'keepsake-other-formats-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
const JPEGS = readdirSync(CORPUS).filter((name) => name.endsWith('.jpg'));
for (const name of ['BMP.bmp', 'Photoshop.psd', 'JXL2.jxl', ...JPEGS]) copyFileSync(join(CORPUS, name), join(folder, name));
const corpus = (name: string): Uint8Array => new Uint8Array(readFileSync(join(folder, name)));

/** What the thumbnail maker does with the pixels. */
async function toPng(pixels: RawPixels): Promise<Buffer> {
  const { data, width, height, channels } = pixels;
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels } }).png().toBuffer();
}

for (const [name, format] of [['BMP.bmp', 'bmp'], ['Photoshop.psd', 'psd']] as const) {
  test(`corpus ${name}: an 8×8 white picture, through sharp to a PNG`, async () => {
    const data = corpus(name);
    assert.equal(otherFormatOf(data), format);
    const pixels = await decodeOtherFormat(data);
    assert.ok(pixels !== null);
    assert.deepEqual([pixels.width, pixels.height, pixels.channels], [8, 8, 3]);
    assert.ok(pixels.data.every((v) => v === 255), 'every pixel white (both samples are blank 8×8 pictures)');
    const png = await toPng(pixels);
    const meta = await sharp(png).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 8, 8]);
  });
}

test('a JPEG XL through sharp to a PNG keeps its pixels', async () => {
  const pixels = await decodeOtherFormat(JXL_FILES.gradientBoxed);
  assert.ok(pixels !== null);
  const { data, info } = await sharp(await toPng(pixels)).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([info.width, info.height, info.channels], [64, 48, 3]);
  assert.deepEqual([data[(10 * 64 + 20) * 3], data[(10 * 64 + 20) * 3 + 1], data[(10 * 64 + 20) * 3 + 2]], [80, 50, 128]);
});

test('the corpus JXL2.jxl is JPEG XL by its signature but holds no picture (a placeholder codestream)', async () => {
  const data = corpus('JXL2.jxl');
  assert.equal(otherFormatOf(data), 'jxl');
  await assert.rejects(decodeOtherFormat(data), { message: 'JPEG XL: truncated header' });
});

test('bytes of other formats are none of these: null, and nothing decoded', async () => {
  for (const name of JPEGS) {
    assert.equal(otherFormatOf(corpus(name)), null, name);
    assert.equal(await decodeOtherFormat(corpus(name)), null, name);
  }
  const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#123456' } }).png().toBuffer();
  const others = [png, Buffer.from('II*\0'), Buffer.from('BMP is a format'), Buffer.from('8BPS'), Buffer.from([0xff]), Buffer.alloc(0), Buffer.alloc(64)];
  for (const bytes of others) assert.equal(otherFormatOf(new Uint8Array(bytes)), null, bytes.toString('latin1', 0, 8));
});

test('the JPEG XL decoder is loaded on the first JPEG XL only, not for BMP or PSD', () => {
  const url = (path: string): string => new URL(path, import.meta.url).href;
  const script = `
    import { registerHooks } from 'node:module';
    import { readFileSync } from 'node:fs';
    const seen = [];
    registerHooks({ resolve(specifier, context, next) { if (specifier.includes('jxl-oxide')) seen.push(specifier); return next(specifier, context); } });
    const { decodeOtherFormat } = await import(${JSON.stringify(url('./decode-other-format.ts'))});
    const { JXL_FILES } = await import(${JSON.stringify(url('../../../../test/support/other-format-files.ts'))});
    await decodeOtherFormat(readFileSync(${JSON.stringify(join(folder, 'BMP.bmp'))}));
    await decodeOtherFormat(readFileSync(${JSON.stringify(join(folder, 'Photoshop.psd'))}));
    const before = seen.length;
    const picture = await decodeOtherFormat(JXL_FILES.gradient);
    console.log(JSON.stringify({ before, after: seen.length, width: picture.width }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { before: number; after: number; width: number };
  assert.equal(out.before, 0);
  assert.ok(out.after >= 1);
  assert.equal(out.width, 64);
});

/** A small deterministic generator, so a failing mutation can be found again. */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * below);
  };
}

/** Broken variants of a file: bytes overwritten, a bit flipped, cut short, a header field blasted, bytes inserted. */
function mutate(original: Uint8Array, next: (below: number) => number): Uint8Array {
  const bytes = Uint8Array.from(original);
  switch (next(5)) {
    case 0:
      for (let k = next(4); k >= 0; k--) bytes[next(bytes.length)] = next(256);
      return bytes;
    case 1:
      bytes[next(bytes.length)]! ^= 1 << next(8);
      return bytes;
    case 2:
      return bytes.subarray(0, next(bytes.length));
    case 3: {
      const at = next(Math.min(bytes.length - 4, 80));
      new DataView(bytes.buffer).setUint32(at, next(2) ? next(2 ** 32) : next(70000), next(2) === 0);
      return bytes;
    }
    default: {
      const at = next(bytes.length);
      return Uint8Array.from([...bytes.subarray(0, at), ...Array.from({ length: 1 + next(16) }, () => next(256)), ...bytes.subarray(at)]);
    }
  }
}

const LABELS = { bmp: 'BMP', psd: 'PSD', jxl: 'JPEG XL' } as const;

const BUILT: Record<string, Uint8Array> = {
  'RLE8 BMP': bmpFile({ width: 6, height: 4, bitsPerPixel: 8, compression: 1, palette: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], pixelData: Uint8Array.of(6, 1, 0, 0, 0, 3, 0, 1, 2, 0, 0, 2, 1, 1, 2, 2, 0, 1) }),
  '32-bit V5 BMP': bmpFile({ headerSize: 124, width: 3, height: 3, bitsPerPixel: 32, compression: 3, masks: [0xff0000, 0xff00, 0xff, 0xff000000], rows: Array.from({ length: 3 }, () => Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)) }),
  '24-bit BMP': bmpFile({ width: 5, height: 2, bitsPerPixel: 24, rows: [bgrRow([[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1], [2, 2, 2]]), bgrRow([[9, 9, 9], [8, 8, 8], [7, 7, 7], [6, 6, 6], [5, 5, 5]])] }),
  '16-bit RLE PSB': psdFile({ version: 2, width: 4, height: 3, colorMode: 3, depth: 16, compression: 1, planes: [0, 1, 2].map((c) => plane16(Array.from({ length: 12 }, (_, i) => (i * 5000 + c) & 0xffff))), mergedAlpha: 'lr16' }),
  'CMYK PSD': psdFile({ width: 4, height: 2, colorMode: 4, depth: 8, compression: 1, planes: [0, 1, 2, 3].map((c) => Uint8Array.from({ length: 8 }, (_, i) => i * 30 + c)) }),
  'JPEG XL codestream': JXL_FILES.gradient,
  'JPEG XL in jxlp boxes': JXL_FILES.rotated,
};

test('fuzz: hundreds of broken variants of each real file decode, or fail with a one-line reason, in time', async () => {
  const seeds: [string, Uint8Array, number][] = [
    ['BMP.bmp', corpus('BMP.bmp'), 300],
    ['Photoshop.psd', corpus('Photoshop.psd'), 300],
    ['JXL2.jxl', corpus('JXL2.jxl'), 300],
    ...Object.entries(BUILT).map(([name, data]): [string, Uint8Array, number] => [name, data, 150]),
  ];
  const next = random(20250601);
  let decoded = 0;
  let refused = 0;
  let slowest = 0;
  for (const [name, original, count] of seeds) {
    for (let i = 0; i < count; i++) {
      const data = mutate(original, next);
      const format = otherFormatOf(data);
      const started = performance.now();
      try {
        const pixels = await decodeOtherFormat(data);
        if (pixels === null) {
          assert.equal(format, null, `${name} #${i}: null for a ${format}`);
          continue;
        }
        const { width, height, channels } = pixels;
        assert.ok(width >= 1 && height >= 1 && width * height <= MAX_PIXELS, `${name} #${i}: ${width}×${height}`);
        assert.ok(channels === 3 || channels === 4);
        assert.equal(pixels.data.length, width * height * channels, `${name} #${i}`);
        decoded++;
      } catch (error) {
        assert.ok(error instanceof Error, `${name} #${i}: threw ${String(error)}`);
        assert.ok(format !== null, `${name} #${i}: threw for no format: ${error.message}`);
        assert.ok(error.message.startsWith(`${LABELS[format]}: `), `${name} #${i}: ${error.message}`);
        assert.doesNotMatch(error.message, /\n/);
        refused++;
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
  }
  assert.ok(decoded > 100 && refused > 100, `decoded ${decoded}, refused ${refused}`);
  assert.ok(slowest < 5000, `slowest decode ${Math.round(slowest)} ms`);
  // Nothing left broken behind: the decoders still read good files.
  assert.equal((await decodeOtherFormat(JXL_FILES.gradient))?.width, 64);
  assert.equal((await decodeOtherFormat(corpus('BMP.bmp')))?.width, 8);
});
