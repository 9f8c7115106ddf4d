/**
 * Every photo recognisable: a library of the corpus's HEIC samples, playable clips, a RAW with an
 * embedded preview (made here: the corpus RAWs are stubs) and a 12 MP JPEG is scanned; each gets a
 * thumbnail at the promised size, turned the right way, and the formats Chromium cannot show get a
 * full-size preview. Then an existing library's old thumbnails are refreshed in the background.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { bmpFile, JXL_FILES, psdFile } from '../../../test/support/other-format-files.ts';
import { makeJpeg, makeTiffRawWithPreview } from '../../../test/support/raw-with-preview.ts';
import { makeTempLibrary, type TempLibrary } from '../../../test/support/temp-library.ts';
import { FFMPEG_PATH, ffmpegSkip } from '../../../test/support/video-tools.ts';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';
import { scanPhotos } from '../scan/scan-photos.ts';
import { writeSettings } from '../settings/app-settings.ts';
import { resetVideoTools } from '../video/find-video-tools.ts';
import { previewSource } from './preview-cache.ts';
import { refreshThumbnails } from './refresh-thumbnails.ts';
import { previewPath, thumbnailPath } from './thumbnail-path.ts';
import { PREVIEW_LONG_SIDE, THUMBNAIL_MIN_SHORT_SIDE, THUMBNAIL_VERSION, thumbnailSize } from './thumbnail-size.ts';

const HEIC = {
  'heic/IMG_5195.HEIC': 'exif-samples/heic/IMG_5195.HEIC',
  'heic/iphone_13_pro_max.HEIC': 'exif-samples/heic/mobile/iphone_13_pro_max.HEIC',
  'heic/HMD_Nokia_8.3_5G.heif': 'exif-samples/heic/mobile/HMD_Nokia_8.3_5G.heif',
  'heic/HMD_Nokia_8.3_5G_hdr.heif': 'exif-samples/heic/mobile/HMD_Nokia_8.3_5G_hdr.heif',
  'heic/samplefilehub.heif': 'exif-samples/heic/samplefilehub.heif',
};
const CLIPS = { 'video/clip-h264.mp4': 'video/clip-h264.mp4', 'video/clip-vp9.webm': 'video/clip-vp9.webm', 'video/clip.mov': 'video/clip.mov' };

interface Row {
  image_hash: string;
  path: string;
  has_thumbnail: number;
  width: number | null;
  height: number | null;
  thumbnail_width: number | null;
  thumbnail_height: number | null;
  thumbnail_version: number;
  duration_s: number | null;
  captured_at: string | null;
  error: string | null;
}

function photoAt(lib: TempLibrary, relative: string): Row {
  const row = lib.db
    .prepare(`SELECT p.image_hash, f.path, p.has_thumbnail, p.width, p.height, p.thumbnail_width, p.thumbnail_height, p.thumbnail_version,
      p.duration_s, p.captured_at, f.error FROM photos p JOIN files f ON f.hash = p.main_file WHERE f.path = ?`)
    .get(join(lib.rootDir, relative)) as Row | undefined;
  assert.ok(row, `a photo for ${relative}`);
  return row;
}

/** Asserts the thumbnail on disk is what the row says, at the promised size for a picture of this size. */
async function assertThumbnail(lib: TempLibrary, row: Row): Promise<void> {
  assert.equal(row.has_thumbnail, 1, `${row.path}: ${row.error}`);
  assert.equal(row.thumbnail_version, THUMBNAIL_VERSION);
  const meta = await sharp(thumbnailPath(lib.dataDir, row.image_hash)).metadata();
  assert.deepEqual([meta.width, meta.height], [row.thumbnail_width, row.thumbnail_height]);
  const promised = thumbnailSize(row.width ?? 0, row.height ?? 0);
  assert.ok(Math.abs(meta.width - promised.width) <= 1 && Math.abs(meta.height - promised.height) <= 1, `${row.path}: ${meta.width}×${meta.height}, promised ${promised.width}×${promised.height}`);
}

