import assert from 'node:assert/strict';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { EventPayloads } from '../../src-shared/contract.ts';
import { COMMAND_NAMES } from '../../src-shared/contract.ts';
import { makeTempDir, seedFile, seedPhoto, seedThumbnail } from '../../test/support/seed-database.ts';
import { isCoreError } from './errors.ts';
import { openKeepsake, type Keepsake } from './keepsake.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;

function open(): { core: Keepsake; dataDir: string; photos: string; changes: EventPayloads['library.changed'][] } {
  const dataDir = join(temp.dir, `data-${++n}`, 'nested');
  const photos = join(temp.dir, `photos-${n}`);
  mkdirSync(photos, { recursive: true });
  const core = openKeepsake({ dataDir, workers: 1 });
  const changes: EventPayloads['library.changed'][] = [];
  core.on('library.changed', (payload) => changes.push(payload));
  return { core, dataDir, photos, changes };
}
const coded = (code: string) => (error: unknown) => isCoreError(error) && error.code === code;

describe('openKeepsake', () => {
  it('creates its data folder and database, and has a handler for every core command', async () => {
    const { core, dataDir } = open();
    assert.ok(existsSync(join(dataDir, 'keepsake.db')));
    const shell = ['dialog.pickFolder', 'dialog.pickFile', 'photos.showInFolder', 'photos.openInDefaultApp', 'app.showLogFile'];
    assert.deepEqual(Object.keys(core.handlers).sort(), COMMAND_NAMES.filter((c) => !shell.includes(c)).sort());
    await core.close();
    await core.close(); // twice is harmless
  });

  it('marks jobs a crash left running or queued as interrupted at the next start', async () => {
    const { core, dataDir, photos } = open();
    const library = await core.handlers['libraries.add']({ name: 'L', folders: [photos] });
    core.db.prepare(`INSERT INTO jobs (id, type, type_code, library_id, status, created_at) VALUES ('11111111-1111-4111-8111-111111111111', 'scan_photos', 1, ?, 'running', 'x')`).run(library.id);
    await core.close();
    const again = openKeepsake({ dataDir });
    const jobs = await again.handlers['jobs.list']({ libraryId: library.id, limit: 10 });
    assert.deepEqual(jobs.map((j) => j.status), ['interrupted']);
    // …and the same job can simply be run again.
    const { jobId } = await again.handlers['jobs.start']({ type: 'delete_missing', libraryId: library.id, confirmed: true, includeOffline: false });
    assert.equal((await again.waitForJob(jobId)).status, 'succeeded');
    await again.close();
  });
});

