import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { CORPUS_DIR } from '../../../test/support/temp-library.ts';
import type { TiffRawLayout } from '../../../test/support/raw-with-preview.ts';
import {
  makeCr3WithPreview, makeJpeg, makeLosslessJpeg, makeRafWithPreview, makeTiffRawWithPreview,
} from '../../../test/support/raw-with-preview.ts';
import type { EmbeddedJpeg } from './raw-preview.ts';
import { findLargestEmbeddedJpeg, readTiffOrientation } from './raw-preview.ts';

const preview = await makeJpeg(1600, 1066);
const thumb = await makeJpeg(160, 106, { background: '#c63' });

/** The found JPEG is the bytes sharp decodes, whole (not truncated), at the size the search reported. */
async function assertDecodes(data: Uint8Array, found: EmbeddedJpeg | null, label: string): Promise<void> {
  assert.ok(found, `${label}: a preview`);
  const jpeg = data.subarray(found.offset, found.offset + found.length);
  const meta = await sharp(jpeg).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', found.width, found.height], label);
  const { info } = await sharp(jpeg, { failOn: 'truncated' }).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([info.width, info.height], [found.width, found.height], `${label}: decoded`);
}

/** The JPEG without its DQT segments: an abbreviated stream, as TIFF strips with JPEGTables hold. */
function withoutQuantTables(jpeg: Buffer): Buffer {
  const parts = [jpeg.subarray(0, 2)];
  let p = 2;
  while (jpeg[p + 1] !== 0xda) {
    const end = p + 2 + jpeg.readUInt16BE(p + 2);
    if (jpeg[p + 1] !== 0xdb) parts.push(jpeg.subarray(p, end));
    p = end;
  }
  return Buffer.concat([...parts, jpeg.subarray(p)]);
}

/** A result is either nothing or a JPEG inside the file: what every hostile input must give. */
function assertSane(data: Uint8Array, found: EmbeddedJpeg | null, label: string): void {
  if (found === null) return;
  assert.ok(found.offset >= 0 && found.length > 0 && found.offset + found.length <= data.length, `${label}: in range`);
  assert.ok(data[found.offset] === 0xff && data[found.offset + 1] === 0xd8, `${label}: starts with SOI`);
  assert.ok(found.width > 0 && found.height > 0, `${label}: has a size`);
}

