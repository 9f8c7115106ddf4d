import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createAlbum } from '../albums/albums.ts';
import { openDatabase, type Db } from '../db/open-database.ts';
import { counterValues, makeTempDir, realCounts, seedFile, seedLibrary, seedPhoto, seedThumbnail } from '../../../test/support/seed-database.ts';
import { addFace } from '../faces/faces.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import { deleteMissing, previewDeleteMissing } from './delete-missing.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;
const now = new Date('2025-05-01T10:00:00Z');

const context = (db: Db, dataDir: string, libraryId: number): JobContext => ({
  db,
  dataDir,
  libraryId,
  jobId: `job-${++n}`,
  signal: new AbortController().signal,
  now: () => now,
  progress: () => {},
});

/** Two libraries with present, missing, offline and linked photos; every kind of album; faces; thumbnails. */
function world() {
  const dataDir = join(temp.dir, `data-${++n}`);
  const db = openDatabase(join(temp.dir, `delete-${n}.sqlite`));
  const aDir = join(dataDir, 'a-root');
  const usbDir = join(dataDir, 'usb-root');
  const bDir = join(dataDir, 'b-root');
  for (const dir of [aDir, usbDir, bDir]) mkdirSync(dir, { recursive: true });
  const a = seedLibrary(db, 'A', aDir);
  const usb = Number(db.prepare('INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, ?)').run(a.libraryId, usbDir, 'x').lastInsertRowid);
  const b = seedLibrary(db, 'B', bDir);
  const opts = { hasThumbnail: true };
  const present = seedPhoto(db, a.libraryId, [{ path: `${aDir}/p.jpg`, rootId: a.rootId }, { path: `${aDir}/p.xmp`, rootId: a.rootId, type: 'METADATA_FILE' }], opts);
  const withMissingRaw = seedPhoto(db, a.libraryId, [{ path: `${aDir}/q.jpg`, rootId: a.rootId }, { path: `${aDir}/q.cr2`, rootId: a.rootId, type: 'RAW_FILE', missing: true }], opts);
  const missing1 = seedPhoto(db, a.libraryId, [{ path: `${aDir}/m1.jpg`, rootId: a.rootId, missing: true }, { path: `${aDir}/m1.xmp`, rootId: a.rootId, type: 'METADATA_FILE', missing: true }], opts);
  const missing2 = seedPhoto(db, a.libraryId, [], { ...opts, mainFile: null });
  const offline = seedPhoto(db, a.libraryId, [{ path: `${usbDir}/o.jpg`, rootId: usb }], opts);
  const orphanMissingFile = seedFile(db, a.libraryId, { path: `${aDir}/orphan.jpg`, rootId: a.rootId, missing: true });
  const bMissing = seedPhoto(db, b.libraryId, [{ path: `${bDir}/bm.jpg`, rootId: b.rootId, missing: true }], opts);
  const bNoMain = seedPhoto(db, b.libraryId, [], { ...opts, mainFile: null });
  const bPresent = seedPhoto(db, b.libraryId, [{ path: `${bDir}/bp.jpg`, rootId: b.rootId }], opts);
  // The usb drive is unplugged: its folder is gone, so the probe finds the root offline.
  db.prepare("UPDATE roots SET state = 'offline' WHERE id = ?").run(usb);
  refreshAvailability(db, a.libraryId);
  rmSync(usbDir, { recursive: true });

  const all = [present, withMissingRaw, missing1, missing2, offline, bMissing, bNoMain, bPresent];
  for (const photo of all) seedThumbnail(dataDir, photo.imageHash);
  for (const photo of all) addFace(db, photo.imageHash, { x: 0, y: 0, w: 0.5, h: 0.5 }, 'someone');
  addFace(db, missing1.imageHash, { x: 0.5, y: 0.5, w: 0.5, h: 0.5 }, 'someone else');
  const link = db.prepare('INSERT INTO album_photos (album_id, image_hash) VALUES (?, ?)');
  for (const kind of ['date', 'thing', 'place', 'user'] as const) {
    const albumA = createAlbum(db, a.libraryId, `A ${kind}`, now, kind);
    for (const photo of [present, missing1, missing2, offline]) link.run(albumA.id, photo.imageHash);
    const albumB = createAlbum(db, b.libraryId, `B ${kind}`, now, kind);
    for (const photo of [bMissing, bNoMain, bPresent]) link.run(albumB.id, photo.imageHash);
  }
  return { db, dataDir, a, b, present, withMissingRaw, missing1, missing2, offline, orphanMissingFile, bMissing, bNoMain, bPresent, all };
}

const hashesOf = (db: Db, sql: string, ...params: unknown[]): string[] => (db.prepare(sql).pluck().all(...params) as string[]).sort();

