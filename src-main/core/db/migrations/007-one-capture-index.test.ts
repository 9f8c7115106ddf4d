import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pairsSql } from '../../matches/find-matches.ts';
import { makeTempDir } from '../../../../test/support/seed-database.ts';
import { migrate, openDatabase, schemaVersion } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('migration 007: one capture-time index on photos', () => {
  it('drops photos_library_captured, and the matcher still looks photos up by capture time through an index', () => {
    const db = openDatabase(join(temp.dir, 'k.db'), { upTo: 6 });
    const indexes = () => db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'photos'`).pluck().all() as string[];
    assert.ok(indexes().includes('photos_library_captured'));
    migrate(db, MIGRATIONS, 7);
    assert.equal(schemaVersion(db), 7);
    assert.ok(!indexes().includes('photos_library_captured'));
    for (const missingOutside of [true, false]) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${pairsSql(missingOutside)}`).all({ libraryId: 1 }) as { detail: string }[]).map((row) => row.detail);
      const inner = missingOutside ? 'c' : 'm';
      assert.ok(
        plan.some((detail) => detail.startsWith(`SEARCH ${inner} USING INDEX photos_library_order (library_id=? AND in_trashcan=? AND captured_at=?)`)),
        `the inner side (${inner}) is a lookup by capture time: ${JSON.stringify(plan)}`,
      );
      assert.ok(!plan.some((detail) => detail.startsWith('SCAN')), `no full scan: ${JSON.stringify(plan)}`);
    }
    db.close();
  });
});
