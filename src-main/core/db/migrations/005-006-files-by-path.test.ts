import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { counterValues, realCounts, seedLibrary, seedPhoto } from '../../../../test/support/seed-database.ts';
import { migrate, openDatabase, schemaVersion } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';

describe('migrations 005 (files stored by path) and 006 (describe queue)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-m005-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuild files keyed by (library_id, path), keeping every row, reference, counter and cascade', () => {
    const db = openDatabase(join(dir, 'k.db'), { upTo: 4 });
    const { libraryId, rootId } = seedLibrary(db, 'L', '/photos');
    const kept = seedPhoto(db, libraryId, [{ path: '/photos/a.jpg', rootId }, { path: '/photos/a.cr2', rootId, type: 'RAW_FILE' }]);
    const gone = seedPhoto(db, libraryId, [{ path: '/photos/b.jpg', rootId, missing: true }]);
    const undescribed = seedPhoto(db, libraryId, [{ path: '/photos/c.jpg', rootId }]);
    db.prepare(`UPDATE files SET error = 'cannot decode' WHERE hash = ?`).run(gone.fileHashes[0]);
    db.prepare(`UPDATE photos SET has_thumbnail = 1, width = 10 WHERE image_hash = ?`).run(kept.imageHash);
    const before = db.prepare('SELECT * FROM files ORDER BY hash').all();
    const countersBefore = counterValues(db, libraryId);

    migrate(db, MIGRATIONS, 6);
    assert.equal(schemaVersion(db), 6);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are back on');
    assert.deepEqual(db.prepare('SELECT * FROM files ORDER BY hash').all(), before);
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.deepEqual(counterValues(db, libraryId), countersBefore);
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    const pk = (db.prepare(`SELECT name FROM pragma_index_info('sqlite_autoindex_files_1')`).pluck().all() as string[]);
    assert.deepEqual(pk.slice(0, 2), ['library_id', 'path']);
    assert.throws(() => db.prepare(`INSERT INTO files (hash, library_id, path, type, size, mtime_ms) VALUES (?, ?, '/photos/x.jpg', 'IMAGE', 1, 0)`).run(kept.fileHashes[0], libraryId), /UNIQUE/, 'the hash stays unique');
    assert.throws(() => db.prepare(`INSERT INTO files (hash, library_id, path, type, size, mtime_ms) VALUES ('new1', ?, '/photos/a.jpg', 'IMAGE', 1, 0)`).run(libraryId), /UNIQUE|PRIMARY/, 'one row per path');
    // The counter triggers came back with the table.
    db.prepare(`INSERT INTO files (hash, library_id, path, type, size, mtime_ms) VALUES ('new2', ?, '/photos/d.jpg', 'IMAGE', 7, 0)`).run(libraryId);
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    // The folder query is one range of the table itself.
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT hash, size FROM files WHERE library_id = 1 AND path > '/photos/' AND path < '/photos0'`).all() as { detail: string }[];
    assert.ok(plan.some((row) => /PRIMARY KEY/.test(row.detail)), JSON.stringify(plan));
    // 006: only the photo that still waits for its thumbnail is queued (not the described one, not the undecodable one).
    assert.deepEqual(db.prepare('SELECT image_hash FROM photos WHERE needs_describe = 1').pluck().all(), [undescribed.imageHash]);
    // References cascade as before: removing the library removes its files and photos.
    db.prepare('DELETE FROM libraries WHERE id = ?').run(libraryId);
    assert.equal(db.prepare('SELECT COUNT(*) FROM files').pluck().get(), 0);
    assert.equal(db.prepare('SELECT COUNT(*) FROM photo_files').pluck().get(), 0);
    db.close();
  });
});
