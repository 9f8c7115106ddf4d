import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addPhotosToAlbum, createAlbum } from '../albums/albums.ts';
import { openDatabase, type Db } from '../db/open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto, seedThumbnail } from '../../../test/support/seed-database.ts';
import { isCoreError } from '../errors.ts';
import { addFace } from '../faces/faces.ts';
import { refreshAvailability } from './availability.ts';
import { deletePhotosForever } from './delete-forever.ts';
import { restorePhotos, setCaption, setRating, trashPhotos } from './photo-edits.ts';
import { getPhotoDetail, listPhotos } from './photo-queries.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;
const now = new Date('2025-05-01T10:00:00Z');
const fresh = (): Db => openDatabase(join(temp.dir, `photos-${++n}.sqlite`));
const all = { view: 'all' as const, offset: 0, limit: 100 };

describe('photo list', () => {
  it('orders by capture time (newest first, none last), then added time, and pages', () => {
    const db = fresh();
    const { libraryId, rootId } = seedLibrary(db, 'L', '/l');
    const photo = (name: string, capturedAt: string | null, addedAt: string) => seedPhoto(db, libraryId, [{ path: `/l/${name}`, rootId }], { capturedAt, addedAt }).imageHash;
    const old = photo('old.jpg', '2001-01-01T00:00:00', '2024-01-05T00:00:00Z');
    const none1 = photo('none1.jpg', null, '2024-01-01T00:00:00Z');
    const recent = photo('recent.jpg', '2023-06-01T00:00:00', '2024-01-01T00:00:00Z');
    const none2 = photo('none2.jpg', null, '2024-01-09T00:00:00Z');
    const page = listPhotos(db, { libraryId, ...all });
    assert.equal(page.total, 4);
    assert.deepEqual(page.items.map((p) => p.imageHash), [recent, old, none2, none1]);
    const second = listPhotos(db, { libraryId, view: 'all', offset: 2, limit: 1 });
    assert.deepEqual(second.items.map((p) => p.imageHash), [none2]);
    assert.equal(second.total, 4);
    assert.equal(second.offset, 2);
  });

  it('labels missing photos ["Missing"] and offline ones ["Offline"] with the drive name', () => {
    const db = fresh();
    const { libraryId, rootId } = seedLibrary(db, 'L', '/media/usb/photos');
    const present = seedPhoto(db, libraryId, [{ path: '/media/usb/photos/a.jpg', rootId }]).imageHash;
    const missing = seedPhoto(db, libraryId, [{ path: '/media/usb/photos/b.jpg', rootId, missing: true }]).imageHash;
    const byHash = () => Object.fromEntries(listPhotos(db, { libraryId, ...all }).items.map((p) => [p.imageHash, p]));
    assert.deepEqual(byHash()[present]?.labels, []);
    assert.deepEqual(byHash()[missing]?.labels, ['Missing']);
    assert.equal(byHash()[missing]?.availability, 'missing');
    assert.equal(byHash()[missing]?.mainPath, '/media/usb/photos/b.jpg');

    db.prepare("UPDATE roots SET state = 'offline', volume_label = 'HOLIDAY-USB' WHERE id = ?").run(rootId);
    refreshAvailability(db, libraryId);
    const offline = byHash()[present]!;
    assert.deepEqual(offline.labels, ['Offline']);
    assert.equal(offline.driveName, 'HOLIDAY-USB');
    db.prepare('UPDATE roots SET volume_label = NULL WHERE id = ?').run(rootId);
    assert.equal(byHash()[present]?.driveName, '/media/usb/photos', 'without a label, the root path names the drive');
  });

  it('moves photos to the trash and back; the trash view lists them', () => {
    const db = fresh();
    const { libraryId, rootId } = seedLibrary(db, 'L', '/l');
    const a = seedPhoto(db, libraryId, [{ path: '/l/a.jpg', rootId }]).imageHash;
    const b = seedPhoto(db, libraryId, [{ path: '/l/b.jpg', rootId }]).imageHash;
    assert.deepEqual(trashPhotos(db, [a, a, 'ffffffffffffffffffffffffffffffff1'], now), { count: 1, libraryIds: [libraryId] });
    assert.deepEqual(listPhotos(db, { libraryId, ...all }).items.map((p) => p.imageHash), [b]);
    const trash = listPhotos(db, { libraryId, view: 'trash', offset: 0, limit: 10 });
    assert.deepEqual(trash.items.map((p) => [p.imageHash, p.inTrash]), [[a, true]]);
    assert.equal(db.prepare('SELECT trashed_at FROM photos WHERE image_hash = ?').pluck().get(a), now.toISOString());
    assert.equal(restorePhotos(db, [a, b]).count, 1);
    assert.equal(listPhotos(db, { libraryId, ...all }).total, 2);
  });

  it('sets rating and caption, refusing an unknown photo with not_found', () => {
    const db = fresh();
    const { libraryId, rootId } = seedLibrary(db, 'L', '/l');
    const a = seedPhoto(db, libraryId, [{ path: '/l/a.jpg', rootId }]).imageHash;
    assert.equal(setRating(db, a, 5).rating, 5);
    assert.equal(setCaption(db, a, 'Grandma at the lake').caption, 'Grandma at the lake');
    assert.throws(() => setRating(db, 'ffffffffffffffffffffffffffffffff1', 3), (e) => isCoreError(e) && e.code === 'not_found');
  });

  it('gives a photo with its files (main first), faces and albums', () => {
    const db = fresh();
    const { libraryId, rootId } = seedLibrary(db, 'L', '/l');
    const { imageHash, fileHashes } = seedPhoto(db, libraryId, [
      { path: '/l/a.jpg', rootId },
      { path: '/l/a.cr2', rootId, type: 'RAW_FILE', missing: true },
      { path: '/l/a.xmp', rootId, type: 'METADATA_FILE' },
    ]);
    const face = addFace(db, imageHash, { x: 0.1, y: 0.2, w: 0.3, h: 0.3 }, 'Ada');
    const album = createAlbum(db, libraryId, 'Summer', now);
    addPhotosToAlbum(db, album.id, [imageHash]);
    const detail = getPhotoDetail(db, imageHash);
    assert.deepEqual(detail.files.map((f) => [f.path, f.isMain, f.missing]), [
      ['/l/a.jpg', true, false],
      ['/l/a.cr2', false, true],
      ['/l/a.xmp', false, false],
    ]);
    assert.equal(detail.files[1]?.hash, fileHashes[1]);
    assert.deepEqual(detail.faces, [face]);
    assert.deepEqual(detail.albums.map((a) => [a.title, a.photoCount]), [['Summer', 1]]);
  });

  it('deletes photos forever with their file records, faces, album links and thumbnails, and nothing else', async () => {
    const db = fresh();
    const dataDir = join(temp.dir, `data-${n}`);
    const { libraryId, rootId } = seedLibrary(db, 'L', '/l');
    const gone = seedPhoto(db, libraryId, [{ path: '/l/a.jpg', rootId }, { path: '/l/a.xmp', rootId, type: 'METADATA_FILE' }], { hasThumbnail: true });
    const kept = seedPhoto(db, libraryId, [{ path: '/l/b.jpg', rootId }], { hasThumbnail: true });
    const thumbGone = seedThumbnail(dataDir, gone.imageHash);
    const thumbKept = seedThumbnail(dataDir, kept.imageHash);
    addFace(db, gone.imageHash, { x: 0, y: 0, w: 1, h: 1 });
    addFace(db, kept.imageHash, { x: 0, y: 0, w: 1, h: 1 });
    const album = createAlbum(db, libraryId, 'Both', now);
    addPhotosToAlbum(db, album.id, [gone.imageHash, kept.imageHash]);

    const result = await deletePhotosForever(db, dataDir, [gone.imageHash]);
    assert.equal(result.count, 1);
    assert.deepEqual(db.prepare('SELECT image_hash FROM photos').pluck().all(), [kept.imageHash]);
    assert.deepEqual(db.prepare('SELECT hash FROM files').pluck().all(), [kept.imageHash]);
    assert.deepEqual(db.prepare('SELECT image_hash FROM faces').pluck().all(), [kept.imageHash]);
    assert.deepEqual(db.prepare('SELECT image_hash FROM album_photos').pluck().all(), [kept.imageHash]);
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(existsSync(thumbGone), false);
    assert.equal(existsSync(thumbKept), true);
  });
});
