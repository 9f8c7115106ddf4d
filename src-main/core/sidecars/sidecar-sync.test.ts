import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import type { JobRecord, SidecarsResult } from '../../../src-shared/domain.ts';
import { LoopDrive, loopMountSupport } from '../../../test/support/loop-drive.ts';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { openKeepsake, type Keepsake } from '../keepsake.ts';
import { readSidecarXmp } from './sidecar-xmp.ts';

const base = mkdtempSync(join(tmpdir(), 'keepsake-sidecar-sync-'));
after(() => rmSync(base, { recursive: true, force: true }));
let serial = 0;
const open: Keepsake[] = [];
afterEach(async () => {
  for (const ks of open.splice(0)) await ks.close();
});

/** A library (sidecars on unless said otherwise) over a folder of corpus photos, scanned. */
async function library(files: Readonly<Record<string, string>>, options: { writeSidecars?: boolean } = {}) {
  const dir = join(base, `case-${++serial}`);
  const photos = join(dir, 'photos');
  mkdirSync(photos, { recursive: true });
  for (const [dest, source] of Object.entries(files)) {
    mkdirSync(join(photos, dest, '..'), { recursive: true });
    copyFileSync(corpusFile(source), join(photos, dest));
  }
  const ks = openKeepsake({ dataDir: join(dir, 'data'), workers: 2 });
  open.push(ks);
  const lib = await ks.handlers['libraries.add']({ name: 'L', folders: [photos], ...options });
  await job(ks, await ks.handlers['jobs.start']({ type: 'scan_photos', libraryId: lib.id }));
  const hashOf = (name: string): string =>
    ks.db.prepare('SELECT p.image_hash FROM photos p JOIN files f ON f.hash = p.main_file WHERE f.path = ?').pluck().get(join(photos, name)) as string;
  return { ks, dir, photos, libraryId: lib.id, hashOf };
}

async function job(ks: Keepsake, started: { jobId: string }): Promise<JobRecord> {
  const record = await ks.waitForJob(started.jobId);
  assert.equal(record.status, 'succeeded', record.error ?? '');
  return record;
}

