import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { counterValues, makeTempDir, realCounts, seedLibrary, seedPhoto } from '../../../../test/support/seed-database.ts';
import { previewDeleteMissing } from '../../missing/delete-missing.ts';
import { migrate, openDatabase, schemaVersion, type Db } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';
import { statementsPreparedByAsync } from '../../../../test/support/prepared-statements.ts';

const temp = makeTempDir();
after(temp.cleanup);


const plan = (db: Db, sql: string, params: Record<string, unknown>): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail).join('\n');

describe('migration 009: the indexes of what is gone hold only what is gone', () => {
  it('keeps present photos and files out of them, and the queries that look for what is gone still use them', async () => {
    const db = openDatabase(join(temp.dir, 'k.db'), { upTo: 8 });
    const { libraryId, rootId } = seedLibrary(db, 'L', '/nowhere');
    for (let i = 0; i < 30; i++) seedPhoto(db, libraryId, [{ path: `/nowhere/${i}.jpg`, rootId, missing: i % 3 === 0 }]);
    const counters = counterValues(db, libraryId);
    migrate(db, MIGRATIONS, 9);
    assert.equal(schemaVersion(db), 9);
    const indexSql = (name: string) => db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).pluck().get(name) as string | undefined;
    assert.match(indexSql('photos_library_availability_since') ?? '', /WHERE availability <> 'present'/);
    assert.match(indexSql('files_missing_by_library') ?? '', /WHERE missing = 1/);
    assert.equal(indexSql('files_library_missing'), undefined);
    const entries = (index: string, table: string, where: string) => db.prepare(`SELECT count(*) FROM ${table} INDEXED BY ${index} WHERE ${where}`).pluck().get() as number;
    assert.equal(entries('photos_library_availability_since', 'photos', `library_id = ${libraryId} AND availability <> 'present'`), 10);
    assert.equal(entries('files_missing_by_library', 'files', `library_id = ${libraryId} AND missing = 1`), 10);
    assert.deepEqual(counterValues(db, libraryId), counters);
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    db.exec('ANALYZE');

    // Delete Missing's own queries, as it prepares them, read the missing photos off the index.
    const preview = await statementsPreparedByAsync(db, () => previewDeleteMissing(db, libraryId, true, new Date()));
    const doomed = preview.find((sql) => sql.includes('INSERT INTO temp.doomed_photos'));
    assert.ok(doomed);
    const doomedPlan = plan(db, doomed, { libraryId, includeOffline: 1 });
    assert.match(doomedPlan, /photos_library_availability_since/);
    assert.doesNotMatch(doomedPlan, /SCAN photos\b/);
    // Counting a library's missing files reads only them.
    assert.match(plan(db, 'SELECT count(*) FROM files WHERE library_id = @libraryId AND missing = 1', { libraryId }), /files_missing_by_library/);
    db.close();
  });
});
