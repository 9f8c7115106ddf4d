import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findSuggestedMatches } from '../../matches/find-matches.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../../test/support/seed-database.ts';
import { migrate, openDatabase, schemaVersion } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';
import { statementsPreparedBy } from '../../../../test/support/prepared-statements.ts';

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
    // The matcher's own pair query, as it prepares it: missing photos outside when they are the
    // fewer (library A), present ones outside otherwise (library B).
    const pairsSql = (libraryId: number): string => {
      const prepared = statementsPreparedBy(db, () => findSuggestedMatches(db, libraryId));
      const sql = prepared.find((text) => text.includes('CROSS JOIN photos'));
      assert.ok(sql, 'the matcher pairs photos');
      return sql;
    };
    const seed = (name: string, missing: number, present: number): number => {
      const { libraryId, rootId } = seedLibrary(db, name, `/${name}`);
      for (let i = 0; i < missing + present; i++) seedPhoto(db, libraryId, [{ path: `/${name}/${i}.jpg`, rootId, missing: i < missing }], { capturedAt: '2021-07-04T10:00:00' });
      return libraryId;
    };
    const cases = [
      { missingOutside: true, libraryId: seed('A', 1, 2) },
      { missingOutside: false, libraryId: seed('B', 3, 1) },
    ];
    for (const { missingOutside, libraryId } of cases) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${pairsSql(libraryId)}`).all({ libraryId }) as { detail: string }[]).map((row) => row.detail);
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