describe('Delete Missing Photos', () => {
  it('removes exactly the missing photos of the library with their faces, album links, missing file records and thumbnails', async () => {
    const w = world();
    const { db } = w;
    const preview = await previewDeleteMissing(db, w.a.libraryId, false, now);
    const result = await deleteMissing(context(db, w.dataDir, w.a.libraryId), { includeOffline: false });
    assert.equal(result.status, true);
    assert.match(result.job_id, /^job-/);
    assert.deepEqual(result.removed, {
      photos: 2,
      faces: 3, // missing1 has two, missing2 one
      album_links: 8, // two photos × four album kinds
      files: 3, // m1.jpg, m1.xmp and the orphan missing file
      thumbnails: 2,
      offline_photos: 0,
    });
    assert.deepEqual(preview, { ...result.removed, offline_photos: 1 }, 'the preview announced exactly this');

    // Gone: the two missing photos and what hung on them.
    const doomed = [w.missing1.imageHash, w.missing2.imageHash];
    for (const hash of doomed) {
      assert.equal(db.prepare('SELECT 1 FROM photos WHERE image_hash = ?').get(hash), undefined);
      assert.equal(db.prepare('SELECT 1 FROM faces WHERE image_hash = ?').get(hash), undefined);
      assert.equal(db.prepare('SELECT 1 FROM album_photos WHERE image_hash = ?').get(hash), undefined);
      assert.equal(existsSync(thumbnailPath(w.dataDir, hash)), false);
    }
    for (const fileHash of [...w.missing1.fileHashes, w.orphanMissingFile]) assert.equal(db.prepare('SELECT 1 FROM files WHERE hash = ?').get(fileHash), undefined);

    // Kept: everything else, in both libraries.
    const survivors = w.all.filter((photo) => !doomed.includes(photo.imageHash));
    assert.deepEqual(hashesOf(db, 'SELECT image_hash FROM photos'), survivors.map((p) => p.imageHash).sort());
    assert.deepEqual(hashesOf(db, 'SELECT image_hash FROM faces'), survivors.map((p) => p.imageHash).sort());
    for (const photo of survivors) assert.equal(existsSync(thumbnailPath(w.dataDir, photo.imageHash)), true);
    assert.equal(db.prepare('SELECT COUNT(*) FROM album_photos').pluck().get(), 4 * 2 + 4 * 3);
    // The surviving photo's missing RAW stays linked (it may come back); the offline photo's file stays.
    assert.ok(db.prepare('SELECT 1 FROM files WHERE hash = ?').get(w.withMissingRaw.fileHashes[1]));
    assert.ok(db.prepare('SELECT 1 FROM files WHERE hash = ?').get(w.offline.fileHashes[0]));
    assert.equal(db.prepare('SELECT COUNT(*) FROM files WHERE library_id = ?').pluck().get(w.b.libraryId), 2);
    for (const library of [w.a, w.b]) assert.deepEqual(counterValues(db, library.libraryId), realCounts(db, library.libraryId));
    // Deleted with foreign keys off for speed: nothing dangles, and enforcement is back on.
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);

    // Running it again removes nothing more.
    const again = await deleteMissing(context(db, w.dataDir, w.a.libraryId), { includeOffline: false });
    assert.deepEqual(again.removed, { photos: 0, faces: 0, album_links: 0, files: 0, thumbnails: 0, offline_photos: 0 });
  });

  it('removes offline photos only when the user included them', async () => {
    const w = world();
    const preview = await previewDeleteMissing(w.db, w.a.libraryId, true, now);
    assert.equal(preview.photos, 3);
    assert.equal(preview.offline_photos, 1);
    const result = await deleteMissing(context(w.db, w.dataDir, w.a.libraryId), { includeOffline: true });
    assert.equal(result.removed.photos, 3);
    assert.equal(result.removed.offline_photos, 1);
    assert.equal(w.db.prepare('SELECT 1 FROM photos WHERE image_hash = ?').get(w.offline.imageHash), undefined);
    assert.equal(w.db.prepare('SELECT 1 FROM files WHERE hash = ?').get(w.offline.fileHashes[0]), undefined);
    assert.deepEqual(hashesOf(w.db, 'SELECT image_hash FROM photos WHERE library_id = ?', w.a.libraryId), [w.present.imageHash, w.withMissingRaw.imageHash].sort());
  });

  it('never deletes photos whose root has just gone offline (probed first), even if it still says online', async () => {
    const dataDir = join(temp.dir, `probe-${++n}`);
    const root = join(dataDir, 'root');
    mkdirSync(root, { recursive: true });
    const db = openDatabase(join(temp.dir, `probe-${n}.sqlite`));
    const lib = seedLibrary(db, 'P', root);
    const photo = seedPhoto(db, lib.libraryId, [{ path: `${root}/a.jpg`, rootId: lib.rootId, missing: true }]);
    rmSync(root, { recursive: true }); // the drive was unplugged after the files were flagged
    const result = await deleteMissing(context(db, dataDir, lib.libraryId), { includeOffline: false });
    assert.equal(result.removed.photos, 0);
    assert.ok(db.prepare('SELECT 1 FROM photos WHERE image_hash = ?').get(photo.imageHash));
    assert.equal(db.prepare('SELECT availability FROM photos WHERE image_hash = ?').pluck().get(photo.imageHash), 'offline');
  });
});
