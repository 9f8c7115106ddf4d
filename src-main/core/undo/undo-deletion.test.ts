/**
 * Undo of Delete Missing and Delete forever, as the user meets it: photos whose drive "died" are
 * deleted; the drive comes back a day later; the deletion is undone and every rating, caption,
 * album link, face and thumbnail is back — also when a scan had already made some photos anew.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CORPUS_JPG } from '../../../test/support/run-cli.ts';
import { addFace } from '../faces/faces.ts';
import { openKeepsake, type Keepsake } from '../keepsake.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import { deletionDir } from './deletion-records.ts';

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const DAY = 24 * 60 * 60 * 1000;

/** A scanned library of 8 photos, each rated, captioned, in an album (half of them), with a face. */
async function library(clock: { now: Date }) {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-undo-'));
  temps.push(dir);
  const root = join(dir, 'Pictures');
  mkdirSync(join(root, 'Trip'), { recursive: true });
  const names = readdirSync(CORPUS_JPG).filter((name) => /^(Canon|Nikon|Pentax|Olympus|Fujifilm|Kodak|Panasonic|Ricoh)/.test(name) && name.endsWith('.jpg')).slice(0, 8);
  for (const name of names) copyFileSync(join(CORPUS_JPG, name), join(root, 'Trip', name));
  const core = openKeepsake({ dataDir: join(dir, 'data'), workers: 1, now: () => clock.now });
  // No sidecars: the counts below are the photos' own files (sidecars/ tests what is written beside them).
  const lib = await core.handlers['libraries.add']({ name: 'Family', folders: [root], writeSidecars: false });
  await run(core, { type: 'scan_photos', libraryId: lib.id });
  const album = await core.handlers['albums.create']({ libraryId: lib.id, title: 'Best of' });
  const photos = (await core.handlers['photos.list']({ libraryId: lib.id, view: 'all', offset: 0, limit: 100 })).items;
  for (const [i, photo] of photos.entries()) {
    await core.handlers['photos.setRating']({ imageHash: photo.imageHash, rating: (i % 5) + 1 });
    await core.handlers['photos.setCaption']({ imageHash: photo.imageHash, caption: `caption ${i}` });
    addFace(core.db, photo.imageHash, { x: 0.1, y: 0.2, w: 0.3, h: 0.3 }, `Person ${i}`);
  }
  await core.handlers['albums.addPhotos']({ albumId: album.id, imageHashes: photos.filter((_, i) => i % 2 === 0).map((p) => p.imageHash) });
  return { dir, root, core, libraryId: lib.id, names };
}

async function run(core: Keepsake, request: Parameters<Keepsake['handlers']['jobs.start']>[0]) {
  const { jobId } = await core.handlers['jobs.start'](request);
  const record = await core.waitForJob(jobId);
  assert.equal(record.status, 'succeeded', record.error ?? '');
  return record;
}

/** What the user set on a photo: rating, caption, albums, faces. */
function digest(core: Keepsake, imageHash: string): string {
  const row = core.db.prepare('SELECT rating, caption FROM photos WHERE image_hash = ?').get(imageHash) as { rating: number; caption: string } | undefined;
  if (row === undefined) return 'gone';
  const albums = core.db.prepare('SELECT album_id FROM album_photos WHERE image_hash = ? ORDER BY album_id').pluck().all(imageHash).join(',');
  const faces = core.db.prepare('SELECT name || x || y || w || h FROM faces WHERE image_hash = ? ORDER BY name').pluck().all(imageHash).join(',');
  return `${row.rating}|${row.caption}|${albums}|${faces}`;
}

const hashAt = (core: Keepsake, path: string): string =>
  core.db.prepare('SELECT image_hash FROM photo_files pf JOIN files f ON f.hash = pf.file_hash WHERE f.path = ?').pluck().get(path) as string;

