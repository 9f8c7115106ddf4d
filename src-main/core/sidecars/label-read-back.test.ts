/**
 * What read-back gives a new photo, as the user meets it: its colour label in the viewer's Info
 * panel (photos.info), its keywords as albums under the "Keywords" parent (the sidebar's group).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { openKeepsake } from '../keepsake.ts';
import { writeSidecarXmp } from './sidecar-xmp.ts';

const base = mkdtempSync(join(tmpdir(), 'keepsake-label-read-back-'));
after(() => rmSync(base, { recursive: true, force: true }));

describe('read-back on import, where the user sees it', () => {
  it('a sidecar’s colour label is in photos.info, its keywords are albums under "Keywords", Keepsake’s albums stay the user’s own', async () => {
    const photos = join(base, 'photos');
    mkdirSync(photos, { recursive: true });
    copyFileSync(corpusFile('exif-samples/jpg/Canon_40D.jpg'), join(photos, 'a.jpg'));
    copyFileSync(corpusFile('exif-samples/jpg/Nikon_D70.jpg'), join(photos, 'b.jpg'));
    writeFileSync(
      join(photos, 'a.jpg.xmp'),
      writeSidecarXmp(null, { rating: 2, label: 'Green', caption: '', subjects: ['Summer', 'beach'], hierarchical: ['Keepsake|Albums|Summer'], faces: [], dimensions: null }),
    );
    const ks = openKeepsake({ dataDir: join(base, 'data'), workers: 1 });
    try {
      const { id: libraryId } = await ks.handlers['libraries.add']({ name: 'L', folders: [photos] });
      const scan = await ks.waitForJob((await ks.handlers['jobs.start']({ type: 'scan_photos', libraryId })).jobId);
      assert.equal(scan.status, 'succeeded');
      const hashOf = (name: string): string =>
        ks.db.prepare('SELECT p.image_hash FROM photos p JOIN files f ON f.hash = p.main_file WHERE f.path = ?').pluck().get(join(photos, name)) as string;
      assert.equal((await ks.handlers['photos.info']({ imageHash: hashOf('a.jpg') })).colorLabel, 'Green');
      assert.equal((await ks.handlers['photos.info']({ imageHash: hashOf('b.jpg') })).colorLabel, null, 'no label: none shown');
      const albums = (await ks.handlers['albums.list']({ libraryId })).filter((album) => album.kind === 'user');
      assert.deepEqual(
        albums.map((album) => [album.title, album.parent, album.photoCount]).sort(),
        [
          ['Summer', null, 1],
          ['beach', 'Keywords', 1],
        ],
      );
    } finally {
      await ks.close();
    }
  });
});
