import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase, type Db } from '../db/open-database.ts';
import { counterValues, makeTempDir, realCounts, seedFile, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { deleteDoomed } from './delete-doomed.ts';
import { countDoomed, prepareDoomed } from './doomed-preview.ts';
import { keepOnly, mostGo } from './keep-only.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;

const triggers = (db: Db) => db.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();

/**
 * Library A: 30 photos, 20 of them missing (what goes), with RAW and sidecar files, a file shared
 * with a photo that stays, album links, faces and sidecar rows, one in the trash; a missing file no
 * photo uses. Library B: `others` present photos, which make the doomed share small or large.
 */
function world(others: number) {
  const db = openDatabase(join(temp.dir, `world-${++n}.sqlite`));
  const a = seedLibrary(db, 'A', '/a');
  const b = seedLibrary(db, 'B', '/b');
  const album = (title: string) => Number(db.prepare(`INSERT INTO albums (library_id, kind, title, created_at) VALUES (?, 'user', ?, 'now')`).run(a.libraryId, title).lastInsertRowid);
  const albums = [album('one'), album('two')];
  const doomed: string[] = [];
  const stays: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < 30; i++) {
      const missing = i < 20;
      const files = [{ path: `/a/${i}.jpg`, rootId: a.rootId, missing, size: 100 + i }];
      if (i % 3 === 0) files.push({ path: `/a/${i}.nef`, rootId: a.rootId, missing, size: 5000 + i, type: 'RAW_FILE' } as (typeof files)[0]);
      if (i % 4 === 0) files.push({ path: `/a/${i}.xmp`, rootId: a.rootId, missing, size: 10 + i, type: 'METADATA_FILE' } as (typeof files)[0]);
      const photo = seedPhoto(db, a.libraryId, files, { inTrash: i === 5 || i === 25 });
      (missing ? doomed : stays).push(photo.imageHash);
      for (const id of albums.slice(0, 1 + (i % 2))) db.prepare('INSERT INTO album_photos (album_id, image_hash) VALUES (?, ?)').run(id, photo.imageHash);
      db.prepare(`INSERT INTO faces (image_hash, x, y, w, h, name) VALUES (?, ?, 0, 1, 1, ?)`).run(photo.imageHash, i / 100, i % 2 === 0 ? 'Ann' : null);
      if (i % 5 === 0) {
        db.prepare(`INSERT INTO sidecar_state (image_hash, library_id, path, size, digest, fields, synced_at) VALUES (?, ?, ?, 1, 'd', '{}', 'now')`).run(photo.imageHash, a.libraryId, `/a/${i}.xmp`);
        db.prepare(`INSERT INTO sidecar_pending (image_hash, library_id, changed_at) VALUES (?, ?, 'now')`).run(photo.imageHash, a.libraryId);
      }
    }
    // A doomed photo shares a file with one that stays: the file stays.
    const shared = seedFile(db, a.libraryId, { path: '/a/shared.jpg', rootId: a.rootId });
    db.prepare('INSERT INTO photo_files (image_hash, file_hash) VALUES (?, ?), (?, ?)').run(doomed[3], shared, stays[3], shared);
    seedFile(db, a.libraryId, { path: '/a/left-behind.jpg', rootId: a.rootId, missing: true });
    for (let i = 0; i < others; i++) seedPhoto(db, b.libraryId, [{ path: `/b/${i}.jpg`, rootId: b.rootId }]);
  })();
  return { db, a, b, doomed: doomed.sort() };
}

/** Library A as paths, so that two worlds (whose hashes differ) compare. */
function dump(db: Db, libraryId: number) {
  const all = (sql: string) => db.prepare(sql).raw().all(libraryId);
  const pathOf = `(SELECT path FROM files WHERE hash = p.main_file)`;
  return {
    files: all('SELECT path, type, missing, size FROM files WHERE library_id = ? ORDER BY path'),
    photos: all(`SELECT ${pathOf}, availability, in_trashcan, main_dir, main_name, search_text FROM photos p WHERE library_id = ? ORDER BY 1`),
    links: all(`SELECT ${pathOf}, a.title FROM album_photos ap JOIN photos p USING (image_hash) JOIN albums a ON a.id = ap.album_id WHERE p.library_id = ? ORDER BY 1, 2`),
    photoFiles: all(`SELECT ${pathOf}, f.path FROM photo_files pf JOIN photos p USING (image_hash) JOIN files f ON f.hash = pf.file_hash WHERE p.library_id = ? ORDER BY 1, 2`),
    faces: all(`SELECT ${pathOf}, x, name FROM faces JOIN photos p USING (image_hash) WHERE p.library_id = ? ORDER BY 1`),
    sidecars: all(`SELECT ${pathOf}, s.path FROM sidecar_state s JOIN photos p USING (image_hash) WHERE p.library_id = ? ORDER BY 1`),
    pending: all(`SELECT ${pathOf} FROM sidecar_pending s JOIN photos p USING (image_hash) WHERE p.library_id = ? ORDER BY 1`),
    albums: db.prepare('SELECT COUNT(*) FROM album_photos').pluck().get(),
    allFaces: db.prepare('SELECT COUNT(*) FROM faces').pluck().get(),
  };
}

