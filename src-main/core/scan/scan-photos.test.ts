import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, opendirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';
import { scanMissing } from '../missing/scan-missing.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import { CORPUS_DIR, makeTempLibrary, type TempLibrary } from '../../../test/support/temp-library.ts';
import { scanPhotos } from './scan-photos.ts';

const SUBSET: Record<string, string> = {
  'jpg/Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg',
  'jpg/corrupted.jpg': 'exif-samples/jpg/corrupted.jpg',
  'jpg/invalid/image00971.jpg': 'exif-samples/jpg/invalid/image00971.jpg',
  'jpg/invalid/image01088.jpg': 'exif-samples/jpg/invalid/image01088.jpg',
  'jpg/invalid/image01137.jpg': 'exif-samples/jpg/invalid/image01137.jpg',
  'jpg/invalid/image01551.jpg': 'exif-samples/jpg/invalid/image01551.jpg',
  'jpg/invalid/image01713.jpg': 'exif-samples/jpg/invalid/image01713.jpg',
  'jpg/invalid/image01980.jpg': 'exif-samples/jpg/invalid/image01980.jpg',
  'jpg/invalid/image02206.jpg': 'exif-samples/jpg/invalid/image02206.jpg',
  'raw/Nikon.jpg': 'exiftool-samples/Nikon.jpg',
  'raw/Nikon.nef': 'exiftool-samples/Nikon.nef',
  'raw/Nikon.xmp': 'exiftool-samples/XMP2.xmp',
  'raw/XMP.jpg': 'exiftool-samples/XMP.jpg',
  'raw/XMP.xmp': 'exiftool-samples/XMP.xmp',
  'raw/CanonRaw.cr2': 'exiftool-samples/CanonRaw.cr2',
  'video/clip-h264.mp4': 'video/clip-h264.mp4',
  'other/PDF.pdf': 'exiftool-samples/PDF.pdf',
};
/** Files the scan tracks: everything above but the PDF, plus the truncated JPEG each test writes. */
const TRACKED = Object.keys(SUBSET).length - 1 + 1;

function makeLibrary(): TempLibrary {
  const lib = makeTempLibrary({ files: SUBSET });
  // A JPEG cut in half: a real photo's file that cannot be decoded.
  const whole = readFileSync(join(CORPUS_DIR, 'exif-samples/jpg/Canon_40D.jpg'));
  writeFileSync(join(lib.rootDir, 'jpg/truncated.jpg'), whole.subarray(0, Math.floor(whole.length / 2)));
  return lib;
}

const one = <T>(lib: TempLibrary, sql: string, ...params: unknown[]): T => lib.db.prepare(sql).get(...params) as T;
const fileAt = (lib: TempLibrary, relative: string) =>
  one<{ hash: string; path: string; missing: number; error: string | null; type: string } | undefined>(lib, 'SELECT * FROM files WHERE path = ?', join(lib.rootDir, relative));
const photoOf = (lib: TempLibrary, fileHash: string) =>
  one<{ image_hash: string; main_file: string | null; rating: number; caption: string; in_trashcan: number; availability: string; has_thumbnail: number; captured_at: string | null } | undefined>(
    lib, 'SELECT p.* FROM photos p JOIN photo_files pf ON pf.image_hash = p.image_hash WHERE pf.file_hash = ?', fileHash);
const count = (lib: TempLibrary, sql: string, ...params: unknown[]) => (lib.db.prepare(sql).pluck().get(...params) as number);

