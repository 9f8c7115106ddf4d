import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../db/open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { isCoreError } from '../errors.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { getStats } from './stats.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('stats', () => {
  const db = openDatabase(join(temp.dir, 'stats.sqlite'));
  const a = seedLibrary(db, 'Alpha', '/a');
  const b = seedLibrary(db, 'Beta', '/b');
  seedPhoto(db, a.libraryId, [{ path: '/a/1.jpg', rootId: a.rootId, size: 1000 }, { path: '/a/1.xmp', rootId: a.rootId, type: 'METADATA_FILE', size: 10 }]);
  seedPhoto(db, a.libraryId, [{ path: '/a/2.jpg', rootId: a.rootId, size: 2000, missing: true }]);
  seedPhoto(db, a.libraryId, [{ path: '/a/3.mp4', rootId: a.rootId, type: 'VIDEO', size: 5000 }], { inTrash: true });
  seedPhoto(db, b.libraryId, [{ path: '/b/1.cr2', rootId: b.rootId, type: 'RAW_FILE', size: 7000 }]);
  db.prepare("UPDATE library_counts SET last_scan_at = '2025-01-02T00:00:00.000Z' WHERE library_id = ?").run(a.libraryId);
  db.prepare("UPDATE library_counts SET last_scan_at = '2025-03-04T00:00:00.000Z' WHERE library_id = ?").run(b.libraryId);

  it('reports each library and the total across all', () => {
    const report = getStats(db);
    assert.deepEqual(report.libraries.map((l) => l.library_name), ['Alpha', 'Beta']);
    const alpha = report.libraries[0]!;
    assert.equal(alpha.num_photos, 3);
    assert.equal(alpha.num_missing_photos, 1);
    assert.equal(alpha.num_trashed_photos, 1);
    assert.equal(alpha.num_offline_photos, 0);
    assert.deepEqual(alpha.files_by_type, { IMAGE: 2, VIDEO: 1, METADATA_FILE: 1, RAW_FILE: 0, UNKNOWN: 0 });
    assert.deepEqual(alpha.bytes_by_type, { IMAGE: 3000, VIDEO: 5000, METADATA_FILE: 10, RAW_FILE: 0, UNKNOWN: 0 });
    assert.equal(alpha.total_bytes, 8010);
    assert.equal(alpha.last_scan_at, '2025-01-02T00:00:00.000Z');
    assert.equal(report.all.num_photos, 4);
    assert.equal(report.all.num_missing_photos, 1);
    assert.equal(report.all.total_bytes, 15010);
    assert.equal(report.all.files_by_type.RAW_FILE, 1);
    assert.equal(report.all.last_scan_at, '2025-03-04T00:00:00.000Z');
  });

  it('for one library lists it alone and still totals all libraries', () => {
    const report = getStats(db, b.libraryId);
    assert.deepEqual(report.libraries.map((l) => l.library_id), [b.libraryId]);
    assert.equal(report.libraries[0]?.num_photos, 1);
    assert.equal(report.all.num_photos, 4);
    assert.throws(() => getStats(db, 999), (e) => isCoreError(e) && e.code === 'not_found');
  });

  it('counts offline photos apart from missing ones', () => {
    db.prepare("UPDATE roots SET state = 'offline' WHERE id = ?").run(b.rootId);
    refreshAvailability(db, b.libraryId);
    const beta = getStats(db, b.libraryId).libraries[0]!;
    assert.equal(beta.num_offline_photos, 1);
    assert.equal(beta.num_missing_photos, 0);
  });
});