describe('removing most of a table by emptying it (keepOnly)', () => {
  it('keeps exactly the rows asked for, with the table’s triggers and counters as they were', () => {
    const db = openDatabase(join(temp.dir, `keep-${++n}.sqlite`));
    const lib = seedLibrary(db, 'K', '/k');
    const hashes = db.transaction(() => Array.from({ length: 10 }, (_, i) => seedPhoto(db, lib.libraryId, [{ path: `/k/${i}.jpg`, rootId: lib.rootId }], { capturedAt: `2024-01-0${i % 9 + 1}` }).imageHash))();
    const before = triggers(db);
    const rows = (where: string) => db.prepare(`SELECT * FROM photos WHERE ${where} ORDER BY image_hash`).all();
    const kept = [hashes[2]!, hashes[7]!];
    const keptRows = rows(`image_hash IN ('${kept.join("','")}')`);
    const counters = counterValues(db, lib.libraryId);
    db.pragma('foreign_keys = OFF');
    const removed = db.transaction(() => keepOnly(db, 'photos', 'image_hash IN (?, ?)', ...kept))();
    assert.equal(removed, 8);
    assert.deepEqual(rows('1'), keptRows, 'the rows kept are unchanged, browse columns and all');
    assert.deepEqual(triggers(db), before);
    assert.deepEqual(counterValues(db, lib.libraryId), counters, 'no trigger fired for the rows put back (the caller subtracts what went)');
    assert.equal(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'keep_only_rows'`).pluck().get(), 0);
    db.close();
  });

  it('refuses outside a transaction and with foreign keys on, changing nothing', () => {
    const db = openDatabase(join(temp.dir, `refuse-${++n}.sqlite`));
    const lib = seedLibrary(db, 'R', '/r');
    seedPhoto(db, lib.libraryId, [{ path: '/r/a.jpg', rootId: lib.rootId }]);
    assert.throws(() => keepOnly(db, 'photos', '0'), /transaction/);
    assert.throws(() => db.transaction(() => keepOnly(db, 'photos', '0'))(), /foreign keys/);
    assert.equal(db.prepare('SELECT COUNT(*) FROM photos').pluck().get(), 1);
    db.close();
  });

  it('is chosen once half of the rows go', () => {
    assert.equal(mostGo(0, 0), false);
    assert.equal(mostGo(20, 30), true);
    assert.equal(mostGo(20, 130), false);
    assert.equal(mostGo(50, 100), true);
  });
});

describe('deleteDoomed, whether most photos go or few', () => {
  it('leaves the same library, counts and counters either way, as the preview said', () => {
    // 20 of 30 photos (and 33 of 50 files) go: the tables are emptied but for the rest. With 100
    // more photos in library B, 20 of 130 (33 of 150 files): their rows are deleted one by one.
    const results = [0, 100].map((others) => {
      const { db, a, b, doomed } = world(others);
      assert.equal(mostGo(doomed.length, 30 + others), others === 0);
      const before = triggers(db);
      const otherLibrary = realCounts(db, b.libraryId);
      prepareDoomed(db);
      db.prepare('INSERT INTO temp.doomed_photos (image_hash) SELECT value FROM json_each(?)').run(JSON.stringify(doomed));
      const preview = countDoomed(db, { orphanMissingFilesOf: a.libraryId });
      const removed = deleteDoomed(db, doomed, { orphanMissingFilesOf: a.libraryId });
      assert.deepEqual({ ...removed.counts, thumbnails: 0 }, preview, 'the preview counted exactly this');
      assert.deepEqual(counterValues(db, a.libraryId), realCounts(db, a.libraryId));
      assert.deepEqual(realCounts(db, b.libraryId), otherLibrary, 'the other library is untouched');
      assert.deepEqual(counterValues(db, b.libraryId), otherLibrary);
      assert.deepEqual(triggers(db), before);
      assert.deepEqual(db.pragma('foreign_key_check'), []);
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      const state = dump(db, a.libraryId);
      db.close();
      return { counts: removed.counts, state };
    });
    assert.deepEqual(results[0]!.counts, { photos: 20, faces: 20, album_links: 30, files: 33 });
    assert.deepEqual(results[1], results[0]);
    assert.equal(results[0]!.state.photos.length, 10);
    assert.ok(results[0]!.state.files.some((row) => (row as unknown[])[0] === '/a/shared.jpg'), 'the file a photo that stays uses stays');
  });
});
