import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../../test/support/seed-database.ts';
import { migrate, openDatabase, schemaVersion } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('migration 013: sidecars', () => {
  it('keeps sidecars off for the libraries there were, and adds the sidecar state and queue, gone with their photo', () => {
    const db = openDatabase(join(temp.dir, 'k.db'), { upTo: 12 });
    const { libraryId, rootId } = seedLibrary(db, 'L', '/photos');
    const { imageHash: photo } = seedPhoto(db, libraryId, [{ path: '/photos/a.jpg', rootId }]);
    migrate(db, MIGRATIONS, 13);
    assert.equal(schemaVersion(db), 13);
    assert.equal(db.prepare('SELECT write_sidecars FROM libraries WHERE id = ?').pluck().get(libraryId), 0);
    assert.equal(db.prepare('SELECT color_label FROM photos').pluck().get(), '');
    db.prepare(`INSERT INTO sidecar_state (image_hash, library_id, path, size, digest, fields, synced_at) VALUES (?, ?, '/photos/a.jpg.xmp', 1, 'd', '{}', 'now')`).run(photo, libraryId);
    db.prepare(`INSERT INTO sidecar_pending (image_hash, library_id, changed_at) VALUES (?, ?, 'now')`).run(photo, libraryId);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT image_hash FROM sidecar_pending WHERE library_id = ? AND tried_at IS NULL`).all(libraryId) as { detail: string }[];
    assert.match(plan.map((row) => row.detail).join(' '), /sidecar_pending_library/);
    db.prepare('DELETE FROM photos WHERE image_hash = ?').run(photo);
    assert.deepEqual([db.prepare('SELECT count(*) FROM sidecar_state').pluck().get(), db.prepare('SELECT count(*) FROM sidecar_pending').pluck().get()], [0, 0]);
    assert.throws(() => db.prepare('UPDATE libraries SET write_sidecars = 2').run(), /CHECK/);
    db.close();
  });
});