/** Deterministic PRNG (mulberry32), so a failing mutation can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const layouts: TiffRawLayout[] = ['cr2', 'nef', 'arw', 'dng', 'orf', 'rw2'];

describe('findLargestEmbeddedJpeg on TIFF-based RAWs', () => {
  for (const extension of layouts) {
    for (const byteOrder of ['II', 'MM'] as const) {
      it(`${extension} (${byteOrder}): returns the 1600×1066 preview, not the 160×106 thumbnail or the lossless raw`, async () => {
        const data = await makeTiffRawWithPreview({ previewJpeg: preview, thumbJpeg: thumb, orientation: 6, extension, byteOrder });
        const found = findLargestEmbeddedJpeg(data);
        assert.deepEqual(found && [found.width, found.height], [1600, 1066]);
        assert.deepEqual(data.subarray(found!.offset, found!.offset + found!.length), preview);
        await assertDecodes(data, found, extension);
        assert.equal(readTiffOrientation(data), 6);
      });
    }
  }

  it('reads the Nikon MakerNote’s PreviewIFD (here holding the bigger JPEG of the two)', async () => {
    const medium = await makeJpeg(640, 424, { background: '#963' });
    for (const byteOrder of ['II', 'MM'] as const) {
      const data = await makeTiffRawWithPreview({ previewJpeg: thumb, thumbJpeg: medium, extension: 'nef', byteOrder });
      assert.deepEqual(findLargestEmbeddedJpeg(data), { offset: data.indexOf(medium), length: medium.length, width: 640, height: 424 });
    }
  });

  it('still finds the thumbnail when it is the only JPEG', async () => {
    const data = await makeTiffRawWithPreview({ previewJpeg: thumb, extension: 'arw' });
    assert.deepEqual(findLargestEmbeddedJpeg(data), { offset: data.indexOf(thumb), length: thumb.length, width: 160, height: 106 });
  });

  it('never returns lossless-JPEG (SOF3) sensor data, even when it is the only JPEG', async () => {
    // A DNG whose preview strip holds a lossless JPEG (bigger in pixels than any preview), next to its lossless raw.
    const data = await makeTiffRawWithPreview({ previewJpeg: preview, extension: 'dng' });
    const at = data.indexOf(preview);
    data.fill(0, at, at + preview.length);
    makeLosslessJpeg(8000, 6000).copy(data, at);
    assert.equal(findLargestEmbeddedJpeg(data), null);
  });

  it('passes over an abbreviated JPEG (no quantization tables) that no decoder reads alone', async () => {
    const data = await makeTiffRawWithPreview({ previewJpeg: withoutQuantTables(preview), thumbJpeg: thumb, extension: 'arw' });
    assert.equal(findLargestEmbeddedJpeg(data)?.width, 160);
  });

  it('trims a padded preview to its EOI and passes over a truncated one', async () => {
    const padded = await makeTiffRawWithPreview({ previewJpeg: Buffer.concat([preview, Buffer.alloc(1000)]), thumbJpeg: thumb, extension: 'arw' });
    assert.equal(findLargestEmbeddedJpeg(padded)?.length, preview.length);
    const cut = await makeTiffRawWithPreview({ previewJpeg: preview.subarray(0, preview.length - 100), thumbJpeg: thumb, extension: 'arw' });
    assert.equal(findLargestEmbeddedJpeg(cut)?.width, 160);
  });
});

describe('findLargestEmbeddedJpeg on RAF and CR3', () => {
  it('RAF: the JPEG its header points at', async () => {
    const data = makeRafWithPreview({ previewJpeg: preview });
    const found = findLargestEmbeddedJpeg(data);
    assert.deepEqual(found, { offset: 148, length: preview.length, width: 1600, height: 1066 });
    await assertDecodes(data, found, 'raf');
    // A RAF's orientation is its preview's own EXIF: readTiffOrientation reads it there (exifr cannot).
    assert.equal(readTiffOrientation(makeRafWithPreview({ previewJpeg: await makeJpeg(320, 200, { orientation: 6 }) })), 6);
    assert.equal(readTiffOrientation(data), 1);
  });

  it('CR3: PRVW over THMB, and track 1’s full-size JPEG over both', async () => {
    const data = await makeCr3WithPreview({ previewJpeg: preview, thumbJpeg: thumb, orientation: 8 });
    const found = findLargestEmbeddedJpeg(data);
    assert.deepEqual(found && [found.width, found.height, found.offset], [1600, 1066, data.indexOf(preview)]);
    await assertDecodes(data, found, 'cr3');
    assert.equal(readTiffOrientation(data), 8);

    const full = await makeJpeg(3000, 2000, { background: '#393' });
    const withFull = await makeCr3WithPreview({ previewJpeg: preview, thumbJpeg: thumb, fullJpeg: full });
    const big = findLargestEmbeddedJpeg(withFull);
    assert.deepEqual(big && [big.width, big.height, big.offset], [3000, 2000, withFull.indexOf(full)]);
    await assertDecodes(withFull, big, 'cr3 full');

    const onlyThumb = await makeCr3WithPreview({ previewJpeg: Buffer.from('<no preview here>'), thumbJpeg: thumb });
    assert.deepEqual(findLargestEmbeddedJpeg(onlyThumb)?.width, 160);
  });
});

describe('findLargestEmbeddedJpeg by marker scan', () => {
  it('finds a JPEG in a container it does not parse, the largest of several', async () => {
    const data = Buffer.concat([Buffer.from('FOVb\x02\x00\x02\x00'), randomBytes(3000), thumb, randomBytes(500), preview, randomBytes(2000)]);
    const found = findLargestEmbeddedJpeg(data);
    assert.deepEqual(found, { offset: data.indexOf(preview), length: preview.length, width: 1600, height: 1066 });
    await assertDecodes(data, found, 'scan');
  });

  it('falls back to the scan when every pointer of a TIFF is broken', async () => {
    const data = await makeTiffRawWithPreview({ previewJpeg: preview, thumbJpeg: thumb, extension: 'arw' });
    const broken = Buffer.from(data);
    broken.writeUInt32LE(0x7fffffff, 4); // IFD0 pointer out of the file
    assert.deepEqual(findLargestEmbeddedJpeg(broken)?.offset, data.indexOf(preview));
  });

  it('bounds its work on hostile files: many JPEG starts that all lead into one endless scan', () => {
    // 256 SOIs, each an APP1 segment long enough to jump to one shared frame + scan whose entropy
    // data (FF 00 stuffing: one step per 2 bytes) never ends. Unbounded, that is 256 walks of 4 MB.
    const starts = 256 * 16;
    const head = Buffer.alloc(starts);
    for (let i = 0; i < 256; i++) {
      head.set([0xff, 0xd8, 0xff, 0xe1], 16 * i);
      head.writeUInt16BE(starts - 16 * i - 4, 16 * i + 4);
    }
    const frame = Buffer.from([0xff, 0xc0, 0, 11, 8, 0x10, 0, 0x10, 0, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0]);
    const endless = Buffer.alloc(4 << 20);
    for (let i = 0; i < endless.length; i += 2) endless[i] = 0xff;
    const data = Buffer.concat([head, frame, endless]);
    const started = performance.now();
    assert.equal(findLargestEmbeddedJpeg(data), null);
    assert.ok(performance.now() - started < 3000, `${Math.round(performance.now() - started)} ms`);
  });
});

describe('findLargestEmbeddedJpeg on hostile input', () => {
  it('returns null for empty, tiny, random and text input', () => {
    assert.equal(findLargestEmbeddedJpeg(new Uint8Array(0)), null);
    assert.equal(findLargestEmbeddedJpeg(Buffer.from([0xff, 0xd8])), null);
    assert.equal(findLargestEmbeddedJpeg(Buffer.from('II*\0')), null);
    assert.equal(findLargestEmbeddedJpeg(Buffer.from('FUJIFILMCCD-RAW ')), null);
    for (let i = 0; i < 50; i++) assert.equal(findLargestEmbeddedJpeg(randomBytes(4096)), null);
    assert.equal(readTiffOrientation(randomBytes(64)), 1);
    assert.equal(readTiffOrientation(new Uint8Array(0)), 1);
  });

  it('survives IFD loops, self-referencing SubIFDs and huge counts', () => {
    const le = (...words: [number, number][]): Buffer => Buffer.concat(words.map(([v, n]) => { const b = Buffer.alloc(n); n === 2 ? b.writeUInt16LE(v) : b.writeUInt32LE(v); return b; }));
    // IFD0 at 8: a SubIFDs entry pointing at IFD0 itself, and IFD0 as its own next IFD.
    const loop = Buffer.concat([Buffer.from('II*\0'), le([8, 4], [1, 2], [0x014a, 2], [13, 2], [1, 4], [8, 4], [8, 4])]);
    assert.equal(findLargestEmbeddedJpeg(loop), null);
    // Two IFDs pointing at each other.
    const pair = Buffer.concat([Buffer.from('II*\0'), le([8, 4], [1, 2], [0x00fe, 2], [4, 2], [1, 4], [0, 4], [26, 4]),
      le([1, 2], [0x00fe, 2], [4, 2], [1, 4], [0, 4], [8, 4])]);
    assert.equal(findLargestEmbeddedJpeg(pair), null);
    // 65535 entries claimed; SubIFDs with 4 billion values.
    assert.equal(findLargestEmbeddedJpeg(Buffer.concat([Buffer.from('II*\0'), le([8, 4], [0xffff, 2]), Buffer.alloc(64)])), null);
    const huge = Buffer.concat([Buffer.from('II*\0'), le([8, 4], [1, 2], [0x014a, 2], [4, 2], [0xffffffff, 4], [8, 4], [0, 4])]);
    assert.equal(findLargestEmbeddedJpeg(huge), null);
  });

  it('truncated at any point: never throws, and never returns a JPEG that runs past the end', async () => {
    for (const extension of layouts) {
      const data = await makeTiffRawWithPreview({ previewJpeg: preview, thumbJpeg: thumb, extension });
      for (let end = 0; end < data.length; end += 97) assertSane(data.subarray(0, end), findLargestEmbeddedJpeg(data.subarray(0, end)), `${extension} cut at ${end}`);
    }
  });

  it('fuzz: random mutations of valid files never throw and give null or an in-range JPEG', async () => {
    const files = [
      ...(await Promise.all(layouts.map((extension, i) => makeTiffRawWithPreview({ previewJpeg: preview, thumbJpeg: thumb, extension, byteOrder: i % 2 ? 'MM' : 'II' })))),
      makeRafWithPreview({ previewJpeg: preview }),
      await makeCr3WithPreview({ previewJpeg: preview, thumbJpeg: thumb }),
    ];
    const next = random(20240601);
    for (const [index, original] of files.entries()) {
      for (let round = 0; round < 300; round++) {
        const data = Buffer.from(original);
        // Mutations aim at the headers (first 1 KB) most of the time: that is where pointers live.
        const changes = 1 + Math.floor(next() * 8);
        for (let c = 0; c < changes; c++) {
          const at = Math.floor(next() * (next() < 0.7 ? Math.min(1024, data.length) : data.length));
          data[at] = next() < 0.3 ? 0xff : Math.floor(next() * 256);
        }
        const label = `file ${index} round ${round}`;
        assertSane(data, findLargestEmbeddedJpeg(data), label);
        const orientation = readTiffOrientation(data);
        assert.ok(Number.isInteger(orientation) && orientation >= 1 && orientation <= 8, label);
      }
    }
  });
});

describe('findLargestEmbeddedJpeg on the exiftool sample corpus', () => {
  it('never throws, and whatever it returns decodes with sharp at the reported size', async (t) => {
    const folder = join(CORPUS_DIR, 'exiftool-samples');
    const names = readdirSync(folder).sort();
    assert.ok(names.length > 20, `${names.length} sample files`);
    const found: string[] = [];
    for (const name of names) {
      const data = readFileSync(join(folder, name));
      const preview = findLargestEmbeddedJpeg(data);
      assertSane(data, preview, name);
      if (preview === null) continue;
      await assertDecodes(data, preview, name);
      found.push(`${name}: ${preview.width}×${preview.height} at ${preview.offset}+${preview.length}`);
    }
    t.diagnostic(found.join('; '));
    // The two RAW stubs that kept their JPEG (the others have placeholders where the data was).
    assert.ok(found.some((line) => line.startsWith('FujiFilm.raf:')), 'RAF preview');
    assert.ok(found.some((line) => line.startsWith('Panasonic.rw2:')), 'RW2 preview');
  });
});
