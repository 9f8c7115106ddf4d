import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { HASH_CHUNK_BYTES, fileHash, md5File, md5FileSync } from './hash-file.ts';

const md5sum = (path: string) => execFileSync('md5sum', [path], { encoding: 'utf8' }).split(' ')[0];

describe('md5File', () => {
  const samples = ['exif-samples/jpg/Canon_40D.jpg', 'exif-samples/tiff/Arbitro.tiff', 'exiftool-samples/Nikon.nef', 'video/clip-h264.mp4', 'exiftool-samples/XMP.xmp', 'exif-samples/heic/IMG_5195.HEIC'];
  for (const sample of samples) {
    it(`equals md5sum for ${sample}`, async () => {
      const expected = md5sum(corpusFile(sample));
      assert.equal(await md5File(corpusFile(sample)), expected);
      assert.equal(md5FileSync(corpusFile(sample), Buffer.alloc(HASH_CHUNK_BYTES)), expected);
    });
  }
  it('equals md5sum for an empty file and one spanning several chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keepsake-hash-'));
    try {
      const empty = join(dir, 'empty.jpg');
      writeFileSync(empty, '');
      assert.equal(await md5File(empty), 'd41d8cd98f00b204e9800998ecf8427e');
      const big = join(dir, 'big.mov');
      const data = Buffer.alloc(HASH_CHUNK_BYTES * 3 + 12345);
      for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
      writeFileSync(big, data);
      assert.equal(await md5File(big), md5sum(big));
      assert.equal(md5FileSync(big, Buffer.alloc(4096)), md5sum(big));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('rejects for a file that does not exist', async () => {
    await assert.rejects(md5File('/nonexistent/keepsake.jpg'), { code: 'ENOENT' });
  });
});

describe('fileHash', () => {
  it('is the MD5 hex followed by the library id (LibrePhotos calculate_hash)', () => {
    assert.equal(fileHash('d41d8cd98f00b204e9800998ecf8427e', 1), 'd41d8cd98f00b204e9800998ecf8427e1');
    assert.equal(fileHash('d41d8cd98f00b204e9800998ecf8427e', 12), 'd41d8cd98f00b204e9800998ecf8427e12');
  });
});