describe('core handlers', () => {
  it('add, list and remove libraries and roots, announcing each change', async () => {
    const { core, photos, changes } = open();
    const h = core.handlers;
    const library = await h['libraries.add']({ name: 'Home', folders: [photos] });
    assert.deepEqual(changes.at(-1), { libraryId: library.id, reason: 'library added' });
    await assert.rejects(async () => h['libraries.add']({ name: 'Home', folders: [] }), coded('conflict'));
    await assert.rejects(async () => h['libraries.add']({ name: 'Other', folders: [join(photos, 'nope')] }), coded('bad_request'));
    assert.deepEqual((await h['libraries.list']({})).map((l) => l.name), ['Home']);

    const extraDir = join(temp.dir, `extra-${n}`);
    mkdirSync(extraDir);
    const extra = await h['roots.add']({ libraryId: library.id, path: extraDir });
    assert.equal((await h['roots.list']({ libraryId: library.id, probe: true })).length, 2);
    await assert.rejects(async () => h['roots.add']({ libraryId: library.id, path: join(photos, 'sub') }), coded('bad_request'));
    mkdirSync(join(photos, 'sub'));
    await assert.rejects(async () => h['roots.add']({ libraryId: library.id, path: join(photos, 'sub') }), coded('conflict'));
    assert.deepEqual(await h['roots.remove']({ rootId: extra.id }), { removed: true });
    await assert.rejects(async () => h['roots.remove']({ rootId: extra.id }), coded('not_found'));

    // A library with a job queued or running cannot be removed under it.
    const { jobId } = await h['jobs.start']({ type: 'scan_missing', libraryId: library.id });
    await assert.rejects(async () => h['libraries.remove']({ libraryId: library.id, confirmed: true }), coded('conflict'));
    await core.waitForJob(jobId);
    assert.deepEqual(await h['libraries.remove']({ libraryId: library.id, confirmed: true }), { removed: true });
    assert.deepEqual(await h['libraries.list']({}), []);
    await assert.rejects(async () => h['jobs.start']({ type: 'scan_missing', libraryId: library.id }), coded('not_found'));
    await core.close();
  });

  it('photos, albums, trash, missing list, preview, Delete Missing job, stats and job history', async () => {
    const { core, photos, dataDir } = open();
    const h = core.handlers;
    const library = await h['libraries.add']({ name: 'L', folders: [photos] });
    const rootId = library.roots[0]!.id;
    const here = seedPhoto(core.db, library.id, [{ path: join(photos, 'here.jpg'), rootId }], { hasThumbnail: true }).imageHash;
    const gone = seedPhoto(core.db, library.id, [{ path: join(photos, 'gone.jpg'), rootId, missing: true }], { hasThumbnail: true }).imageHash;
    seedThumbnail(dataDir, gone);

    assert.equal((await h['photos.setRating']({ imageHash: here, rating: 3 })).rating, 3);
    assert.equal((await h['photos.setCaption']({ imageHash: here, caption: 'hi' })).caption, 'hi');
    const album = await h['albums.create']({ libraryId: library.id, title: 'Best' });
    assert.equal((await h['albums.addPhotos']({ albumId: album.id, imageHashes: [here, gone] })).photoCount, 2);
    assert.deepEqual((await h['photos.get']({ imageHash: here })).albums.map((a) => a.title), ['Best']);
    assert.equal((await h['photos.list']({ libraryId: library.id, view: 'all', offset: 0, limit: 10 })).total, 2);
    assert.deepEqual((await h['photos.trash']({ imageHashes: [here] })).count, 1);
    assert.equal((await h['photos.list']({ libraryId: library.id, view: 'trash', offset: 0, limit: 10 })).total, 1);
    assert.deepEqual((await h['photos.restore']({ imageHashes: [here] })).count, 1);

    const missing = await h['missing.list']({ libraryId: library.id, kind: 'missing', offset: 0, limit: 10 });
    assert.deepEqual(missing.items.map((p) => [p.imageHash, p.labels]), [[gone, ['Missing']]]);
    assert.deepEqual(await h['missing.folders']({ libraryId: library.id }), [{ folder: photos, count: 1 }]);
    const preview = await h['missing.deletePreview']({ libraryId: library.id, includeOffline: false });
    assert.deepEqual(preview, { photos: 1, faces: 0, album_links: 1, files: 1, thumbnails: 1, offline_photos: 0 });
    assert.equal((await h['stats.get']({ libraryId: library.id })).libraries[0]?.num_missing_photos, 1);

    const finished: string[] = [];
    core.on('job.finished', (record) => finished.push(record.id));
    const { jobId } = await h['jobs.start']({ type: 'delete_missing', libraryId: library.id, confirmed: true, includeOffline: false });
    const record = await core.waitForJob(jobId);
    assert.equal(record.status, 'succeeded');
    assert.equal(record.typeCode, 5);
    assert.deepEqual(record.result, { status: true, job_id: jobId, removed: { ...preview } });
    assert.deepEqual(finished, [jobId]);
    assert.equal((await h['stats.get']({})).all.num_missing_photos, 0);
    assert.deepEqual((await h['jobs.list']({ limit: 5 })).map((j) => j.id), [jobId]);
    assert.deepEqual(await h['jobs.cancel']({ jobId }), { cancelled: false });

    assert.deepEqual((await h['photos.deleteForever']({ imageHashes: [here], confirmed: true })).count, 1);
    assert.equal((await h['photos.list']({ libraryId: library.id, view: 'all', offset: 0, limit: 10 })).total, 0);
    await assert.rejects(async () => h['photos.get']({ imageHash: here }), coded('not_found'));
    await core.close();
  });

  it('serves media by hash only, and flags a file found gone as missing at once', async () => {
    const { core, photos, dataDir, changes } = open();
    const h = core.handlers;
    const library = await h['libraries.add']({ name: 'M', folders: [photos] });
    const rootId = library.roots[0]!.id;
    const videoPath = join(photos, 'clip.MP4');
    writeFileSync(videoPath, Buffer.alloc(1234));
    const photo = seedPhoto(core.db, library.id, [{ path: videoPath, rootId, type: 'VIDEO' }], { hasThumbnail: true });
    const fileHash = photo.fileHashes[0]!;
    assert.deepEqual(core.fileSource(fileHash), { path: videoPath, mime: 'video/mp4', size: 1234, identity: { dev: null, ino: null, rootPath: photos } });
    assert.equal(core.fileSource('ffffffffffffffffffffffffffffffff1'), null);
    assert.equal(core.thumbnailSource(photo.imageHash), null, 'no thumbnail on disk yet');
    const thumb = seedThumbnail(dataDir, photo.imageHash);
    assert.deepEqual(core.thumbnailSource(photo.imageHash), { path: thumb, mime: 'image/webp', size: 4 });

    rmSync(videoPath);
    const flagged = new Promise((resolve) => core.on('library.changed', resolve));
    assert.equal(core.fileSource(fileHash), null);
    await flagged;
    assert.equal(core.db.prepare('SELECT missing FROM files WHERE hash = ?').pluck().get(fileHash), 1);
    const detail = await h['photos.get']({ imageHash: photo.imageHash });
    assert.deepEqual(detail.labels, ['Missing']);
    assert.equal(changes.at(-1)?.reason, 'file gone');
    assert.equal(core.fileSource(fileHash), null, 'a file flagged missing is not served');

    // A file on a drive that was unplugged is offline, never missing.
    const usb = join(temp.dir, `usb-${n}`);
    mkdirSync(usb);
    const usbRoot = await h['roots.add']({ libraryId: library.id, path: usb });
    const onUsb = seedFile(core.db, library.id, { path: join(usb, 'a.jpg'), rootId: usbRoot.id });
    rmSync(usb, { recursive: true });
    const probed = new Promise((resolve) => core.on('library.changed', resolve));
    core.reportFileGone(onUsb);
    await probed;
    assert.equal(core.db.prepare('SELECT missing FROM files WHERE hash = ?').pluck().get(onUsb), 0);
    assert.equal(core.db.prepare('SELECT state FROM roots WHERE id = ?').pluck().get(usbRoot.id), 'offline');
    await core.close();
  });

  it('runs Locate folder through the job queue and answers with its result', async () => {
    const { core, photos } = open();
    const h = core.handlers;
    const library = await h['libraries.add']({ name: 'Moved', folders: [photos] });
    const file = join(photos, 'a.jpg');
    writeFileSync(file, 'not really a jpeg');
    const info = statSync(file);
    const hash = seedFile(core.db, library.id, { path: file, rootId: library.roots[0]!.id, size: info.size });
    core.db.prepare('UPDATE files SET mtime_ms = ? WHERE hash = ?').run(info.mtimeMs, hash);
    const moved = `${photos}-moved`;
    renameSync(photos, moved);
    const result = await h['roots.locate']({ libraryId: library.id, from: photos, to: moved });
    assert.equal(result.relinked, 1);
    assert.equal(core.db.prepare('SELECT path FROM files WHERE hash = ?').pluck().get(hash), join(moved, 'a.jpg'));
    const [job] = await h['jobs.list']({ libraryId: library.id, limit: 1 });
    assert.deepEqual([job?.type, job?.typeCode, job?.status], ['locate_folder', 101, 'succeeded']);
    await assert.rejects(async () => h['roots.locate']({ libraryId: library.id, from: join(temp.dir, 'never-there'), to: moved }), coded('not_found'));
    await core.close();
  });

  it('a gone main file hands over to the photo\'s other present file, which keeps the photo present', async () => {
    const { core, photos } = open();
    const library = await core.handlers['libraries.add']({ name: 'Pair', folders: [photos] });
    const rootId = library.roots[0]!.id;
    const jpg = join(photos, 'pair.jpg');
    const raw = join(photos, 'pair.cr2');
    writeFileSync(jpg, 'jpg');
    writeFileSync(raw, 'raw');
    const photo = seedPhoto(core.db, library.id, [{ path: jpg, rootId }, { path: raw, rootId, type: 'RAW_FILE' }]);
    rmSync(jpg);
    const changed = new Promise((resolve) => core.on('library.changed', resolve));
    core.reportFileGone(photo.fileHashes[0]!);
    await changed;
    const detail = await core.handlers['photos.get']({ imageHash: photo.imageHash });
    assert.equal(detail.mainFileHash, photo.fileHashes[1]);
    assert.equal(detail.availability, 'present');
    assert.deepEqual(detail.files.map((f) => [f.type, f.missing]).sort(), [['IMAGE', true], ['RAW_FILE', false]]);
    // A file still on disk is not flagged, whatever the caller says.
    core.reportFileGone(photo.fileHashes[1]!);
    await core.close();
    const again = openKeepsake({ dataDir: core.dataDir });
    assert.equal(again.db.prepare('SELECT missing FROM files WHERE hash = ?').pluck().get(photo.fileHashes[1]), 0);
    await again.close();
  });
});
