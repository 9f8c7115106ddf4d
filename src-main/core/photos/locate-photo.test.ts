import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { makeTempDir } from '../../../test/support/seed-database.ts';
import { openKeepsake, type Keepsake } from '../keepsake.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('photos.locate: relinks one missing photo to the file the user picked, checked by content', () => {
  const photos = join(temp.dir, 'Photos');
  const outside = join(temp.dir, 'Outside');
  let core: Keepsake;
  let libraryId: number;
  let canon: string;
  let nikon: string;
  const hashOf = (path: string) => core.db.prepare('SELECT p.image_hash FROM photos p JOIN files f ON f.hash = p.main_file WHERE f.path = ?').pluck().get(path) as string;

  before(async () => {
    mkdirSync(join(photos, 'trip'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    copyFileSync(corpusFile('exif-samples/jpg/Canon_40D.jpg'), join(photos, 'trip', 'Canon_40D.jpg'));
    copyFileSync(corpusFile('exif-samples/jpg/Nikon_D70.jpg'), join(photos, 'trip', 'Nikon_D70.jpg'));
    core = openKeepsake({ dataDir: join(temp.dir, 'data'), workers: 1 });
    libraryId = (await core.handlers['libraries.add']({ name: 'L', folders: [photos] })).id;
    await core.waitForJob((await core.handlers['jobs.start']({ type: 'scan_photos', libraryId })).jobId);
    canon = hashOf(join(photos, 'trip', 'Canon_40D.jpg'));
    nikon = hashOf(join(photos, 'trip', 'Nikon_D70.jpg'));
    await core.handlers['photos.setRating']({ imageHash: canon, rating: 4 });
    // Outside the app: the Canon is renamed into another folder; Scan for Missing finds it gone.
    mkdirSync(join(photos, 'sorted'));
    renameSync(join(photos, 'trip', 'Canon_40D.jpg'), join(photos, 'sorted', 'iguana.jpg'));
    await core.waitForJob((await core.handlers['jobs.start']({ type: 'scan_missing', libraryId })).jobId);
    assert.equal((await core.handlers['photos.get']({ imageHash: canon })).availability, 'missing');
  });
  after(() => core.close());

  it('refuses a file whose content is another photo, and one that is no photo of the library; nothing changes', async () => {
    await assert.rejects(Promise.resolve(core.handlers['photos.locate']({ imageHash: canon, path: join(photos, 'trip', 'Nikon_D70.jpg') })), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'conflict');
      assert.match(error.message, /another photo of the library \(Nikon_D70\.jpg\), not Canon_40D\.jpg/);
      return true;
    });
    copyFileSync(corpusFile('exif-samples/jpg/Pentax_K10D.jpg'), join(photos, 'sorted', 'other.jpg'));
    await assert.rejects(Promise.resolve(core.handlers['photos.locate']({ imageHash: canon, path: join(photos, 'sorted', 'other.jpg') })), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'conflict');
      assert.match(error.message, /not Canon_40D\.jpg: its content is different/);
      return true;
    });
    const still = await core.handlers['photos.get']({ imageHash: canon });
    assert.equal(still.availability, 'missing');
    assert.equal(still.files[0]?.path, join(photos, 'trip', 'Canon_40D.jpg'));
  });

  it('refuses what is not a file, and a photo that is not missing', async () => {
    await assert.rejects(Promise.resolve(core.handlers['photos.locate']({ imageHash: canon, path: join(photos, 'nothing.jpg') })), { code: 'bad_request', message: /There is no file at/ });
    await assert.rejects(Promise.resolve(core.handlers['photos.locate']({ imageHash: canon, path: join(photos, 'sorted') })), { code: 'bad_request', message: /Not a file/ });
    await assert.rejects(Promise.resolve(core.handlers['photos.locate']({ imageHash: nikon, path: join(photos, 'trip', 'Nikon_D70.jpg') })), { code: 'bad_request', message: /is not missing/ });
  });

  it('relinks the right file: the same photo, present at its new path, its rating kept', async () => {
    const { photo, relinkedFile } = await core.handlers['photos.locate']({ imageHash: canon, path: join(photos, 'sorted', 'iguana.jpg') });
    assert.equal(relinkedFile, join(photos, 'sorted', 'iguana.jpg'));
    assert.equal(photo.imageHash, canon);
    assert.equal(photo.availability, 'present');
    assert.equal(photo.rating, 4);
    assert.equal(photo.mainPath, join(photos, 'sorted', 'iguana.jpg'));
    const stats = await core.handlers['stats.get']({ libraryId });
    assert.equal(stats.libraries[0]?.num_missing_photos, 0);
    assert.equal(stats.libraries[0]?.num_photos, 2);
    // A scan afterwards agrees: nothing new, nothing missing.
    const record = await core.waitForJob((await core.handlers['jobs.start']({ type: 'scan_photos', libraryId })).jobId);
    assert.deepEqual([(record.result as { added: number }).added, (record.result as { missing: number }).missing], [1, 0], 'only other.jpg is new');
  });

  it('relinks a file outside the library’s folders too: it belongs to no folder, and Scan for Missing still checks it', async () => {
    renameSync(join(photos, 'trip', 'Nikon_D70.jpg'), join(outside, 'rose.jpg'));
    await core.waitForJob((await core.handlers['jobs.start']({ type: 'scan_missing', libraryId })).jobId);
    assert.equal((await core.handlers['photos.get']({ imageHash: nikon })).availability, 'missing');
    const { photo } = await core.handlers['photos.locate']({ imageHash: nikon, path: join(outside, 'rose.jpg') });
    assert.deepEqual([photo.availability, photo.mainPath], ['present', join(outside, 'rose.jpg')]);
    assert.equal(core.db.prepare('SELECT root_id FROM files WHERE path = ?').pluck().get(join(outside, 'rose.jpg')), null);
    renameSync(join(outside, 'rose.jpg'), join(outside, 'gone.jpg'));
    await core.waitForJob((await core.handlers['jobs.start']({ type: 'scan_missing', libraryId })).jobId);
    assert.equal((await core.handlers['photos.get']({ imageHash: nikon })).availability, 'missing', 'not lost track of');
  });
});
