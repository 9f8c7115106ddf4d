import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { CORPUS_DIR } from '../../../test/support/temp-library.ts';
import { readCaptureDate } from '../metadata/capture-date.ts';
import { classifyFile } from '../files/file-type.ts';
import { hasImageSignature, SIGNATURE_BYTES } from './image-signature.ts';

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const head = (path: string) => readFileSync(path).subarray(0, SIGNATURE_BYTES);

describe('hasImageSignature', () => {
  it('lets through every corpus image that sharp decodes or that has an EXIF date (none is skipped wrongly)', async () => {
    const images = filesUnder(CORPUS_DIR).filter((file) => classifyFile(file) === 'IMAGE');
    assert.ok(images.length > 50, `${images.length} corpus images`);
    let readable = 0;
    for (const file of images) {
      const decodes = await sharp(file).metadata().then(() => true, () => false);
      const dated = (await readCaptureDate(file)) !== null;
      if (!decodes && !dated) continue;
      readable++;
      assert.ok(hasImageSignature(head(file)), `${relative(CORPUS_DIR, file)} is readable but was judged not an image`);
    }
    assert.ok(readable > 50, `${readable} readable corpus images`);
  });

  it('turns away random bytes, text and empty files', () => {
    let passed = 0;
    for (let i = 0; i < 2000; i++) if (hasImageSignature(randomBytes(SIGNATURE_BYTES))) passed++;
    // Two-byte signatures (BM, FF 0A) let about 1 in 30,000 random files through: they are then tried in full.
    assert.ok(passed <= 2, `${passed} of 2000 random heads passed`);
    assert.equal(hasImageSignature(Buffer.from('hello, this is not a photo')), false);
    assert.equal(hasImageSignature(Buffer.alloc(0)), false);
    assert.equal(hasImageSignature(Buffer.alloc(SIGNATURE_BYTES)), false);
  });

  it('knows the common formats by their first bytes', () => {
    const cases: [string, Buffer][] = [
      ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe1])],
      ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])],
      ['gif', Buffer.from('GIF89a')],
      ['webp', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])],
      ['tiff', Buffer.from([0x49, 0x49, 0x2a, 0x00])],
      ['heic', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic')])],
      ['svg', Buffer.from('\n  <svg xmlns="http://www.w3.org/2000/svg">')],
      ['svg with a comment first', Buffer.from('<!-- Generator: an editor -->')],
    ];
    for (const [name, bytes] of cases) assert.ok(hasImageSignature(bytes), name);
  });
});
