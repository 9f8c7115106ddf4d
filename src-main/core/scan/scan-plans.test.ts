import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../db/open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { refreshAvailability } from '../photos/availability.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('query plans of the scan’s per-batch statements', () => {
  it('refreshing the availability of a batch of photos reads them by key, never the whole library’s index', () => {
    const db = openDatabase(join(temp.dir, 'plans.sqlite'));
    const { libraryId, rootId } = seedLibrary(db, 'Plans', '/plans');
    const hashes = Array.from({ length: 30 }, (_, i) => seedPhoto(db, libraryId, [{ path: `/plans/${i}.jpg`, rootId, missing: i % 3 === 0 }]).imageHash);
    db.exec('ANALYZE');
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      refreshAvailability(db, libraryId, hashes.slice(0, 10));
    } finally {
      db.prepare = prepare;
    }
    const update = prepared.find((sql) => sql.includes('UPDATE photos'));
    assert.ok(update);
    const params: Record<string, unknown> = { libraryId, stamp: 'now' };
    hashes.slice(0, 10).forEach((hash, i) => (params[`h${i}`] = hash));
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${update}`).all(params) as { detail: string }[]).map((row) => row.detail);
    const photoLoops = plan.filter((detail) => /^(SCAN|SEARCH) photos\b/.test(detail));
    assert.equal(photoLoops.length, 2, plan.join('\n'));
    for (const detail of photoLoops) assert.match(detail, /USING PRIMARY KEY \(image_hash=\?\)/, plan.join('\n'));
    db.close();
  });
});