describe('scanPhotos', () => {
  let pool: FileWorkers;
  before(() => {
    pool = createFileWorkers({ size: 2 });
  });
  after(async () => {
    await pool.close();
  });

  it('adds every photo file of a real corpus subset, joins RAW+JPEG+XMP and tracks undecodable files', async () => {
    const lib = makeLibrary();
    try {
      const result = await scanPhotos(lib.context(), pool);
      assert.equal(result.added, TRACKED);
      assert.equal(result.hashed, TRACKED);
      assert.equal(result.relinked, 0);
      assert.equal(result.skipped_roots, 0);
      assert.equal(count(lib, 'SELECT count(*) FROM files'), TRACKED);
      assert.equal(fileAt(lib, 'other/PDF.pdf'), undefined, 'a PDF is not a photo');
      // Nikon.jpg + Nikon.nef + Nikon.xmp and XMP.jpg + XMP.xmp are one photo each.
      assert.equal(count(lib, 'SELECT count(*) FROM photos'), TRACKED - 3);
      const jpg = fileAt(lib, 'raw/Nikon.jpg');
      assert.ok(jpg);
      const nikon = photoOf(lib, jpg.hash);
      assert.ok(nikon);
      assert.equal(nikon.main_file, jpg.hash, 'the JPEG is the main file');
      assert.equal(nikon.image_hash, jpg.hash);
      assert.deepEqual(
        (lib.db.prepare('SELECT f.type FROM photo_files pf JOIN files f ON f.hash = pf.file_hash WHERE pf.image_hash = ? ORDER BY f.type').pluck().all(nikon.image_hash) as string[]),
        ['IMAGE', 'METADATA_FILE', 'RAW_FILE'],
      );
      // The sidecar's rating reaches the new photo.
      const xmpPhoto = photoOf(lib, fileAt(lib, 'raw/XMP.jpg')!.hash);
      assert.equal(xmpPhoto?.rating, 1);
      // Thumbnail and capture date of a good JPEG.
      const canon = photoOf(lib, fileAt(lib, 'jpg/Canon_40D.jpg')!.hash)!;
      assert.equal(canon.has_thumbnail, 1);
      assert.equal(canon.captured_at, '2008-05-30T15:56:01');
      assert.ok(existsSync(thumbnailPath(lib.dataDir, canon.image_hash)));
      // Undecodable files stay the user's files: tracked, with their error, each a photo.
      for (const broken of ['jpg/truncated.jpg', 'raw/CanonRaw.cr2']) {
        const file = fileAt(lib, broken);
        assert.ok(file, broken);
        assert.match(file.error ?? '', /cannot decode/, broken);
        assert.equal(photoOf(lib, file.hash)?.has_thumbnail, 0);
      }
      assert.ok(result.errors >= 2);
      // A video is tracked without an error, and without a thumbnail.
      const video = fileAt(lib, 'video/clip-h264.mp4')!;
      assert.equal(video.type, 'VIDEO');
      assert.equal(video.error, null);
      assert.equal(photoOf(lib, video.hash)?.availability, 'present');
      assert.ok(count(lib, 'SELECT last_scan_at IS NOT NULL FROM library_counts WHERE library_id = ?', lib.libraryId));
      assert.equal(count(lib, 'SELECT num_photos FROM library_counts'), TRACKED - 3);

      const again = await scanPhotos(lib.context(), pool);
      assert.equal(again.hashed, 0, 'an unchanged library is not hashed again');
      assert.equal(again.unchanged, TRACKED);
      assert.equal(again.added, 0);
      assert.equal(again.errors, 0);
    } finally {
      lib.cleanup();
    }
  });

  it('relinks a moved and renamed file to its photo, with rating and caption intact', async () => {
    const lib = makeLibrary();
    try {
      await scanPhotos(lib.context(), pool);
      const before = fileAt(lib, 'jpg/Canon_40D.jpg')!;
      const photo = photoOf(lib, before.hash)!;
      lib.db.prepare("UPDATE photos SET rating = 4, caption = 'Lake' WHERE image_hash = ?").run(photo.image_hash);
      const photos = count(lib, 'SELECT count(*) FROM photos');
      mkdirSync(join(lib.rootDir, 'elsewhere'));
      renameSync(join(lib.rootDir, 'jpg/Canon_40D.jpg'), join(lib.rootDir, 'elsewhere/lake.jpg'));
      // Change the mtime too, as a copy tool would: the file must be hashed and still be recognised.
      writeFileSync(join(lib.rootDir, 'elsewhere/lake.jpg'), readFileSync(join(lib.rootDir, 'elsewhere/lake.jpg')));

      const result = await scanPhotos(lib.context(), pool);
      assert.equal(result.relinked, 1);
      assert.equal(result.added, 0);
      assert.equal(result.hashed, 1);
      assert.equal(count(lib, 'SELECT count(*) FROM photos'), photos, 'not a new photo');
      const after = fileAt(lib, 'elsewhere/lake.jpg')!;
      assert.equal(after.hash, before.hash);
      assert.equal(after.missing, 0);
      const relinked = photoOf(lib, after.hash)!;
      assert.equal(relinked.image_hash, photo.image_hash);
      assert.equal(relinked.rating, 4);
      assert.equal(relinked.caption, 'Lake');
      assert.equal(fileAt(lib, 'jpg/Canon_40D.jpg'), undefined);
    } finally {
      lib.cleanup();
    }
  });

  it('restores a trashed photo whose missing file reappears, and re-checks its other files', async () => {
    const lib = makeLibrary();
    try {
      await scanPhotos(lib.context(), pool);
      const jpg = fileAt(lib, 'raw/Nikon.jpg')!;
      const photo = photoOf(lib, jpg.hash)!;
      lib.db.prepare("UPDATE photos SET in_trashcan = 1, trashed_at = '2024-01-01T00:00:00Z' WHERE image_hash = ?").run(photo.image_hash);
      // All three files leave the library; Scan for Missing flags them.
      mkdirSync(join(lib.dir, 'away'));
      for (const name of ['Nikon.jpg', 'Nikon.nef', 'Nikon.xmp']) renameSync(join(lib.rootDir, 'raw', name), join(lib.dir, 'away', name));
      await scanMissing(lib.context());
      assert.equal(photoOf(lib, jpg.hash)?.availability, 'missing');
      // The JPEG comes back elsewhere, the NEF at its old place; the XMP stays away.
      mkdirSync(join(lib.rootDir, 'back'));
      renameSync(join(lib.dir, 'away/Nikon.jpg'), join(lib.rootDir, 'back/nikon-again.jpg'));
      renameSync(join(lib.dir, 'away/Nikon.nef'), join(lib.rootDir, 'raw/Nikon.nef'));
      const result = await scanPhotos(lib.context(), pool);
      assert.equal(result.restored_from_trash, 1);
      assert.equal(result.relinked, 2, 'the JPEG by its hash, the NEF at its old path');
      const restored = photoOf(lib, jpg.hash)!;
      assert.equal(restored.in_trashcan, 0);
      assert.equal(restored.availability, 'present');
      assert.equal(restored.main_file, jpg.hash);
      assert.equal(fileAt(lib, 'raw/Nikon.nef')?.missing, 0);
      assert.equal(fileAt(lib, 'raw/Nikon.xmp')?.missing, 1, 'the sidecar is still away');
    } finally {
      lib.cleanup();
    }
  });

  it('records a copy in file_copies and never flips the file between the two paths', async () => {
    const lib = makeLibrary();
    try {
      await scanPhotos(lib.context(), pool);
      const original = fileAt(lib, 'jpg/Canon_40D.jpg')!;
      copyFileSync(join(lib.rootDir, 'jpg/Canon_40D.jpg'), join(lib.rootDir, 'copy-of-canon.jpg'));
      const first = await scanPhotos(lib.context(), pool);
      assert.equal(first.hashed, 1);
      assert.equal(first.relinked, 0);
      assert.equal(count(lib, 'SELECT count(*) FROM file_copies WHERE hash = ?', original.hash), 1);
      assert.equal(fileAt(lib, 'jpg/Canon_40D.jpg')?.hash, original.hash, 'the file keeps its path');
      const second = await scanPhotos(lib.context(), pool);
      assert.equal(second.hashed, 0);
      assert.equal(second.relinked, 0);
      assert.equal(fileAt(lib, 'jpg/Canon_40D.jpg')?.hash, original.hash);
      // The original goes: Scan for Missing moves the file to its copy instead of losing it.
      rmSync(join(lib.rootDir, 'jpg/Canon_40D.jpg'));
      const missing = await scanMissing(lib.context());
      assert.equal(missing.newly_missing, 0);
      assert.equal(one<{ path: string }>(lib, 'SELECT path FROM files WHERE hash = ?', original.hash).path, join(lib.rootDir, 'copy-of-canon.jpg'));
      assert.equal(photoOf(lib, original.hash)?.availability, 'present');
    } finally {
      lib.cleanup();
    }
  });

  it('keeps the photo when its file is edited in place, and joins a RAW and a sidecar that come later', async () => {
    const lib = makeTempLibrary({ files: { 'a/IMG_1.jpg': 'exif-samples/jpg/Canon_40D.jpg', 'b/IMG_2.xmp': 'exiftool-samples/XMP.xmp' } });
    try {
      await scanPhotos(lib.context(), pool);
      const before = fileAt(lib, 'a/IMG_1.jpg')!;
      lib.db.prepare("UPDATE photos SET rating = 5 WHERE image_hash = ?").run(before.hash);
      assert.equal(photoOf(lib, fileAt(lib, 'b/IMG_2.xmp')!.hash), undefined, 'a lone sidecar has no photo yet');
      copyFileSync(join(CORPUS_DIR, 'exif-samples/jpg/Nikon_D70.jpg'), join(lib.rootDir, 'a/IMG_1.jpg'));
      lib.copy('exiftool-samples/Nikon.nef', 'a/IMG_1.nef');
      lib.copy('exiftool-samples/Nikon.jpg', 'b/IMG_2.jpg');
      const result = await scanPhotos(lib.context(), pool);
      assert.equal(result.hashed, 3);
      const edited = fileAt(lib, 'a/IMG_1.jpg')!;
      assert.notEqual(edited.hash, before.hash);
      const photo = photoOf(lib, edited.hash)!;
      assert.equal(photo.image_hash, before.hash, 'same photo');
      assert.equal(photo.rating, 5);
      assert.equal(photo.main_file, edited.hash);
      assert.equal(photoOf(lib, fileAt(lib, 'a/IMG_1.nef')!.hash)?.image_hash, before.hash, 'the RAW joins the JPEG');
      const second = photoOf(lib, fileAt(lib, 'b/IMG_2.jpg')!.hash)!;
      assert.equal(photoOf(lib, fileAt(lib, 'b/IMG_2.xmp')!.hash)?.image_hash, second.image_hash, 'the JPEG adopts its sidecar');
      assert.equal(count(lib, 'SELECT count(*) FROM photos'), 2);
    } finally {
      lib.cleanup();
    }
  });

  it('skips roots that are not online and counts them', async () => {
    const lib = makeTempLibrary({ files: { 'one.jpg': 'exif-samples/jpg/Canon_40D.jpg' } });
    try {
      lib.addRoot(join(lib.dir, 'unplugged-drive'), { create: false });
      const result = await scanPhotos(lib.context(), pool);
      assert.equal(result.skipped_roots, 1);
      assert.equal(result.added, 1);
    } finally {
      lib.cleanup();
    }
  });

  it('counts an unreadable folder and a file gone before hashing as errors and scans the rest', async () => {
    const lib = makeLibrary();
    try {
      const locked = join(lib.rootDir, 'raw');
      const vanishing = join(lib.rootDir, 'jpg/Canon_40D.jpg');
      // Running as root bypasses permissions, so permission denied is injected at the walk's door.
      const result = await scanPhotos(lib.context(), pool, {
        walkFs: {
          opendir(path) {
            if (path === locked) throw Object.assign(new Error(`EACCES: permission denied, opendir '${path}'`), { code: 'EACCES' });
            return opendirSync(path, { bufferSize: 256 });
          },
          stat(path) {
            const info = statSync(path, { throwIfNoEntry: false });
            if (path === vanishing) rmSync(path); // deleted between the walk and the hashing worker
            return info;
          },
        },
      });
      assert.equal(result.errors >= 2, true);
      assert.equal(fileAt(lib, 'raw/Nikon.jpg'), undefined);
      assert.equal(fileAt(lib, 'jpg/Canon_40D.jpg'), undefined);
      assert.ok(fileAt(lib, 'jpg/corrupted.jpg'));
      assert.equal(result.added, TRACKED - 6 - 1);
    } finally {
      lib.cleanup();
    }
  });

  it('stops promptly when cancelled and leaves a consistent database that a rescan completes', async () => {
    const lib = makeTempLibrary();
    try {
      cpSync(join(CORPUS_DIR, 'exif-samples'), join(lib.rootDir, 'a'), { recursive: true });
      cpSync(join(CORPUS_DIR, 'exiftool-samples'), join(lib.rootDir, 'b'), { recursive: true });
      const controller = new AbortController();
      let commits = 0;
      const ctx = lib.context({
        signal: controller.signal,
        onProgress: (phase) => {
          if (phase === 'import' && ++commits === 3) controller.abort();
        },
      });
      await assert.rejects(scanPhotos(ctx, pool), (error: Error) => error.name === 'AbortError');
      assert.deepEqual(lib.db.pragma('foreign_key_check'), []);
      assert.equal(count(lib, 'SELECT count(*) FROM photos WHERE main_file IS NULL'), 0);
      assert.equal(count(lib, 'SELECT count(*) FROM photos p WHERE NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.image_hash = p.image_hash)'), 0);
      assert.equal(count(lib, 'SELECT num_photos FROM library_counts'), count(lib, 'SELECT count(*) FROM photos'));
      const partial = count(lib, 'SELECT count(*) FROM files');
      assert.ok(partial < 150, `cancelled before the end (${partial} files)`);
      const rest = await scanPhotos(lib.context(), pool);
      const total = count(lib, 'SELECT count(*) FROM files');
      assert.equal(rest.added, total - partial);
      assert.equal(count(lib, "SELECT count(*) FROM photos WHERE availability <> 'present'"), 0);
      // The interrupted scan's photos got their thumbnails too.
      assert.equal(count(lib, "SELECT count(*) FROM photos p JOIN files f ON f.hash = p.main_file WHERE p.has_thumbnail = 0 AND f.error IS NULL AND f.type = 'IMAGE'"), 0);
      assert.equal(count(lib, 'SELECT count(*) FROM photos WHERE needs_describe = 1'), 0, 'no photo is left waiting for its description');
    } finally {
      lib.cleanup();
    }
  });

  it('records a file named like a photo that starts like no image format as undecodable, without decoding it', async () => {
    const lib = makeTempLibrary();
    try {
      writeFileSync(join(lib.rootDir, 'noise.jpg'), randomBytes(64 * 1024));
      copyFileSync(join(CORPUS_DIR, 'exif-samples/jpg/Canon_40D.jpg'), join(lib.rootDir, 'real.jpg'));
      const result = await scanPhotos(lib.context(), pool);
      assert.equal(result.added, 2);
      assert.equal(result.errors, 1, 'the undecodable file is counted as an error');
      assert.equal(count(lib, "SELECT count(*) FROM photos WHERE availability = 'present'"), 2, 'both photos are present (as inserted: no refresh needed)');
      assert.equal(count(lib, 'SELECT num_photos - num_missing - num_offline FROM library_counts'), 2);
      const rows = lib.db.prepare(`SELECT f.path, f.error, p.has_thumbnail, p.needs_describe FROM files f JOIN photos p ON p.main_file = f.hash ORDER BY f.path`).all() as { path: string; error: string | null; has_thumbnail: number; needs_describe: number }[];
      assert.deepEqual(rows.map((row) => [row.path.endsWith('noise.jpg'), row.error, row.has_thumbnail, row.needs_describe]), [
        [true, 'cannot decode: not a known image format', 0, 0],
        [false, null, 1, 0],
      ]);
    } finally {
      lib.cleanup();
    }
  });
});
