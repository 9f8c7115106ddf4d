/**
 * LibrePhotos' defect: `Q(owner=user) & Q(files=None) | Q(main_file=None)` parses as
 * `(owner AND no files) OR no main file`, so another owner's photo without a main file counted as
 * the user's missing photo — and went with the user's Delete Missing. Here library B holds exactly
 * such photos; nothing library A does may see or touch them.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../db/open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { getStats } from '../stats/stats.ts';
import { deleteMissing, previewDeleteMissing } from './delete-missing.ts';
import { listMissing, listMissingFolders } from './missing-list.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe("another library's photos never leak into a library's missing photos", () => {
  const db = openDatabase(join(temp.dir, 'scope.sqlite'));
  const a = seedLibrary(db, 'A', temp.dir);
  const b = seedLibrary(db, 'B', temp.dir);
  const aMissing = seedPhoto(db, a.libraryId, [{ path: join(temp.dir, 'a-gone.jpg'), rootId: a.rootId, missing: true }]).imageHash;
  seedPhoto(db, a.libraryId, [{ path: join(temp.dir, 'a-here.jpg'), rootId: a.rootId }]);
  // B: a photo with main_file NULL but a present file, one with no file at all, one plainly missing.
  const bNoMain = seedPhoto(db, b.libraryId, [{ path: join(temp.dir, 'b-nomain.jpg'), rootId: b.rootId }], { mainFile: null }).imageHash;
  const bNoFiles = seedPhoto(db, b.libraryId, [], { mainFile: null }).imageHash;
  const bMissing = seedPhoto(db, b.libraryId, [{ path: join(temp.dir, 'b-gone.jpg'), rootId: b.rootId, missing: true }]).imageHash;
  const bPhotos = [bNoMain, bNoFiles, bMissing];

  it('B really has missing photos of both LibrePhotos shapes', () => {
    assert.equal(db.prepare("SELECT COUNT(*) FROM photos WHERE library_id = ? AND availability = 'missing'").pluck().get(b.libraryId), 3);
  });

  it("A's missing list, folders and stats hold A's photo only", () => {
    const list = listMissing(db, { libraryId: a.libraryId, kind: 'missing', offset: 0, limit: 100 });
    assert.deepEqual(list.items.map((p) => p.imageHash), [aMissing]);
    assert.equal(list.total, 1);
    assert.deepEqual(listMissingFolders(db, a.libraryId), [{ folder: temp.dir, count: 1 }]);
    const stats = getStats(db, a.libraryId).libraries[0]!;
    assert.equal(stats.num_missing_photos, 1);
  });

  it("A's Delete Missing previews and removes A's photo only; B's are untouched", async () => {
    const preview = await previewDeleteMissing(db, a.libraryId, false, new Date());
    assert.equal(preview.photos, 1);
    const ctx: JobContext = { db, jobId: 'scope', libraryId: a.libraryId, dataDir: temp.dir, signal: new AbortController().signal, now: () => new Date(), progress: () => {} };
    const result = await deleteMissing(ctx, { includeOffline: true });
    assert.equal(result.removed.photos, 1);
    const left = db.prepare('SELECT image_hash FROM photos WHERE library_id = ?').pluck().all(b.libraryId) as string[];
    assert.deepEqual(left.sort(), [...bPhotos].sort());
    assert.equal(db.prepare('SELECT COUNT(*) FROM files WHERE library_id = ?').pluck().get(b.libraryId), 2);
    assert.equal(getStats(db, b.libraryId).libraries[0]?.num_missing_photos, 3);
  });
});
