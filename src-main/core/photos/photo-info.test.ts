/**
 * The Info panel's facts (photos.info): the camera, lens and exposure read from the real corpus
 * files' EXIF in a file worker, and what the database knows when the file cannot be read — missing,
 * offline, gone behind the database's back, slow to answer, or simply without EXIF.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir } from '../../../test/support/seed-database.ts';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { FFMPEG_PATH } from '../../../test/support/video-tools.ts';
import { isCoreError } from '../errors.ts';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import { openKeepsake } from '../keepsake.ts';
import { readCameraInfo, toCameraInfo } from '../metadata/camera-info.ts';
import { getPhotoInfo } from './photo-info.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('readCameraInfo', () => {
  it('reads camera, exposure and focal length of a JPEG, a HEIC (with its lens) and a RAW', async () => {
    assert.deepEqual(await readCameraInfo(corpusFile('exif-samples/jpg/Canon_40D.jpg')), {
      make: 'Canon', model: 'Canon EOS 40D', lens: null, exposureTimeS: 0.00625, fNumber: 7.1, iso: 100, focalLengthMm: 135, focalLength35mmMm: null,
      flash: 'Flash fired, compulsory flash mode',
    });
    const heic = await readCameraInfo(corpusFile('exif-samples/heic/IMG_5195.HEIC'));
    assert.equal(heic?.model, 'iPhone 11 Pro Max');
    assert.equal(heic?.lens, 'Apple iPhone 11 Pro Max back triple camera 4.25mm f/1.8');
    assert.equal(heic?.focalLength35mmMm, 26);
    assert.equal((await readCameraInfo(corpusFile('exiftool-samples/Nikon.nef')))?.model, 'NIKON D70');
  });
  it('answers null for a picture without EXIF or in a format exifr does not read, and throws for a file that is not there', async () => {
    assert.equal(await readCameraInfo(corpusFile('exiftool-samples/PNG.png')), null);
    assert.equal(await readCameraInfo(corpusFile('exiftool-samples/CanonRaw.cr3')), null);
    await assert.rejects(readCameraInfo(join(temp.dir, 'nothing-here.jpg')), { code: 'ENOENT' });
  });
  it('trims what cameras pad with, and answers null when none of the camera tags is there', () => {
    assert.equal(toCameraInfo({ Make: 'Canon\0\0  ', ISO: 0, FNumber: 'x' })?.make, 'Canon');
    assert.equal(toCameraInfo({ Make: 'Canon', ISO: 0, FNumber: 'x' })?.iso, null);
    assert.equal(toCameraInfo({ Software: 'GIMP' }), null);
  });
});

describe('photos.info', () => {
  it('reads the EXIF of a present photo, and shows what the database knows of a missing, offline or unreadable one', async () => {
    const dataDir = join(temp.dir, 'data');
    const folder = join(temp.dir, 'photos');
    mkdirSync(folder, { recursive: true });
    for (const name of ['Canon_40D.jpg', 'Nikon_D70.jpg']) copyFileSync(corpusFile(`exif-samples/jpg/${name}`), join(folder, name));
    copyFileSync(corpusFile('exiftool-samples/PNG.png'), join(folder, 'PNG.png'));
    copyFileSync(corpusFile('video/clip-vp9.webm'), join(folder, 'clip.webm'));
    process.env['KEEPSAKE_FFMPEG'] ??= FFMPEG_PATH;
    const core = openKeepsake({ dataDir, workers: 1 });
    try {
      const h = core.handlers;
      const library = await h['libraries.add']({ name: 'Info', folders: [folder] });
      const { jobId } = await h['jobs.start']({ type: 'scan_photos', libraryId: library.id });
      assert.equal((await core.waitForJob(jobId)).status, 'succeeded');
      const photos = core.db.prepare('SELECT p.image_hash AS imageHash, f.path AS mainPath FROM photos p JOIN files f ON f.hash = p.main_file').all() as { imageHash: string; mainPath: string }[];
      const named = (name: string) => photos.find((p) => p.mainPath.endsWith(name)) as { imageHash: string };

      const canon = await h['photos.info']({ imageHash: named('Canon_40D.jpg').imageHash });
      assert.equal(canon.path, join(folder, 'Canon_40D.jpg'));
      assert.equal(canon.type, 'IMAGE');
      assert.deepEqual([canon.width, canon.height, canon.capturedAt, canon.unread], [100, 68, '2008-05-30T15:56:01', null]);
      assert.ok((canon.fileSize ?? 0) > 5000);
      assert.deepEqual([canon.camera?.model, canon.camera?.exposureTimeS, canon.camera?.fNumber, canon.camera?.iso, canon.camera?.focalLengthMm], ['Canon EOS 40D', 0.00625, 7.1, 100, 135]);

      // No EXIF: still its size and path; nothing said to be wrong.
      const png = await h['photos.info']({ imageHash: named('PNG.png').imageHash });
      assert.deepEqual([png.camera, png.unread, png.path], [null, null, join(folder, 'PNG.png')]);
      assert.ok(png.width !== null && png.width > 0);

      // A video: its length and frame size, no EXIF to read.
      const video = await h['photos.info']({ imageHash: named('clip.webm').imageHash });
      assert.equal(video.type, 'VIDEO');
      assert.equal(video.unread, null);
      assert.ok((video.durationS ?? 0) > 2, `duration ${video.durationS}`);
      assert.ok((video.width ?? 0) > 0);

      // Gone behind the database's back: what the database knows, and why nothing more.
      rmSync(join(folder, 'Nikon_D70.jpg'));
      const gone = await h['photos.info']({ imageHash: named('Nikon_D70.jpg').imageHash });
      assert.deepEqual([gone.camera, gone.unread, gone.width, gone.capturedAt], [null, 'the file is not where it was', 100, '2008-03-15T09:52:01']);
      // Flagged missing by Scan for Missing: not even tried.
      const missingJob = await h['jobs.start']({ type: 'scan_missing', libraryId: library.id });
      assert.equal((await core.waitForJob(missingJob.jobId)).status, 'succeeded');
      const missing = await h['photos.info']({ imageHash: named('Nikon_D70.jpg').imageHash });
      assert.equal(missing.unread, 'the file is missing');
      assert.equal(missing.fileSize, gone.fileSize);

      await assert.rejects(async () => h['photos.info']({ imageHash: `${'0'.repeat(32)}1` }), (error: unknown) => isCoreError(error) && error.code === 'not_found');

      // Offline and slow drives: the file is not read, or not waited for.
      const hash = named('Canon_40D.jpg').imageHash;
      core.db.prepare(`UPDATE photos SET availability = 'offline' WHERE image_hash = ?`).run(hash);
      const never = (() => {
        throw new Error('an offline photo must not be read');
      }) as unknown as () => FileWorkers;
      assert.equal((await getPhotoInfo(core.db, never, hash)).unread, 'its drive is not connected');
      core.db.prepare(`UPDATE photos SET availability = 'present' WHERE image_hash = ?`).run(hash);
      const stuck = { cameraInfo: () => new Promise(() => undefined) } as unknown as FileWorkers;
      const slow = await getPhotoInfo(core.db, () => stuck, hash, { timeoutMs: 20 });
      assert.deepEqual([slow.unread, slow.width, slow.path], ['the file did not answer in time', 100, join(folder, 'Canon_40D.jpg')]);
      const denied = { cameraInfo: () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) } as unknown as FileWorkers;
      assert.equal((await getPhotoInfo(core.db, () => denied, hash)).unread, 'permission denied');
    } finally {
      await core.close();
    }
  });
});
