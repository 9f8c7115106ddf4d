/**
 * Removable drives end to end. Tests named "REAL MOUNT" mount real ext4 filesystem images (each with
 * its own UUID and label) through loop devices and unmount them, exactly like a USB drive being
 * plugged in and pulled; they need root and are skipped, saying why, where mounting is not permitted.
 * Tests named "SIMULATED" inject what a real mount cannot do on demand (a stat that never answers).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { ScanResult } from '../../../src-shared/domain.ts';
import { openDatabase, type Db } from '../db/open-database.ts';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { addLibrary } from '../library/libraries.ts';
import { deleteMissing } from '../missing/delete-missing.ts';
import { scanMissing } from '../missing/scan-missing.ts';
import { scanPhotos } from '../scan/scan-photos.ts';
import { locateFolder } from '../library/locate-folder.ts';
import { LoopDrive, loopMountSupport } from '../../../test/support/loop-drive.ts';
import { probeLibraryRoots } from './probe-root.ts';
import { markerPath, readRootMarker } from './root-marker.ts';
import { addToAlbumsOfAllKinds } from '../../../test/support/seed-scanned-files.ts';
import { configureVolumeProbing } from './volume-settings.ts';

const CORPUS = join(import.meta.dirname, '../../../../shared/corpus/exif-samples/jpg');
const PHOTOS = ['Canon_40D.jpg', 'Nikon_D70.jpg', 'Pentax_K10D.jpg', 'Kodak_CX7530.jpg'];

const support = loopMountSupport();

describe('removable drive: a drive that is not plugged in is never "missing"', { skip: support.ok ? false : support.reason }, () => {
  let base = '';
  let db: Db;
  let pool: FileWorkers;
  let libraryId = 0;
  let rootId = 0;
  const drives: LoopDrive[] = [];
  let usb: LoopDrive;
  let restoreSettings: () => void = () => undefined;
  let photoHashes: string[] = [];

  const ctx = (library = libraryId): JobContext => ({
    db,
    jobId: 'test-job',
    libraryId: library,
    dataDir: join(base, 'data'),
    signal: new AbortController().signal,
    now: () => new Date(),
    progress: () => undefined,
  });
  const counts = (library = libraryId) =>
    ({ ...(db.prepare('SELECT num_photos, num_missing, num_offline FROM library_counts WHERE library_id = ?').get(library) as object) }) as {
      num_photos: number;
      num_missing: number;
      num_offline: number;
    };
  const availabilities = (library = libraryId) =>
    db.prepare('SELECT DISTINCT availability FROM photos WHERE library_id = ?').pluck().all(library) as string[];
  const root = (id = rootId) =>
    db.prepare('SELECT path, state, marker_id, volume_uuid, volume_label, mount_point FROM roots WHERE id = ?').get(id) as {
      path: string;
      state: string;
      marker_id: string | null;
      volume_uuid: string | null;
      volume_label: string | null;
      mount_point: string | null;
    };
  const newDrive = (name: string, label: string) => {
    const drive = new LoopDrive(join(base, `${name}.img`), label);
    drives.push(drive);
    return drive;
  };

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'keepsake-drive-'));
    mkdirSync(join(base, 'data'));
    db = openDatabase(join(base, 'data', 'keepsake.db'));
    pool = createFileWorkers({ size: 2 });
    // Drives are looked for under this test's own /media, never the machine's.
    restoreSettings = configureVolumeProbing({ searchRoots: [join(base, 'media', '*')] });
    usb = newDrive('usb', 'KEEPSAKE_USB');
    usb.mount(join(base, 'media', 'usb'));
    for (const [i, name] of PHOTOS.entries()) {
      const folder = join(base, 'media', 'usb', 'Photos', i < 2 ? '2019' : '2020');
      mkdirSync(folder, { recursive: true });
      copyFileSync(join(CORPUS, name), join(folder, name));
    }
  });

  after(async () => {
    restoreSettings();
    await pool?.close();
    db?.close();
    for (const drive of drives) drive.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  it('REAL MOUNT: scanning a library on a mounted ext4 drive records its marker, UUID, label and mount point', async () => {
    const library = addLibrary(db, { name: 'Holidays', folders: [join(base, 'media', 'usb', 'Photos')] }, new Date());
    libraryId = library.id;
    rootId = library.roots[0]?.id ?? 0;
    const result = await scanPhotos(ctx(), pool);
    assert.equal(result.added, PHOTOS.length);
    assert.equal(result.hashed, PHOTOS.length);
    const row = root();
    assert.equal(row.state, 'online');
    assert.equal(row.volume_uuid, usb.uuid());
    assert.equal(row.volume_label, 'KEEPSAKE_USB');
    assert.equal(row.mount_point, join(base, 'media', 'usb'));
    const marker = JSON.parse(readFileSync(markerPath(row.path), 'utf8')) as { rootId: string };
    assert.equal(marker.rootId, row.marker_id);
    assert.equal(db.prepare(`SELECT COUNT(*) FROM files WHERE path LIKE '%.keepsake-root%'`).pluck().get(), 0, 'the marker is not scanned');
    // The user's work on these photos, which must survive everything below.
    photoHashes = db.prepare('SELECT image_hash FROM photos WHERE library_id = ? ORDER BY image_hash').pluck().all(libraryId) as string[];
    db.prepare('UPDATE photos SET rating = 5, caption = ? WHERE image_hash = ?').run('beach', photoHashes[0]);
    addToAlbumsOfAllKinds(db, libraryId, photoHashes.slice(0, 2));
    db.prepare('INSERT INTO faces (image_hash, x, y, w, h, name) VALUES (?, 0.1, 0.1, 0.2, 0.2, ?)').run(photoHashes[1], 'Ann');
  });

  it('REAL MOUNT: unplugged (unmounted) → offline; Delete Missing removes nothing; photos are offline, not missing', async () => {
    usb.unmount();
    const [probed] = await probeLibraryRoots(db, libraryId);
    assert.equal(probed?.state, 'offline');
    assert.deepEqual(availabilities(), ['offline']);
    assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: PHOTOS.length });
    const deleted = await deleteMissing(ctx(), { includeOffline: false });
    assert.equal(deleted.removed.photos, 0);
    assert.equal(deleted.removed.files, 0);
    const scan = await scanPhotos(ctx(), pool);
    assert.equal(scan.missing, 0);
    assert.equal(scan.skipped_roots, 1);
    assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: PHOTOS.length });
    assert.equal(db.prepare('SELECT COUNT(*) FROM files WHERE library_id = ? AND missing = 1').pluck().get(libraryId), 0);
  });

  it('REAL MOUNT: Scan for Missing on the unplugged drive flags nothing', async () => {
    const result = await scanMissing(ctx());
    assert.equal(result.newly_missing, 0);
    assert.equal(result.missing, 0);
    assert.equal(db.prepare('SELECT COUNT(*) FROM files WHERE library_id = ? AND missing = 1').pluck().get(libraryId), 0);
    assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: PHOTOS.length });
  });

  it('REAL MOUNT: an empty mount point left behind (the folder recreated, empty, on the parent disk) changes nothing', async () => {
    mkdirSync(join(base, 'media', 'usb', 'Photos'), { recursive: true });
    const [probed] = await probeLibraryRoots(db, libraryId);
    assert.equal(probed?.state, 'offline');
    assert.equal(probed?.reason, 'empty mount point');
    const scan = await scanPhotos(ctx(), pool);
    assert.deepEqual([scan.added, scan.missing, scan.skipped_roots], [0, 0, 1]);
    assert.equal((await scanMissing(ctx())).newly_missing, 0);
    assert.equal((await deleteMissing(ctx(), { includeOffline: false })).removed.photos, 0);
    assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: PHOTOS.length });
    assert.equal(existsSync(markerPath(join(base, 'media', 'usb', 'Photos'))), false, 'no marker written into a bare mount point');
  });

  it('REAL MOUNT: the drive comes back at ANOTHER mount point → found by its marker, paths rewritten, online, nothing hashed', async () => {
    const before = root();
    usb.mount(join(base, 'media', 'otherusb'));
    const [probed] = await probeLibraryRoots(db, libraryId);
    const newPath = join(base, 'media', 'otherusb', 'Photos');
    assert.deepEqual({ state: probed?.state, path: probed?.path, relocatedFrom: probed?.relocatedFrom }, { state: 'online', path: newPath, relocatedFrom: before.path });
    assert.equal(probed?.reason, 'found by marker');
    const after = root();
    assert.deepEqual(
      { path: after.path, mount: after.mount_point, uuid: after.volume_uuid, marker: after.marker_id },
      { path: newPath, mount: join(base, 'media', 'otherusb'), uuid: before.volume_uuid, marker: before.marker_id },
    );
    const paths = db.prepare('SELECT path FROM files WHERE library_id = ? ORDER BY path').pluck().all(libraryId) as string[];
    assert.equal(paths.length, PHOTOS.length);
    for (const path of paths) assert.ok(path.startsWith(`${newPath}/`), path);
    for (const path of paths) assert.ok(existsSync(path), `${path} exists at its rewritten path`);
    assert.deepEqual(availabilities(), ['present']);
    assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: 0 });
    // Nothing was hashed: a full rescan finds every file unchanged (same path, size, mtime, inode).
    const rescan: ScanResult = await scanPhotos(ctx(), pool);
    assert.deepEqual([rescan.hashed, rescan.added, rescan.unchanged, rescan.missing], [0, 0, PHOTOS.length, 0]);
    // The user's work survived: rating, caption, albums, faces.
    assert.deepEqual({ ...(db.prepare('SELECT rating, caption FROM photos WHERE image_hash = ?').get(photoHashes[0]) as object) }, { rating: 5, caption: 'beach' });
    assert.equal(db.prepare('SELECT COUNT(*) FROM album_photos WHERE image_hash IN (?, ?)').pluck().get(photoHashes[0], photoHashes[1]), 8);
    assert.equal(db.prepare('SELECT name FROM faces WHERE image_hash = ?').pluck().get(photoHashes[1]), 'Ann');
  });

  it('REAL MOUNT: another drive mounted where ours was is not ours: offline ("another volume"), nothing flagged', async () => {
    usb.unmount();
    const imposter = newDrive('imposter', 'OTHER_USB');
    imposter.mount(join(base, 'media', 'otherusb'));
    mkdirSync(join(base, 'media', 'otherusb', 'Photos'));
    writeFileSync(join(base, 'media', 'otherusb', 'Photos', 'note.jpg'), 'not ours');
    const [probed] = await probeLibraryRoots(db, libraryId, new Date(), { noRelocation: true });
    assert.equal(probed?.state, 'offline');
    assert.equal(probed?.reason, 'another volume');
    assert.equal((await scanMissing(ctx())).newly_missing, 0);
    assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: PHOTOS.length });
    imposter.unmount();
    usb.mount(join(base, 'media', 'otherusb'));
    assert.equal((await probeLibraryRoots(db, libraryId))[0]?.state, 'online');
    assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: 0 });
  });

  it('REAL MOUNT: a read-only card gets no marker, and is found again at another mount point by its filesystem UUID', async () => {
    const card = newDrive('card', 'RO_CARD');
    card.mount(join(base, 'media', 'card'));
    mkdirSync(join(base, 'media', 'card', 'DCIM'));
    copyFileSync(join(CORPUS, PHOTOS[0] as string), join(base, 'media', 'card', 'DCIM', 'IMG_0001.JPG'));
    card.unmount();
    card.mount(join(base, 'media', 'card'), true);
    const library = addLibrary(db, { name: 'Card', folders: [join(base, 'media', 'card', 'DCIM')] }, new Date());
    const cardRoot = library.roots[0]?.id ?? 0;
    assert.equal((await scanPhotos(ctx(library.id), pool)).added, 1);
    assert.equal(root(cardRoot).marker_id, null, 'read-only: no marker');
    assert.equal(root(cardRoot).volume_uuid, card.uuid());
    card.unmount();
    card.mount(join(base, 'media', 'card-2'), true);
    const [probed] = await probeLibraryRoots(db, library.id);
    assert.deepEqual({ state: probed?.state, path: probed?.path, reason: probed?.reason }, { state: 'online', path: join(base, 'media', 'card-2', 'DCIM'), reason: 'found by uuid' });
    const rescan = await scanPhotos(ctx(library.id), pool);
    assert.deepEqual([rescan.hashed, rescan.unchanged, rescan.missing], [0, 1, 0]);
    card.unmount();
  });

  it('REAL MOUNT: Locate folder — the library copied to a new disk (other UUID, other path): relinked by relative path and size, nothing hashed, metadata intact', async () => {
    const oldPath = root().path;
    const big = newDrive('bigdisk', 'BIGDISK');
    big.mount(join(base, 'media', 'bigdisk'));
    const newPath = join(base, 'media', 'bigdisk', 'Archive', 'Photos');
    mkdirSync(join(base, 'media', 'bigdisk', 'Archive'));
    execFileSync('cp', ['-a', oldPath, newPath]); // keeps sizes and mtimes, as a file manager copy does
    usb.unmount();
    const result = await locateFolder(db, libraryId, oldPath, newPath);
    assert.deepEqual(result, { relinked: PHOTOS.length, hashed: 0, not_found: 0, mismatched: 0 });
    const moved = root();
    assert.deepEqual(
      { path: moved.path, state: moved.state, uuid: moved.volume_uuid, label: moved.volume_label, mount: moved.mount_point },
      { path: newPath, state: 'online', uuid: big.uuid(), label: 'BIGDISK', mount: join(base, 'media', 'bigdisk') },
    );
    assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: 0 });
    assert.deepEqual({ ...(db.prepare('SELECT rating, caption FROM photos WHERE image_hash = ?').get(photoHashes[0]) as object) }, { rating: 5, caption: 'beach' });
    assert.equal(db.prepare('SELECT COUNT(*) FROM album_photos WHERE image_hash IN (?, ?)').pluck().get(photoHashes[0], photoHashes[1]), 8);
    const rescan = await scanPhotos(ctx(), pool);
    assert.deepEqual([rescan.hashed, rescan.added, rescan.unchanged, rescan.missing], [0, 0, PHOTOS.length, 0]);
  });

  it('SIMULATED sleeping NAS: a stat that never answers makes the root unreachable; nothing is flagged or deleted', async () => {
    const restore = configureVolumeProbing({ statFn: () => new Promise<never>(() => undefined), timeoutMs: 50 });
    try {
      const [probed] = await probeLibraryRoots(db, libraryId);
      assert.equal(probed?.state, 'unreachable');
      assert.deepEqual(availabilities(), ['offline']);
      assert.equal((await scanMissing(ctx())).newly_missing, 0);
      assert.equal((await scanPhotos(ctx(), pool)).missing, 0);
      assert.equal((await deleteMissing(ctx(), { includeOffline: false })).removed.photos, 0);
      assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: PHOTOS.length });
    } finally {
      restore();
    }
    assert.equal((await probeLibraryRoots(db, libraryId))[0]?.state, 'online');
    assert.deepEqual(counts(), { num_photos: PHOTOS.length, num_missing: 0, num_offline: 0 });
    assert.equal((await readRootMarker(root().path))?.rootId, root().marker_id);
    assert.deepEqual(readdirSync(root().path).sort(), ['.keepsake-root', '2019', '2020']);
  });
});
