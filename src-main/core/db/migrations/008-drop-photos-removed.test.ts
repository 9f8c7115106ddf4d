import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { counterValues, makeTempDir, realCounts, seedLibrary, seedPhoto } from '../../../../test/support/seed-database.ts';
import { migrate, openDatabase, schemaVersion } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('migration 008: photos.removed goes', () => {
  it('drops the column and keeps every photo, its values and the counters', () => {
    const db = openDatabase(join(temp.dir, 'k.db'), { upTo: 7 });
    const columns = () => (db.pragma('table_info(photos)') as { name: string }[]).map((column) => column.name);
    assert.ok(columns().includes('removed'));
    const { libraryId, rootId } = seedLibrary(db, 'L', '/photos');
    const kept = seedPhoto(db, libraryId, [{ path: '/photos/a.jpg', rootId }], { inTrash: true });
    seedPhoto(db, libraryId, [{ path: '/photos/b.jpg', rootId, missing: true }]);
    db.prepare('UPDATE photos SET rating = 3, caption = ? WHERE image_hash = ?').run('kept', kept.imageHash);
    const before = db.prepare('SELECT image_hash, rating, caption, availability, in_trashcan FROM photos ORDER BY image_hash').all();
    const counters = counterValues(db, libraryId);

    migrate(db, MIGRATIONS, 8);
    assert.equal(schemaVersion(db), 8);
    assert.ok(!columns().includes('removed'));
    assert.deepEqual(db.prepare('SELECT image_hash, rating, caption, availability, in_trashcan FROM photos ORDER BY image_hash').all(), before);
    assert.deepEqual(counterValues(db, libraryId), counters);
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    db.close();
  });
});
