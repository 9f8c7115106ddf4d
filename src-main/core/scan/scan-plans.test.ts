import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../db/open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { statementsPreparedBy } from '../../../test/support/prepared-statements.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('query plans of the scan’s per-batch statements', () => {
  it('refreshing the availability of a batch of photos reads them by key, never the whole library’s index', () => {
    const file = join(temp.dir, 'plans.sqlite');
    const seeded = openDatabase(file);
    const { libraryId, rootId } = seedLibrary(seeded, 'Plans', '/plans');
    const hashes = Array.from({ length: 30 }, (_, i) => seedPhoto(seeded, libraryId, [{ path: `/plans/${i}.jpg`, rootId, missing: i % 3 === 0 }]).imageHash);
    seeded.exec('ANALYZE');
    seeded.close();
    // A connection of its own: statements are prepared once per connection, and seeding prepared them.
    const db = openDatabase(file);
    const prepared = statementsPreparedBy(db, () => refreshAvailability(db, libraryId, hashes.slice(0, 10)));
    const update = prepared.find((sql) => sql.includes('UPDATE photos'));
    assert.ok(update);
    const params = { libraryId, stamp: 'now', hashes: JSON.stringify(hashes.slice(0, 10)) };
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${update}`).all(params) as { detail: string }[]).map((row) => row.detail);
    // The listed photos drive the statement: each photo row is read once, by key, by the update.
    const photoLoops = plan.filter((detail) => /^(SCAN|SEARCH) photos\b/.test(detail));
    assert.equal(photoLoops.length, 1, plan.join('\n'));
    for (const detail of photoLoops) assert.match(detail, /USING INDEX sqlite_autoindex_photos_1 \(image_hash=\?\)/, plan.join('\n')); // the photos' key (migration 016)
    assert.match(plan.join('\n'), /SEARCH pf USING PRIMARY KEY \(image_hash=\?\)/);
    assert.ok(!plan.some((detail) => /^SCAN (photos|photo_files|files|pf|f)\b/.test(detail)), plan.join('\n'));
    db.close();
  });
});