describe('every photo recognisable', () => {
  let lib: TempLibrary;
  let workers: FileWorkers;
  before(async () => {
    lib = makeTempLibrary({ files: { ...HEIC, ...CLIPS } });
    // A RAW with a tiny IFD1 thumbnail and a 1600×1066 preview, shot in portrait (orientation 6).
    const raw = await makeTiffRawWithPreview({ previewJpeg: await makeJpeg(1600, 1066, { background: '#c63' }), thumbJpeg: await makeJpeg(160, 106), orientation: 6, extension: 'nef' });
    mkdirSync(join(lib.rootDir, 'raw'));
    writeFileSync(join(lib.rootDir, 'raw/portrait.nef'), raw);
    // A 12 MP photo.
    await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#58a' } }).jpeg().toFile(join(lib.rootDir, 'big.jpg'));
    // BMP, PSD and JPEG XL, which this libvips build does not read: 1200×900 BMP and PSD, the JPEG XL turned by its own orientation.
    const plane = (value: number) => new Uint8Array(1200 * 900).fill(value);
    const row = new Uint8Array(1200 * 3).fill(200);
    writeFileSync(join(lib.rootDir, 'scan.bmp'), bmpFile({ width: 1200, height: 900, bitsPerPixel: 24, rows: Array.from({ length: 900 }, () => row) }));
    writeFileSync(join(lib.rootDir, 'layout.psd'), psdFile({ width: 1200, height: 900, colorMode: 3, depth: 8, planes: [plane(30), plane(120), plane(220)], compression: 1 }));
    writeFileSync(join(lib.rootDir, 'rotated.jxl'), JXL_FILES.rotated);
    if (!ffmpegSkip) writeSettings(lib.db, { ffmpegPath: FFMPEG_PATH });
    resetVideoTools();
    workers = createFileWorkers({ size: 2 });
    await scanPhotos(lib.context(), workers);
  });
  after(async () => {
    await workers.close();
    lib.cleanup();
  });

  it('gives each of the 5 real HEIC/HEIF samples a thumbnail, upright, at the promised size', async () => {
    for (const name of Object.keys(HEIC)) await assertThumbnail(lib, photoAt(lib, name));
    // The iPhone shot is portrait: libheif turns it, and it is not turned a second time.
    const iphone = photoAt(lib, 'heic/iphone_13_pro_max.HEIC');
    assert.deepEqual([iphone.width, iphone.height], [3024, 4032]);
    assert.deepEqual([iphone.thumbnail_width, iphone.thumbnail_height], [THUMBNAIL_MIN_SHORT_SIDE, 533]);
    assert.equal(iphone.captured_at, '2022-02-16T12:55:41+01:00');
  });

  it('gives a RAW the largest embedded preview, turned by the RAW’s own orientation', async () => {
    const raw = photoAt(lib, 'raw/portrait.nef');
    await assertThumbnail(lib, raw);
    assert.deepEqual([raw.width, raw.height], [1066, 1600], 'the 1600×1066 preview, not the 160×106 one, turned to portrait');
    const { dominant } = await sharp(thumbnailPath(lib.dataDir, raw.image_hash)).stats();
    assert.ok(dominant.r > 150 && dominant.b < 100, `the preview's colour, not the thumbnail's: ${JSON.stringify(dominant)}`);
  });

  it('gives BMP, PSD and JPEG XL a thumbnail too (decoders of their own), the JPEG XL turned upright', async () => {
    for (const name of ['scan.bmp', 'layout.psd', 'rotated.jxl']) await assertThumbnail(lib, photoAt(lib, name));
    assert.deepEqual([photoAt(lib, 'layout.psd').thumbnail_width, photoAt(lib, 'layout.psd').thumbnail_height], [533, 400]);
    const jxl = photoAt(lib, 'rotated.jxl');
    assert.deepEqual([jxl.width, jxl.height], [32, 64], 'its header says orientation 6: shown 32×64');
  });

  it('sizes a 12 MP photo for a 2× grid: 400 px on the short side', async () => {
    const big = photoAt(lib, 'big.jpg');
    await assertThumbnail(lib, big);
    assert.deepEqual([big.thumbnail_width, big.thumbnail_height], [533, 400]);
  });

  it('gives the 3 playable clips a poster, their length and their date', { skip: ffmpegSkip }, async () => {
    for (const name of Object.keys(CLIPS)) await assertThumbnail(lib, photoAt(lib, name));
    const h264 = photoAt(lib, 'video/clip-h264.mp4');
    assert.ok(Math.abs((h264.duration_s ?? 0) - 3) < 0.1);
    assert.equal(h264.captured_at, '2024-06-01T10:00:00+00:00');
    const mov = photoAt(lib, 'video/clip.mov');
    assert.ok(Math.abs((mov.duration_s ?? 0) - 2) < 0.1);
    assert.match(mov.captured_at ?? '', /^2023-12-24T/);
    assert.ok(Math.abs((photoAt(lib, 'video/clip-vp9.webm').duration_s ?? 0) - 3) < 0.1);
  });

  it('makes a full-size preview of a HEIC and a RAW on demand, caches it, and says why for a video', async () => {
    for (const name of ['heic/HMD_Nokia_8.3_5G.heif', 'raw/portrait.nef']) {
      const row = photoAt(lib, name);
      const found = await previewSource(lib.db, lib.dataDir, () => workers, row.image_hash);
      assert.equal(found.kind, 'ok', JSON.stringify(found));
      const meta = await sharp(previewPath(lib.dataDir, row.image_hash)).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(Math.max(meta.width, meta.height), Math.min(PREVIEW_LONG_SIDE, Math.max(row.width ?? 0, row.height ?? 0)));
      assert.equal(meta.height > meta.width, (row.height ?? 0) > (row.width ?? 0), 'the preview is turned like the photo');
    }
    const video = photoAt(lib, 'video/clip-h264.mp4');
    assert.equal((await previewSource(lib.db, lib.dataDir, () => workers, video.image_hash)).kind, 'unknown');
  });

  it('refreshes the thumbnails an older Keepsake wrote, and keeps a missing photo’s old one', async () => {
    const big = photoAt(lib, 'big.jpg');
    const heic = photoAt(lib, 'heic/samplefilehub.heif');
    // As version 1 left them: 256 px, and the HEIC with none at all.
    await sharp({ create: { width: 256, height: 192, channels: 3, background: '#000' } }).webp().toFile(thumbnailPath(lib.dataDir, big.image_hash));
    lib.db.prepare('UPDATE photos SET thumbnail_version = 1, thumbnail_width = NULL, thumbnail_height = NULL WHERE image_hash = ?').run(big.image_hash);
    lib.db.prepare('UPDATE photos SET thumbnail_version = 0, has_thumbnail = 0 WHERE image_hash = ?').run(heic.image_hash);
    // A third whose file is gone: its old thumbnail is all it has, and it stays.
    const gone = photoAt(lib, 'heic/IMG_5195.HEIC');
    const kept = await sharp(thumbnailPath(lib.dataDir, gone.image_hash)).toBuffer();
    lib.db.prepare("UPDATE files SET missing = 1 WHERE path = ?").run(gone.path);
    lib.db.prepare('UPDATE photos SET thumbnail_version = 1 WHERE image_hash = ?').run(gone.image_hash);

    const result = await refreshThumbnails(lib.context(), workers);
    assert.deepEqual(result, { refreshed: 2, failed: 0, waiting: 1 });
    await assertThumbnail(lib, photoAt(lib, 'big.jpg'));
    await assertThumbnail(lib, photoAt(lib, 'heic/samplefilehub.heif'));
    assert.deepEqual(await sharp(thumbnailPath(lib.dataDir, gone.image_hash)).toBuffer(), kept);
    assert.equal(photoAt(lib, 'heic/IMG_5195.HEIC').thumbnail_version, 1, 'waits for its file to come back');
    // Nothing left to do but the one that waits.
    assert.deepEqual(await refreshThumbnails(lib.context(), workers), { refreshed: 0, failed: 0, waiting: 1 });
  });

  it('stops at once when cancelled, and the next run picks up where it stopped', async () => {
    lib.db.prepare("UPDATE files SET missing = 0").run();
    lib.db.prepare('UPDATE photos SET thumbnail_version = 1').run();
    const controller = new AbortController();
    const ctx = lib.context({ signal: controller.signal, onProgress: (_phase, current) => current > 0 && controller.abort() });
    await assert.rejects(refreshThumbnails(ctx, workers), { name: 'AbortError' });
    const left = lib.db.prepare('SELECT count(*) FROM photos WHERE thumbnail_version < ?').pluck().get(THUMBNAIL_VERSION) as number;
    assert.ok(left > 0, 'cancelled before the end');
    const rest = await refreshThumbnails(lib.context(), workers);
    assert.ok(rest.refreshed >= left - 1, JSON.stringify({ rest, left }));
    assert.equal(lib.db.prepare('SELECT count(*) FROM photos WHERE thumbnail_version < ?').pluck().get(THUMBNAIL_VERSION), 0);
    assert.ok(existsSync(thumbnailPath(lib.dataDir, photoAt(lib, 'big.jpg').image_hash)));
  });
});
