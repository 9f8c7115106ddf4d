import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { makeTempDir } from '../../../test/support/seed-database.ts';
import { openKeepsake } from '../keepsake.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe("'missing.groups' through the core", () => {
  it('answers the groups, their total agreeing with the stats, and (when asked) the first group’s first page', async () => {
    const photos = join(temp.dir, 'Photos');
    mkdirSync(join(photos, 'trip'), { recursive: true });
    for (const name of ['Canon_40D.jpg', 'Nikon_D70.jpg', 'Pentax_K10D.jpg']) copyFileSync(corpusFile(`exif-samples/jpg/${name}`), join(photos, 'trip', name));
    const core = openKeepsake({ dataDir: join(temp.dir, 'data'), workers: 1 });
    try {
      const libraryId = (await core.handlers['libraries.add']({ name: 'L', folders: [photos] })).id;
      await core.waitForJob((await core.handlers['jobs.start']({ type: 'scan_photos', libraryId })).jobId);
      renameSync(join(photos, 'trip'), join(temp.dir, 'trip-moved'));
      await core.waitForJob((await core.handlers['jobs.start']({ type: 'scan_missing', libraryId })).jobId);

      const plain = await core.handlers['missing.groups']({ libraryId, kind: 'missing' });
      assert.equal(plain.firstPage, null);
      assert.deepEqual(plain.groups.map((g) => [g.folder, g.count, g.reason]), [[join(photos, 'trip'), 3, 'folder_gone']]);
      const stats = await core.handlers['stats.get']({ libraryId });
      assert.equal(plain.total, stats.libraries[0]?.num_missing_photos);

      const withPage = await core.handlers['missing.groups']({ libraryId, kind: 'missing', firstPage: 2 });
      const page = await core.handlers['missing.list']({ libraryId, kind: 'missing', group: { folder: join(photos, 'trip'), withSubfolders: true }, offset: 0, limit: 2 });
      assert.deepEqual(withPage.firstPage?.map((p) => p.imageHash), page.items.map((p) => p.imageHash));
      assert.equal(withPage.firstPage?.length, 2);
    } finally {
      await core.close();
    }
  });
});
