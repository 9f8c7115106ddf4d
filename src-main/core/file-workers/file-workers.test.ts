import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { ffmpegSkip, testVideoTools } from '../../../test/support/video-tools.ts';
import { THUMBNAIL_VERSION } from '../thumbnails/thumbnail-size.ts';
import { createFileWorkers, type FileWorkers } from './file-workers.ts';

describe('createFileWorkers', () => {
  let pool: FileWorkers;
  let dir: string;
  before(() => {
    pool = createFileWorkers({ size: 2 });
    dir = mkdtempSync(join(tmpdir(), 'keepsake-pool-'));
  });
  after(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes many files in parallel, each equal to md5sum', async () => {
    const files = ['exif-samples/jpg/Canon_40D.jpg', 'exif-samples/jpg/Nikon_D70.jpg', 'exiftool-samples/Nikon.nef', 'video/clip.mov', 'exif-samples/tiff/Jobagent.tiff'].map(corpusFile);
    const identities = await Promise.all(files.map((file) => pool.identify(file)));
    for (const [i, file] of files.entries()) assert.equal(identities[i]?.md5, execFileSync('md5sum', [file], { encoding: 'utf8' }).split(' ')[0]);
    // JPEGs, the TIFF-based NEF and the TIFF start like images; so does the MOV (an ISO box, as HEIC).
    assert.deepEqual(identities.map((identity) => identity.imageSignature), [true, true, true, true, true]);
    assert.equal((await pool.identify(corpusFile('exiftool-samples/PDF.pdf'))).imageSignature, false);
  });

  it('hashes more files at once than the workers have lanes, sizes of every kind, while a folder is listed between', async () => {
    const folder = join(dir, 'many');
    mkdirSync(folder);
    const sizes = Array.from({ length: 70 }, (_, i) => [0, 1, 55, 56, 64, 65, 4096, 1024 * 1024 - 1, 1024 * 1024 + 1, 2_500_000][i % 10] as number);
    const expected = sizes.map((size, i) => {
      const data = Buffer.alloc(size, i % 251);
      writeFileSync(join(folder, `f${i}.jpg`), data);
      return createHash('md5').update(data).digest('hex');
    });
    const hashes = sizes.map((_, i) => pool.identify(join(folder, `f${i}.jpg`)));
    const listing = await pool.listFolder(folder, 1000);
    assert.equal(listing.files.length, sizes.length);
    assert.deepEqual((await Promise.all(hashes)).map((identity) => identity.md5), expected);
  });

  it('passes a worker error back with its name and code, and keeps working', async () => {
    await assert.rejects(pool.identify(join(dir, 'gone.jpg')), (error: Error & { code?: string }) => error.code === 'ENOENT' && /no such file/.test(error.message));
    assert.match((await pool.identify(corpusFile('exif-samples/jpg/Canon_40D.jpg'))).md5, /^[0-9a-f]{32}$/);
  });

  it('makes an oriented webp thumbnail sized for a HiDPI grid and reads the capture date', async () => {
    const dest = join(dir, 'ab', 'thumb.webp');
    // Orientation 6: stored landscape, shown portrait.
    const source = corpusFile('exif-samples/jpg/orientation/portrait_6.jpg');
    const info = await pool.describe(source, dest, 'IMAGE');
    assert.equal(info.hasThumbnail, true);
    assert.equal(info.error, null);
    const meta = await sharp(dest).metadata();
    assert.equal(meta.format, 'webp');
    // The sample is 450×600 once turned: 400 px on its short side is what a 200 px tile needs at 2×.
    assert.deepEqual([meta.width, meta.height], [400, 533]);
    assert.deepEqual([info.thumbnailWidth, info.thumbnailHeight], [400, 533]);
    assert.equal(info.thumbnailVersion, THUMBNAIL_VERSION);
    assert.ok((info.height ?? 0) > (info.width ?? 0), 'portrait after orientation');
    assert.ok(meta.height > meta.width, 'thumbnail is portrait too');
    assert.equal((await pool.describe(corpusFile('exif-samples/jpg/Canon_40D.jpg'), join(dir, 'canon.webp'), 'IMAGE')).capturedAt, '2008-05-30T15:56:01');
    assert.equal((await pool.describe(corpusFile('exiftool-samples/PDF.pdf'), join(dir, 'pdf.webp'), 'UNKNOWN')).capturedAt, null);
  });

  it('says why a stub RAW has no thumbnail, and makes none for a video', async () => {
    const raw = await pool.describe(corpusFile('exiftool-samples/CanonRaw.cr2'), join(dir, 'raw.webp'), 'RAW_FILE');
    assert.equal(raw.hasThumbnail, false);
    assert.match(raw.error ?? '', /^cannot decode/);
    assert.equal(existsSync(join(dir, 'raw.webp')), false);
    // Without ffmpeg a video is not tried at all: version 0, so it is tried again once there is one.
    const video = await pool.describe(corpusFile('video/clip-h264.mp4'), join(dir, 'video.webp'), 'VIDEO', null);
    assert.deepEqual(video, { capturedAt: null, width: null, height: null, hasThumbnail: false, thumbnailWidth: null, thumbnailHeight: null, durationS: null, thumbnailVersion: 0, error: null });
    assert.equal(existsSync(join(dir, 'video.webp')), false);
  });

  it('makes a video poster, its length and its date through ffmpeg', { skip: ffmpegSkip }, async () => {
    const dest = join(dir, 'clip.webp');
    const video = await pool.describe(corpusFile('video/clip-h264.mp4'), dest, 'VIDEO', testVideoTools(false));
    assert.equal(video.error, null);
    assert.equal(video.hasThumbnail, true);
    assert.equal(video.capturedAt, '2024-06-01T10:00:00+00:00');
    assert.ok(Math.abs((video.durationS ?? 0) - 3) < 0.1, String(video.durationS));
    assert.deepEqual([video.width, video.height], [640, 360]);
    const meta = await sharp(dest).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 640, 360]);
    const broken = await pool.describe(corpusFile('exiftool-samples/ASF.wmv'), join(dir, 'wmv.webp'), 'VIDEO', testVideoTools(false));
    assert.equal(broken.hasThumbnail, false);
    assert.match(broken.error ?? '', /^ffmpeg could not/);
  });

  it('rejects what is pending once closed', async () => {
    const other = createFileWorkers({ size: 1 });
    const pending = assert.rejects(other.identify(corpusFile('video/clip.mov')), { name: 'PoolClosed' });
    await other.close();
    await pending;
    await assert.rejects(other.identify(corpusFile('video/clip.mov')), { name: 'PoolClosed' });
  });
});
