import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { counterValues, realCounts, seedLibrary, seedPhoto } from '../../../../test/support/seed-database.ts';
import { filterSql } from '../../photos/photo-filter.ts';
import { migrate, openDatabase, schemaVersion, type Db } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';

const triggers = (db: Db) => db.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
const pathsInStorageOrder = (db: Db) =>
  db.prepare('SELECT f.path FROM photos p JOIN files f ON f.hash = p.main_file ORDER BY p.rowid').pluck().all() as string[];

describe('migration 016 (photos stored in folder order)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-m016-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds photos in folder order, keeping every row, reference, trigger, counter and cascade', () => {
    const db = openDatabase(join(dir, 'k.db'), { upTo: 15 });
    const { libraryId, rootId } = seedLibrary(db, 'L', '/photos');
    // Scanned interleaved (as two workers might): storage by hash scattered them anyway.
    const b1 = seedPhoto(db, libraryId, [{ path: '/photos/b/1.jpg', rootId }], { capturedAt: '2024-05-01T10:00:00' });
    const a1 = seedPhoto(db, libraryId, [{ path: '/photos/a/1.jpg', rootId }, { path: '/photos/a/1.cr2', rootId, type: 'RAW_FILE' }]);
    const b2 = seedPhoto(db, libraryId, [{ path: '/photos/b/2.jpg', rootId, missing: true }]);
    const a2 = seedPhoto(db, libraryId, [{ path: '/photos/a/2.jpg', rootId }], { inTrash: true });
    db.prepare(`UPDATE photos SET rating = 4, caption = 'Beach' WHERE image_hash = ?`).run(a1.imageHash);
    const album = db.prepare(`INSERT INTO albums (library_id, kind, title, created_at) VALUES (?, 'user', 'Summer', '2024-01-01')`).run(libraryId).lastInsertRowid;
    db.prepare('INSERT INTO album_photos (album_id, image_hash) VALUES (?, ?)').run(album, b1.imageHash);
    db.prepare('INSERT INTO faces (image_hash, x, y, w, h, name) VALUES (?, 0, 0, 1, 1, ?)').run(a1.imageHash, 'Ada');
    const rows = () => db.prepare('SELECT * FROM photos ORDER BY image_hash').all();
    const before = rows();
    const triggersBefore = triggers(db);
    const countersBefore = counterValues(db, libraryId);

    migrate(db, MIGRATIONS, 16);
    assert.equal(schemaVersion(db), 16);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are back on');
    assert.deepEqual(rows(), before, 'every photo as it was: rating, caption, availability, trash, browse columns');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.deepEqual(triggers(db), triggersBefore, 'the same triggers, as stored');
    assert.deepEqual(counterValues(db, libraryId), countersBefore);
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    assert.deepEqual(pathsInStorageOrder(db), ['/photos/a/1.jpg', '/photos/a/2.jpg', '/photos/b/1.jpg', '/photos/b/2.jpg'], 'a folder’s photos side by side');
    assert.throws(() => db.prepare(`INSERT INTO photos (image_hash, library_id, added_at) VALUES (?, ?, '2024-01-01')`).run(a1.imageHash, libraryId), /UNIQUE/, 'one row per content hash');

    // The triggers work on the new table: a new photo gets its browse columns and counts; a moved file moves its photo's folder.
    const c1 = seedPhoto(db, libraryId, [{ path: '/photos/c/1.jpg', rootId }]);
    assert.equal(db.prepare('SELECT main_dir FROM photos WHERE image_hash = ?').pluck().get(c1.imageHash), '/photos/c/');
    db.prepare('UPDATE files SET path = ? WHERE hash = ?').run('/photos/d/1.jpg', c1.fileHashes[0]);
    assert.equal(db.prepare('SELECT main_dir FROM photos WHERE image_hash = ?').pluck().get(c1.imageHash), '/photos/d/');
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    assert.equal(pathsInStorageOrder(db).at(-1), '/photos/d/1.jpg', 'a photo added later is stored after the others');

    // References cascade as before: removing the library removes its photos, links, album links and faces.
    db.prepare('DELETE FROM libraries WHERE id = ?').run(libraryId);
    for (const table of ['photos', 'photo_files', 'album_photos', 'faces']) assert.equal(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), 0, table);
    assert.ok([a2, b2].every((photo) => photo.imageHash !== ''));
    db.close();
  });

  it('every order of the grid is still read off an index without a sort, and a folder off its index alone', () => {
    const db = openDatabase(join(dir, 'fresh.db'));
    const { libraryId } = seedLibrary(db, 'L', '/photos');
    for (const sort of ['captured', 'added', 'name'] as const) {
      for (const folder of [undefined, '/photos/a']) {
        const filter = filterSql({ libraryId, view: 'all', sort, ...(folder === undefined ? {} : { folder }) });
        const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT p.image_hash FROM photos p WHERE ${filter.where} ORDER BY ${filter.order} LIMIT 200`).all(filter.params) as { detail: string }[];
        const details = plan.map((row) => row.detail).join('; ');
        assert.match(details, /USING (COVERING )?INDEX/, `${sort} ${folder ?? ''}: ${details}`);
        // A folder is a range of its index (its subfolders with it), sorted there: a few hundred rows, not the library.
        if (folder === undefined) assert.doesNotMatch(details, /TEMP B-TREE/, `${sort}: ${details}`);
        else assert.match(details, /INDEX photos_library_folder/, `${sort} ${folder}: ${details}`);
      }
    }
    db.close();
  });
});
