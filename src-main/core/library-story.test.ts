/**
 * The whole story, after LibrePhotos' own test plan, on real photos copied from the shared corpus and
 * driven through the same handlers the app and the CLI use: create photos with files; remove files
 * outside the app; scan for missing; check they are flagged; put them back elsewhere and rescan;
 * check they are relinked with their metadata; remove again and delete; check that all that must go
 * is gone, and nothing else.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PhotoSummary, ScanResult } from '../../src-shared/domain.ts';
import { addFace } from './faces/faces.ts';
import { openKeepsake, type Keepsake } from './keepsake.ts';
import { thumbnailPath } from './thumbnails/thumbnail-path.ts';
import { corpusFile } from '../../test/support/temp-library.ts';

/** The photo under test: a JPEG with its RAW and XMP sidecar (one photo), and a video. */
const TRIP = {
  'canon.jpg': 'exif-samples/jpg/Canon_40D.jpg',
  'canon.cr2': 'exiftool-samples/CanonRaw.cr2',
  'canon.xmp': 'exiftool-samples/XMP.xmp',
  'clip.mp4': 'video/clip-h264.mp4',
};

describe('library story: scan, lose, relink, delete', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-story-'));
  const dataDir = join(dir, 'data');
  const root = join(dir, 'photos');
  const otherRoot = join(dir, 'other-library');
  const put = (folder: string, files: Record<string, string>): void => {
    for (const [name, source] of Object.entries(files)) {
      mkdirSync(folder, { recursive: true });
      copyFileSync(corpusFile(source), join(folder, name));
    }
  };
  let core: Keepsake;
  let libraryId = 0;
  let otherLibraryId = 0;
  let photo: PhotoSummary; // canon.jpg + .cr2 + .xmp
  let video: PhotoSummary;
  let keeper: PhotoSummary; // stays present all along
  let otherPhotos: string[] = [];
  let userAlbumId = 0;
  let dateAlbumId = 0;
  let faceId = 0;

  const scan = async (type: 'scan_photos' | 'scan_missing', id = libraryId) => {
    const { jobId } = await core.handlers['jobs.start']({ type, libraryId: id });
    const record = await core.waitForJob(jobId);
    assert.equal(record.status, 'succeeded', `${type} failed: ${record.error}`);
    return record;
  };
  const listAll = async (): Promise<PhotoSummary[]> => [...(await core.handlers['photos.list']({ libraryId, view: 'all', offset: 0, limit: 500 })).items];
  const byPath = (photos: PhotoSummary[], name: string): PhotoSummary | undefined => photos.find((p) => p.mainPath?.endsWith(`/${name}`));
  const missingHashes = async () => (await core.handlers['missing.list']({ libraryId, kind: 'missing', offset: 0, limit: 500 })).items.map((p) => p.imageHash).sort();

  before(async () => {
    put(join(root, 'trip'), TRIP);
    put(join(root, 'keep'), { 'nikon.jpg': 'exif-samples/jpg/Nikon_D70.jpg' });
    put(otherRoot, { 'canon.jpg': 'exif-samples/jpg/Canon_40D.jpg', 'clip.mp4': 'video/clip-h264.mp4' });
    core = openKeepsake({ dataDir, workers: 2 });
  });
  after(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds two libraries and scans them', async () => {
    libraryId = (await core.handlers['libraries.add']({ name: 'Family', folders: [root] })).id;
    otherLibraryId = (await core.handlers['libraries.add']({ name: 'Other', folders: [otherRoot] })).id;
    const record = await scan('scan_photos');
    const result = record.result as ScanResult;
    assert.ok(result.added >= 3, `added ${result.added}`);
    assert.equal(result.missing, 0);
    await scan('scan_photos', otherLibraryId);
    const photos = await listAll();
    photo = byPath(photos, 'canon.jpg')!;
    video = byPath(photos, 'clip.mp4')!;
    keeper = byPath(photos, 'nikon.jpg')!;
    assert.ok(photo && video && keeper, 'each photo was found');
    const detail = await core.handlers['photos.get']({ imageHash: photo.imageHash });
    assert.deepEqual(detail.files.map((f) => f.path.split('/').pop()).sort(), ['canon.cr2', 'canon.jpg', 'canon.xmp'], 'RAW and XMP joined the JPEG');
    assert.ok(existsSync(thumbnailPath(dataDir, photo.imageHash)), 'the thumbnail was made');
    otherPhotos = (await core.handlers['photos.list']({ libraryId: otherLibraryId, view: 'all', offset: 0, limit: 50 })).items.map((p) => p.imageHash).sort();
    assert.equal(otherPhotos.length, 2);
    const stats = await core.handlers['stats.get']({ libraryId });
    assert.ok(stats.libraries[0]?.last_scan_at !== null);
  });

  it('keeps a rating, caption, user album, face and date album on the photo', async () => {
    const h = core.handlers;
    await h['photos.setRating']({ imageHash: photo.imageHash, rating: 4 });
    await h['photos.setCaption']({ imageHash: photo.imageHash, caption: 'Lake, summer 2008' });
    userAlbumId = (await h['albums.create']({ libraryId, title: 'Holidays' })).id;
    await h['albums.addPhotos']({ albumId: userAlbumId, imageHashes: [photo.imageHash, video.imageHash, keeper.imageHash] });
    faceId = addFace(core.db, photo.imageHash, { x: 0.4, y: 0.2, w: 0.1, h: 0.15 }, 'Aunt Ilse').id;
    addFace(core.db, video.imageHash, { x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, null);
    addFace(core.db, keeper.imageHash, { x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, 'Keeper');
    dateAlbumId = Number(core.db.prepare("INSERT INTO albums (library_id, kind, title, created_at) VALUES (?, 'date', '2008-05-30', 'x')").run(libraryId).lastInsertRowid);
    core.db.prepare('INSERT INTO album_photos (album_id, image_hash) VALUES (?, ?), (?, ?)').run(dateAlbumId, photo.imageHash, dateAlbumId, keeper.imageHash);
    await h['photos.trash']({ imageHashes: [video.imageHash] });
  });

  it('flags the photos whose files were removed outside the app', async () => {
    rmSync(join(root, 'trip'), { recursive: true });
    const record = await scan('scan_missing');
    assert.ok((record.result as { newly_missing: number }).newly_missing >= 4);
    assert.deepEqual(await missingHashes(), [photo.imageHash, video.imageHash].sort());
    const listed = await core.handlers['missing.list']({ libraryId, kind: 'missing', offset: 0, limit: 10 });
    const entry = listed.items.find((p) => p.imageHash === photo.imageHash)!;
    assert.deepEqual(entry.labels, ['Missing']);
    assert.equal(entry.lastKnownPath, join(root, 'trip', 'canon.jpg'));
    assert.ok(entry.missingSince !== null);
    assert.deepEqual(byPath(await listAll(), 'canon.jpg')?.labels, ['Missing']);
    assert.equal((await core.handlers['stats.get']({ libraryId })).libraries[0]?.num_missing_photos, 2);
    assert.equal((await core.handlers['stats.get']({ libraryId: otherLibraryId })).libraries[0]?.num_missing_photos, 0);
  });

  describe('relinked after the files come back in another folder', () => {
    let result: ScanResult;
    before(async () => {
      put(join(root, 'moved', 'elsewhere'), TRIP);
      result = (await scan('scan_photos')).result as ScanResult;
    });
    const current = () => core.handlers['photos.get']({ imageHash: photo.imageHash });

    it('by hash: the same photo, present again, with its files at the new paths', async () => {
      assert.ok(result.relinked >= 1, `relinked ${result.relinked}`);
      assert.equal(result.missing, 0, 'the Scan for Missing phase found nothing missing');
      const detail = await current();
      assert.equal(detail.imageHash, photo.imageHash);
      assert.equal(detail.availability, 'present');
      assert.deepEqual(detail.labels, []);
      assert.equal(detail.mainPath, join(root, 'moved', 'elsewhere', 'canon.jpg'));
      assert.deepEqual(await missingHashes(), []);
    });
    it('keeps the rating', async () => assert.equal((await current()).rating, 4));
    it('keeps the caption', async () => assert.equal((await current()).caption, 'Lake, summer 2008'));
    it('keeps the face', async () => assert.deepEqual((await current()).faces.map((f) => [f.id, f.name]), [[faceId, 'Aunt Ilse']]));
    it('keeps the user album membership', async () => assert.ok((await current()).albums.some((a) => a.id === userAlbumId)));
    it('keeps the date album membership', async () => assert.ok((await current()).albums.some((a) => a.id === dateAlbumId)));
    it('takes the relinked video out of the trash', async () => {
      const detail = await core.handlers['photos.get']({ imageHash: video.imageHash });
      assert.equal(detail.inTrash, false);
      assert.equal(detail.availability, 'present');
    });
  });

  it('Delete Missing removes exactly the missing photos with faces, album links, files and thumbnails', async () => {
    rmSync(join(root, 'moved'), { recursive: true });
    await scan('scan_missing');
    const doomed = [photo.imageHash, video.imageHash];
    assert.deepEqual(await missingHashes(), [...doomed].sort());
    const fileHashes = (await core.handlers['photos.get']({ imageHash: photo.imageHash })).files.map((f) => f.hash);
    const preview = await core.handlers['missing.deletePreview']({ libraryId, includeOffline: false });
    assert.equal(preview.photos, 2);
    assert.equal(preview.faces, 2);
    assert.equal(preview.album_links, 5); // photo: user + date + the two keywords its sidecar (XMP.xmp) gave it; video: user

    const thumbnailsBefore = doomed.filter((hash) => existsSync(thumbnailPath(dataDir, hash))).length;
    assert.ok(thumbnailsBefore >= 1, 'the JPEG had a thumbnail to remove');
    const otherThumbnails = otherPhotos.filter((hash) => existsSync(thumbnailPath(dataDir, hash)));
    assert.ok(otherThumbnails.length >= 1);

    const { jobId } = await core.handlers['jobs.start']({ type: 'delete_missing', libraryId, confirmed: true, includeOffline: false });
    const record = await core.waitForJob(jobId);
    assert.equal(record.status, 'succeeded');
    assert.equal(record.typeCode, 5);
    assert.deepEqual(record.result, { status: true, job_id: jobId, removed: { ...preview, thumbnails: thumbnailsBefore } });

    const db = core.db;
    for (const hash of doomed) {
      assert.equal(db.prepare('SELECT 1 FROM photos WHERE image_hash = ?').get(hash), undefined, 'photo gone');
      assert.equal(db.prepare('SELECT 1 FROM faces WHERE image_hash = ?').get(hash), undefined, 'faces gone');
      assert.equal(db.prepare('SELECT 1 FROM album_photos WHERE image_hash = ?').get(hash), undefined, 'album links gone');
      assert.equal(existsSync(thumbnailPath(dataDir, hash)), false, 'thumbnail gone');
    }
    for (const hash of fileHashes) assert.equal(db.prepare('SELECT 1 FROM files WHERE hash = ?').get(hash), undefined, 'file record gone');
    assert.equal(db.prepare('SELECT COUNT(*) FROM files WHERE library_id = ? AND missing = 1').pluck().get(libraryId), 0);

    // Nothing else: the present photo with its face, albums and thumbnail; the other library entire.
    const keep = await core.handlers['photos.get']({ imageHash: keeper.imageHash });
    assert.equal(keep.availability, 'present');
    assert.deepEqual(keep.faces.map((f) => f.name), ['Keeper']);
    assert.deepEqual(keep.albums.map((a) => a.id).sort(), [userAlbumId, dateAlbumId].sort());
    assert.ok(existsSync(thumbnailPath(dataDir, keeper.imageHash)));
    assert.deepEqual((await listAll()).map((p) => p.imageHash), [keeper.imageHash]);
    const other = (await core.handlers['photos.list']({ libraryId: otherLibraryId, view: 'all', offset: 0, limit: 50 })).items.map((p) => p.imageHash).sort();
    assert.deepEqual(other, otherPhotos);
    for (const hash of otherThumbnails) assert.ok(existsSync(thumbnailPath(dataDir, hash)), "the other library's thumbnails stay");
    const stats = await core.handlers['stats.get']({});
    assert.equal(stats.libraries.find((l) => l.library_id === libraryId)?.num_photos, 1);
    assert.equal(stats.libraries.find((l) => l.library_id === libraryId)?.num_missing_photos, 0);
    assert.equal(stats.libraries.find((l) => l.library_id === otherLibraryId)?.num_photos, 2);
  });

  it('Scan Photos runs Scan for Missing by itself: a file removed before a scan is flagged by that scan', async () => {
    rmSync(join(root, 'keep', 'nikon.jpg'));
    const result = (await scan('scan_photos')).result as ScanResult;
    assert.equal(result.missing, 1, 'the scan counts the missing file its second phase found');
    assert.deepEqual(await missingHashes(), [keeper.imageHash]);
    const jobs = await core.handlers['jobs.list']({ libraryId, limit: 1 });
    assert.equal(jobs[0]?.type, 'scan_photos', 'one job, not a second one queued behind it');
  });
});