describe('undo a deletion', () => {
  it('brings back every deleted photo with its rating, caption, albums, faces and thumbnail, still missing', async () => {
    const clock = { now: new Date('2026-11-01T10:00:00Z') };
    const { dir, root, core, libraryId, names } = await library(clock);
    try {
      // The drive "dies": half of the folder is gone.
      const gone = names.slice(0, 4).map((name) => join(root, 'Trip', name));
      const hashes = gone.map((path) => hashAt(core, path));
      const before = new Map(hashes.map((hash) => [hash, digest(core, hash)]));
      mkdirSync(join(dir, 'elsewhere'));
      for (const path of gone) renameSync(path, join(dir, 'elsewhere', path.split('/').at(-1) as string));
      await run(core, { type: 'scan_missing', libraryId });
      const deleted = await run(core, { type: 'delete_missing', libraryId, confirmed: true, includeOffline: false });
      assert.equal((deleted.result as { removed: { photos: number } }).removed.photos, 4);
      for (const hash of hashes) {
        assert.equal(digest(core, hash), 'gone');
        assert.equal(existsSync(thumbnailPath(core.dataDir, hash)), false, 'the thumbnail is held aside, not in the library');
      }
      const [record] = await core.handlers['deletions.list']({ libraryId });
      assert.equal(record?.jobId, deleted.id);
      assert.equal(record?.photos, 4);
      assert.equal(record?.undoableUntil, new Date(clock.now.getTime() + 30 * DAY).toISOString());

      clock.now = new Date(clock.now.getTime() + DAY);
      const undone = await core.handlers['deletions.undo']({ jobId: deleted.id });
      assert.deepEqual({ ...undone, job_id: undefined }, { job_id: undefined, restored: 4, merged: 0, album_links: 2, faces: 4, thumbnails: 4 });
      for (const hash of hashes) {
        assert.equal(digest(core, hash), before.get(hash), 'every field is back');
        assert.equal(core.db.prepare('SELECT availability FROM photos WHERE image_hash = ?').pluck().get(hash), 'missing');
        assert.ok(existsSync(thumbnailPath(core.dataDir, hash)), 'its thumbnail is back in place');
      }
      assert.equal(existsSync(deletionDir(core.dataDir, deleted.id)), false, 'nothing left held');
      assert.deepEqual(await core.handlers['deletions.list']({ libraryId }), []);
      await assert.rejects(Promise.resolve(core.handlers['deletions.undo']({ jobId: deleted.id })), /undone already/);
      const stats = await core.handlers['stats.get']({ libraryId });
      assert.equal(stats.libraries[0]?.num_photos, 8);
      assert.equal(stats.libraries[0]?.num_missing_photos, 4);

      // The files come back: Scan Photos relinks the restored photos as usual.
      for (const path of gone) renameSync(join(dir, 'elsewhere', path.split('/').at(-1) as string), path);
      const scan = await run(core, { type: 'scan_photos', libraryId });
      assert.equal((scan.result as { relinked: number; added: number }).relinked, 4);
      assert.equal((scan.result as { added: number }).added, 0);
      for (const hash of hashes) assert.equal(digest(core, hash), before.get(hash));
    } finally {
      await core.close();
    }
  });

  it('never overwrites a photo that exists again: it only gets back what it lacks', async () => {
    const clock = { now: new Date('2026-11-01T10:00:00Z') };
    const { dir, root, core, libraryId, names } = await library(clock);
    try {
      const paths = names.slice(0, 2).map((name) => join(root, 'Trip', name));
      const [back, still] = paths.map((path) => hashAt(core, path)) as [string, string];
      const before = digest(core, back);
      mkdirSync(join(dir, 'elsewhere'));
      for (const path of paths) renameSync(path, join(dir, 'elsewhere', path.split('/').at(-1) as string));
      await run(core, { type: 'scan_missing', libraryId });
      const deleted = await run(core, { type: 'delete_missing', libraryId, confirmed: true, includeOffline: false });
      // One file comes back before the undo: the scan makes its photo anew, and the user rates it.
      renameSync(join(dir, 'elsewhere', paths[0]!.split('/').at(-1) as string), paths[0]!);
      await run(core, { type: 'scan_photos', libraryId });
      await core.handlers['photos.setRating']({ imageHash: back, rating: 5 });
      const undone = await core.handlers['deletions.undo']({ jobId: deleted.id });
      assert.equal(undone.restored, 1);
      assert.equal(undone.merged, 1);
      const [rating, caption, albums, faces] = digest(core, back).split('|');
      const [, oldCaption, oldAlbums, oldFaces] = before.split('|');
      assert.equal(rating, '5', 'the rating given since is kept');
      assert.equal(caption, oldCaption, 'the empty caption is filled');
      assert.equal(albums, oldAlbums);
      assert.equal(faces, oldFaces);
      assert.equal(core.db.prepare('SELECT availability FROM photos WHERE image_hash = ?').pluck().get(back), 'present');
      assert.notEqual(digest(core, still), 'gone');
    } finally {
      await core.close();
    }
  });

  it('undoes Delete forever from the trash too, and refuses after 30 days', async () => {
    const clock = { now: new Date('2026-11-01T10:00:00Z') };
    const { core, libraryId } = await library(clock);
    try {
      const [photo] = (await core.handlers['photos.list']({ libraryId, view: 'all', offset: 0, limit: 1 })).items;
      const before = digest(core, photo!.imageHash);
      await core.handlers['photos.trash']({ imageHashes: [photo!.imageHash] });
      const forever = await core.handlers['photos.deleteForever']({ imageHashes: [photo!.imageHash], confirmed: true });
      assert.equal(forever.count, 1);
      assert.ok(forever.deletionId);
      const undone = await core.handlers['deletions.undo']({ jobId: forever.deletionId });
      assert.equal(undone.restored, 1);
      assert.equal(digest(core, photo!.imageHash), before);
      assert.equal(core.db.prepare('SELECT in_trashcan FROM photos WHERE image_hash = ?').pluck().get(photo!.imageHash), 1, 'back in the trash, where it was');

      await core.handlers['photos.trash']({ imageHashes: [photo!.imageHash] });
      const again = await core.handlers['photos.deleteForever']({ imageHashes: [photo!.imageHash], confirmed: true });
      clock.now = new Date(clock.now.getTime() + 31 * DAY);
      assert.deepEqual(await core.handlers['deletions.list']({ libraryId }), []);
      await assert.rejects(Promise.resolve(core.handlers['deletions.undo']({ jobId: again.deletionId as string })), /older than 30 days/);
    } finally {
      await core.close();
    }
  });

  it('a crash while the thumbnails were being held: the next start finishes the move', async () => {
    const clock = { now: new Date('2026-11-01T10:00:00Z') };
    const { dir, root, core, libraryId, names } = await library(clock);
    const path = join(root, 'Trip', names[0]!);
    const hash = hashAt(core, path);
    rmSync(path);
    await run(core, { type: 'scan_missing', libraryId });
    const deleted = await run(core, { type: 'delete_missing', libraryId, confirmed: true, includeOffline: false });
    // As if killed before the move: the thumbnail is back in the library, the journal says "not held".
    renameSync(join(deletionDir(core.dataDir, deleted.id), 'thumbnails', `${hash}.webp`), thumbnailPath(core.dataDir, hash));
    core.db.prepare('UPDATE deletions SET thumbnails_held = 0').run();
    await core.close();
    const reopened = openKeepsake({ dataDir: join(dir, 'data'), workers: 1, now: () => clock.now });
    try {
      await reopened.handlers['jobs.list']({ limit: 1 });
      for (let i = 0; i < 100 && existsSync(thumbnailPath(reopened.dataDir, hash)); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(existsSync(thumbnailPath(reopened.dataDir, hash)), false, '0 thumbnails of deleted photos left in the library');
      assert.equal(reopened.db.prepare('SELECT thumbnails_held FROM deletions').pluck().get(), 1);
      assert.equal((await reopened.handlers['deletions.undo']({ jobId: deleted.id })).thumbnails, 1);
    } finally {
      await reopened.close();
    }
  });
});