/** Waits for the quiet writer (and any job it started) to be done with the library. */
async function settled(ks: Keepsake, until: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!until()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pendingCount = (ks: Keepsake): number => ks.db.prepare('SELECT count(*) FROM sidecar_pending').pluck().get() as number;
const pendingReason = (ks: Keepsake, imageHash: string): string | null =>
  (ks.db.prepare('SELECT reason FROM sidecar_pending WHERE image_hash = ?').pluck().get(imageHash) as string | null | undefined) ?? null;
const ratingOf = (ks: Keepsake, imageHash: string): number => ks.db.prepare('SELECT rating FROM photos WHERE image_hash = ?').pluck().get(imageHash) as number;
const latest = (ks: Keepsake, libraryId: number, type: string): JobRecord | undefined =>
  (ks.handlers['jobs.list']({ libraryId, limit: 50 }) as JobRecord[]).find((record) => record.type === type && record.status === 'succeeded');

describe('sidecars: written as photos are edited', () => {
  it('a rating reaches the sidecar beside the photo, named IMG.JPG.xmp, and the photo file is untouched', async () => {
    const { ks, photos, hashOf } = await library({ 'a/Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg' });
    const photo = join(photos, 'a/Canon_40D.jpg');
    const before = { bytes: readFileSync(photo), mtimeMs: statSync(photo).mtimeMs };
    await ks.handlers['photos.setRating']({ imageHash: hashOf('a/Canon_40D.jpg'), rating: 4 });
    await settled(ks, () => pendingCount(ks) === 0, 'the sidecar');
    const sidecar = join(photos, 'a/Canon_40D.jpg.xmp');
    assert.equal(readSidecarXmp(readFileSync(sidecar, 'utf8')).rating, 4);
    assert.ok(readFileSync(photo).equals(before.bytes));
    assert.equal(statSync(photo).mtimeMs, before.mtimeMs);
    assert.deepEqual(readdirSync(join(photos, 'a')).sort(), ['Canon_40D.jpg', 'Canon_40D.jpg.xmp'], 'no temporary file left');
  });

  it('a library that does not keep sidecars writes none', async () => {
    const { ks, photos, hashOf } = await library({ 'Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg' }, { writeSidecars: false });
    await ks.handlers['photos.setRating']({ imageHash: hashOf('Canon_40D.jpg'), rating: 4 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(pendingCount(ks), 0);
    assert.ok(!existsSync(join(photos, 'Canon_40D.jpg.xmp')));
  });

  it('turning the setting on for an existing library writes every sidecar as a job with progress', async () => {
    const { ks, photos, libraryId, hashOf } = await library(
      { 'Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg', 'Nikon_D70.jpg': 'exif-samples/jpg/Nikon_D70.jpg', 'x/Pentax_K10D.jpg': 'exif-samples/jpg/Pentax_K10D.jpg' },
      { writeSidecars: false },
    );
    await ks.handlers['photos.setCaption']({ imageHash: hashOf('Nikon_D70.jpg'), caption: 'Before the setting' });
    const progress: number[] = [];
    ks.on('job.progress', (event) => {
      if (event.type === 'write_sidecars') progress.push(event.current);
    });
    const { library: updated, jobId } = await ks.handlers['libraries.setSidecars']({ libraryId, enabled: true });
    assert.equal(updated.writeSidecars, true);
    const record = await job(ks, { jobId: jobId as string });
    const result = record.result as SidecarsResult;
    assert.deepEqual([result.written, result.skipped, result.problems], [3, 0, 0]);
    assert.ok(progress.length > 0, 'progress events');
    for (const name of ['Canon_40D.jpg', 'Nikon_D70.jpg', 'x/Pentax_K10D.jpg']) assert.ok(existsSync(join(photos, `${name}.xmp`)), name);
    assert.equal(readSidecarXmp(readFileSync(join(photos, 'Nikon_D70.jpg.xmp'), 'utf8')).caption, 'Before the setting');
  });
});

describe('sidecars: edited in another app', () => {
  /** Another app rewrites the sidecar: rating 5, a keyword and a tag of its own, a minute after Keepsake's write. */
  const editElsewhere = (path: string): void => {
    const text = readFileSync(path, 'utf8')
      .replace('<xmp:Rating>3</xmp:Rating>', '<xmp:Rating>5</xmp:Rating>\n   <lr:privateData>kept</lr:privateData>')
      .replace('<rdf:li>Keepsake|Albums|Trip</rdf:li>', '<rdf:li>Keepsake|Albums|Trip</rdf:li>\n     <rdf:li>Places|Paris</rdf:li>');
    const withKeyword = text.replace(/(<dc:subject>\s*<rdf:Bag>)/, '$1\n     <rdf:li>Paris</rdf:li>');
    writeFileSync(path, withKeyword);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path, later, later);
  };

  it('is read, not overwritten: the newer side wins per field, and the history says what changed', async () => {
    const { ks, photos, libraryId, hashOf } = await library({ 'Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg' });
    const hash = hashOf('Canon_40D.jpg');
    const trip = await ks.handlers['albums.create']({ libraryId, title: 'Trip' });
    await ks.handlers['albums.addPhotos']({ albumId: trip.id, imageHashes: [hash] });
    await ks.handlers['photos.setRating']({ imageHash: hash, rating: 3 });
    await settled(ks, () => pendingCount(ks) === 0, 'the first write');
    const sidecar = join(photos, 'Canon_40D.jpg.xmp');
    editElsewhere(sidecar);
    // An edit in Keepsake meanwhile: the caption (the other app did not touch it).
    await ks.handlers['photos.setCaption']({ imageHash: hash, caption: 'From Keepsake' });
    await settled(ks, () => latest(ks, libraryId, 'read_sidecars') !== undefined && pendingCount(ks) === 0, 'the Read Sidecars job');
    assert.equal(ratingOf(ks, hash), 5, "the other app's rating (Keepsake's was older)");
    const detail = await ks.handlers['photos.get']({ imageHash: hash });
    assert.equal(detail.caption, 'From Keepsake');
    assert.deepEqual(detail.albums.map((a) => `${a.parent ?? ''}/${a.title}`).sort(), ['/Trip', 'Keywords/Paris']);
    const result = latest(ks, libraryId, 'read_sidecars')?.result as SidecarsResult;
    assert.deepEqual(result.changes.map((c) => [c.field, c.from, c.to]).sort(), [['keywords', '', 'Paris'], ['rating', '3', '5']]);
    const text = readFileSync(sidecar, 'utf8');
    assert.ok(text.includes('<lr:privateData>kept</lr:privateData>'), "the other app's own tag is kept");
    assert.ok(text.includes('<rdf:li>Places|Paris</rdf:li>'));
    const file = readSidecarXmp(text);
    assert.deepEqual([file.rating, file.caption], [5, 'From Keepsake'], 'the merge is in the file');
  });

  it('Keepsake’s side wins a field it changed after the other app did', async () => {
    const { ks, photos, libraryId, hashOf } = await library({ 'Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg' });
    const hash = hashOf('Canon_40D.jpg');
    const trip = await ks.handlers['albums.create']({ libraryId, title: 'Trip' });
    await ks.handlers['albums.addPhotos']({ albumId: trip.id, imageHashes: [hash] });
    await ks.handlers['photos.setRating']({ imageHash: hash, rating: 3 });
    await settled(ks, () => pendingCount(ks) === 0, 'the first write');
    const sidecar = join(photos, 'Canon_40D.jpg.xmp');
    editElsewhere(sidecar);
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(sidecar, earlier, earlier);
    await ks.handlers['photos.setRating']({ imageHash: hash, rating: 1 });
    await settled(ks, () => latest(ks, libraryId, 'read_sidecars') !== undefined && pendingCount(ks) === 0, 'the Read Sidecars job');
    assert.equal(ratingOf(ks, hash), 1);
    assert.equal(readSidecarXmp(readFileSync(sidecar, 'utf8')).rating, 1);
    assert.ok(readSidecarXmp(readFileSync(sidecar, 'utf8')).subjects.includes('Paris'), 'the keyword added elsewhere is kept');
  });

  it('a sidecar edited while nothing changed in Keepsake is read after the next scan', async () => {
    const { ks, photos, libraryId, hashOf } = await library({ 'Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg' });
    const hash = hashOf('Canon_40D.jpg');
    await ks.handlers['photos.setRating']({ imageHash: hash, rating: 3 });
    await settled(ks, () => pendingCount(ks) === 0, 'the first write');
    await job(ks, await ks.handlers['jobs.start']({ type: 'scan_photos', libraryId })); // the scan sees Keepsake's own sidecar
    editElsewhere(join(photos, 'Canon_40D.jpg.xmp'));
    await job(ks, await ks.handlers['jobs.start']({ type: 'scan_photos', libraryId }));
    await settled(ks, () => latest(ks, libraryId, 'read_sidecars') !== undefined, 'the Read Sidecars job');
    await settled(ks, () => ratingOf(ks, hash) === 5, 'the rating read');
  });
});

const mounts = loopMountSupport();

describe('sidecars: drives that cannot be written', { skip: mounts.ok ? false : mounts.reason }, () => {
  it('a read-only folder: nothing written, nothing lost, the reason listed; written once it is writable', async () => {
    const { ks, photos, libraryId, hashOf } = await library({ 'locked/Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg', 'open/Nikon_D70.jpg': 'exif-samples/jpg/Nikon_D70.jpg' });
    const locked = join(photos, 'locked');
    execFileSync('mount', ['--bind', locked, locked]);
    try {
      execFileSync('mount', ['-o', 'remount,bind,ro', locked]);
      const hash = hashOf('locked/Canon_40D.jpg');
      await ks.handlers['photos.setRating']({ imageHash: hash, rating: 2 });
      await ks.handlers['photos.setRating']({ imageHash: hashOf('open/Nikon_D70.jpg'), rating: 5 });
      await settled(ks, () => pendingReason(ks, hash) !== null && pendingCount(ks) === 1, 'the first try');
      assert.equal(pendingReason(ks, hash), 'the drive is read-only');
      assert.deepEqual(
        (await ks.handlers['problems.list']({ libraryId, offset: 0, limit: 10 })).items.map((p) => [p.path, p.reason]),
        [[join(locked, 'Canon_40D.jpg.xmp'), 'sidecar not written: the drive is read-only']],
        'listed with the library problems',
      );
      assert.deepEqual(readdirSync(locked), ['Canon_40D.jpg'], 'nothing written there');
      assert.ok(existsSync(join(photos, 'open/Nikon_D70.jpg.xmp')), 'the writable folder got its sidecar');
      assert.equal(ratingOf(ks, hash), 2, 'the rating is kept');
      const listed = (await job(ks, await ks.handlers['jobs.start']({ type: 'write_sidecars', libraryId }))).result as SidecarsResult;
      assert.deepEqual(listed.problem_files, [{ path: join(locked, 'Canon_40D.jpg.xmp'), reason: 'the drive is read-only' }]);
    } finally {
      execFileSync('umount', [locked]);
    }
    await job(ks, await ks.handlers['jobs.start']({ type: 'scan_photos', libraryId }));
    await settled(ks, () => pendingCount(ks) === 0, 'the write once writable');
    assert.deepEqual((await ks.handlers['problems.list']({ libraryId, offset: 0, limit: 10 })).items, [], 'written: no longer a problem');
    assert.equal(readSidecarXmp(readFileSync(join(locked, 'Canon_40D.jpg.xmp'), 'utf8')).rating, 2);
  });

  it('an unplugged drive: nothing written, nothing lost; written when it is back', async () => {
    const { ks, dir, libraryId } = await library({});
    const usb = new LoopDrive(join(dir, 'usb.img'), 'PHOTOS');
    const mountAt = join(dir, 'usb');
    try {
      usb.mount(mountAt);
      copyFileSync(corpusFile('exif-samples/jpg/Canon_40D.jpg'), join(mountAt, 'Canon_40D.jpg'));
      await ks.handlers['roots.add']({ libraryId, path: mountAt });
      await job(ks, await ks.handlers['jobs.start']({ type: 'scan_photos', libraryId }));
      const hash = ks.db.prepare('SELECT image_hash FROM photos WHERE library_id = ?').pluck().get(libraryId) as string;
      usb.unmount();
      await ks.handlers['photos.setRating']({ imageHash: hash, rating: 4 });
      await ks.handlers['photos.setCaption']({ imageHash: hash, caption: 'On the USB drive' });
      await settled(ks, () => pendingReason(ks, hash) !== null, 'the first try');
      assert.match(pendingReason(ks, hash) as string, /waiting: the drive is offline/);
      assert.deepEqual((await ks.handlers['problems.list']({ libraryId, offset: 0, limit: 10 })).items, [], 'waiting for a drive is no problem');
      assert.ok(!existsSync(join(mountAt, 'Canon_40D.jpg.xmp')), 'nothing written on the bare mount point');
      assert.deepEqual(readdirSync(mountAt), []);
      usb.mount(mountAt);
      await job(ks, await ks.handlers['jobs.start']({ type: 'scan_photos', libraryId }));
      await settled(ks, () => pendingCount(ks) === 0, 'the write once online');
      const file = readSidecarXmp(readFileSync(join(mountAt, 'Canon_40D.jpg.xmp'), 'utf8'));
      assert.deepEqual([file.rating, file.caption], [4, 'On the USB drive']);
    } finally {
      await ks.close();
      usb.dispose();
    }
  });
});

describe('sidecars: who may write them', () => {
  it('a read-only process never writes a sidecar; what waits is written by the next writer', async () => {
    const { ks, dir, photos, hashOf } = await library({ 'Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg' });
    const hash = hashOf('Canon_40D.jpg');
    // Marked but not written: the writer closes before its quiet writer ran.
    await ks.handlers['photos.setRating']({ imageHash: hash, rating: 4 });
    const reader = openKeepsake({ dataDir: join(dir, 'data'), access: 'read' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await ks.close();
    open.splice(open.indexOf(ks), 1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.ok(!existsSync(join(photos, 'Canon_40D.jpg.xmp')), 'the reader wrote nothing');
    await reader.close();
    const writer = openKeepsake({ dataDir: join(dir, 'data'), workers: 1 });
    open.push(writer);
    await settled(writer, () => pendingCount(writer) === 0, 'the next writer');
    assert.equal(readSidecarXmp(readFileSync(join(photos, 'Canon_40D.jpg.xmp'), 'utf8')).rating, 4);
  });
});
