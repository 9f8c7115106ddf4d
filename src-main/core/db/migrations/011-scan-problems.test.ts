import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../../test/support/seed-database.ts';
import { migrate, openDatabase, schemaVersion } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('migration 011: scan problems', () => {
  it('adds one row per path per library, gone with its root, and an index of the files that cannot be decoded', () => {
    const db = openDatabase(join(temp.dir, 'k.db'), { upTo: 10 });
    const { libraryId, rootId } = seedLibrary(db, 'L', '/photos');
    seedPhoto(db, libraryId, [{ path: '/photos/a.jpg', rootId }]);
    migrate(db, MIGRATIONS, 11);
    assert.equal(schemaVersion(db), 11);
    const insert = db.prepare(`INSERT OR REPLACE INTO scan_problems (library_id, root_id, path, raw_path, reason, seen_at, job_id) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    insert.run(libraryId, rootId, '/photos/caf\\xe9.jpg', Buffer.from([0x63, 0xe9]), 'name is not valid UTF-8', '2026-01-01T00:00:00Z', 'j1');
    insert.run(libraryId, rootId, '/photos/caf\\xe9.jpg', null, 'permission denied', '2026-01-02T00:00:00Z', 'j2');
    assert.deepEqual(db.prepare('SELECT reason, job_id FROM scan_problems').all(), [{ reason: 'permission denied', job_id: 'j2' }]);
    const index = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'files_with_error'`).pluck().get() as string;
    assert.match(index, /WHERE error IS NOT NULL/);
    // It holds only the files that cannot be decoded.
    assert.equal(db.prepare('SELECT count(*) FROM files INDEXED BY files_with_error WHERE library_id = ? AND error IS NOT NULL').pluck().get(libraryId), 0);
    db.prepare('DELETE FROM roots WHERE id = ?').run(rootId);
    assert.equal(db.prepare('SELECT count(*) FROM scan_problems').pluck().get(), 0);
    db.close();
  });
});
