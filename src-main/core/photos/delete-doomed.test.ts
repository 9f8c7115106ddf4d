import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase, type Db } from '../db/open-database.ts';
import { counterValues, makeTempDir, realCounts, seedFile, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { holdCheckpoint } from '../db/hold-checkpoint.ts';
import { deleteDoomed } from './delete-doomed.ts';
import { countDoomed, prepareDoomed } from './doomed-preview.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;

const doom = (db: Db, imageHashes: readonly string[]): void => {
  prepareDoomed(db);
  const insert = db.prepare('INSERT INTO temp.doomed_photos (image_hash) VALUES (?)');
  for (const hash of imageHashes) insert.run(hash);
};
const exists = (db: Db, table: string, column: string, value: string): boolean =>
  db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ?`).get(value) !== undefined;

describe('set-based removal of photos (deleteDoomed)', () => {
  it('removes thousands of photos across statement chunks with all they hold, keeping counters exact', () => {
    const db = openDatabase(join(temp.dir, `many-${++n}.sqlite`));
    const lib = seedLibrary(db, 'Many', '/many');
    const other = seedLibrary(db, 'Other', '/other');
    const album = Number(db.prepare(`INSERT INTO albums (library_id, kind, title, created_at) VALUES (?, 'user', 'A', 'now')`).run(lib.libraryId).lastInsertRowid);
    const doomed: string[] = [];
    const kept: string[] = [];
    // 4,501 doomed photos: more than two full chunks of bound keys and a partial one.
    db.transaction(() => {
      for (let i = 0; i < 6000; i++) {
        const photo = seedPhoto(db, lib.libraryId, [{ path: `/many/${i}.jpg`, rootId: lib.rootId, missing: i < 4501, size: 10 + i }], { inTrash: i % 7 === 0 });
        (i < 4501 ? doomed : kept).push(photo.imageHash);
        db.prepare('INSERT INTO album_photos (album_id, image_hash) VALUES (?, ?)').run(album, photo.imageHash);
        db.prepare('INSERT INTO faces (image_hash, x, y, w, h) VALUES (?, 0, 0, 1, 1), (?, 0, 0, 1, 1)').run(photo.imageHash, photo.imageHash);
      }
      seedPhoto(db, other.libraryId, [{ path: '/other/o.jpg', rootId: other.rootId, missing: true }]);
    })();
    const before = realCounts(db, lib.libraryId);
    doom(db, doomed);
    const preview = countDoomed(db);
    const removed = deleteDoomed(db, [...doomed].sort());
    assert.deepEqual(removed.counts, { photos: 4501, faces: 9002, album_links: 4501, files: 4501 });
    assert.deepEqual({ ...removed.counts, thumbnails: 0 }, preview, 'the preview counted exactly this');
    assert.deepEqual([...removed.imageHashes].sort(), [...doomed].sort());
    assert.equal(db.prepare('SELECT COUNT(*) FROM photos WHERE library_id = ?').pluck().get(lib.libraryId), 1499);
    assert.equal(db.prepare('SELECT COUNT(*) FROM faces').pluck().get(), 2 * 1499);
    assert.equal(db.prepare('SELECT COUNT(*) FROM album_photos').pluck().get(), 1499);
    for (const hash of kept.slice(0, 50)) assert.ok(exists(db, 'files', 'hash', hash));
    const after = realCounts(db, lib.libraryId);
    assert.ok(after.num_photos! < before.num_photos!);
    assert.deepEqual(counterValues(db, lib.libraryId), after);
    assert.deepEqual(counterValues(db, other.libraryId), realCounts(db, other.libraryId), 'the other library is untouched');
    assert.equal(realCounts(db, other.libraryId).num_photos, 1);
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    db.close();
  });

  it('takes a photo’s other files (RAW, sidecar, a main file that is not its own hash) but keeps files a surviving photo uses', () => {
    const db = openDatabase(join(temp.dir, `shared-${++n}.sqlite`));
    const lib = seedLibrary(db, 'Shared', '/s');
    // Doomed: a JPEG + RAW + XMP photo whose main file was switched to the RAW.
    const group = seedPhoto(db, lib.libraryId, [
      { path: '/s/a.jpg', rootId: lib.rootId, missing: true },
      { path: '/s/a.cr2', rootId: lib.rootId, type: 'RAW_FILE', missing: true },
      { path: '/s/a.xmp', rootId: lib.rootId, type: 'METADATA_FILE', missing: true },
    ]);
    const [jpg, raw, xmp] = group.fileHashes as [string, string, string];
    db.prepare('UPDATE photos SET main_file = ? WHERE image_hash = ?').run(raw, group.imageHash);
    // Doomed: a photo whose main file is linked to it only through main_file (no photo_files row).
    const loose = seedFile(db, lib.libraryId, { path: '/s/loose.jpg', rootId: lib.rootId, missing: true });
    const mainOnly = seedPhoto(db, lib.libraryId, [{ path: '/s/b.jpg', rootId: lib.rootId, missing: true }]);
    db.prepare('UPDATE photos SET main_file = ? WHERE image_hash = ?').run(loose, mainOnly.imageHash);
    // Doomed: a photo sharing a file with a survivor (the file stays), and the survivor itself.
    const shared = seedFile(db, lib.libraryId, { path: '/s/shared.jpg', rootId: lib.rootId });
    const sharer = seedPhoto(db, lib.libraryId, [{ path: '/s/c.jpg', rootId: lib.rootId, missing: true }]);
    const survivor = seedPhoto(db, lib.libraryId, [{ path: '/s/d.jpg', rootId: lib.rootId }]);
    db.prepare('INSERT INTO photo_files (image_hash, file_hash) VALUES (?, ?), (?, ?)').run(sharer.imageHash, shared, survivor.imageHash, shared);
    // A doomed photo whose own-hash file a surviving photo has as its main file: that file stays.
    const lent = seedPhoto(db, lib.libraryId, [{ path: '/s/e.jpg', rootId: lib.rootId, missing: true }]);
    db.prepare('UPDATE photos SET main_file = ? WHERE image_hash = ?').run(lent.imageHash, survivor.imageHash);
    // Copies and embedded media of doomed files go with them.
    db.prepare(`INSERT INTO file_copies (library_id, path, hash, size, mtime_ms) VALUES (?, '/s/copy-of-a.jpg', ?, 1, 0)`).run(lib.libraryId, jpg);
    db.prepare('INSERT INTO file_embedded_media (file_hash, embedded_hash) VALUES (?, ?), (?, ?)').run(jpg, xmp, survivor.imageHash, raw);

    doom(db, [group.imageHash, mainOnly.imageHash, sharer.imageHash, lent.imageHash]);
    const preview = countDoomed(db);
    const removed = deleteDoomed(db, [group.imageHash, mainOnly.imageHash, sharer.imageHash, lent.imageHash].sort());
    // jpg, raw, xmp, loose, b.jpg (mainOnly's own file), c.jpg; not shared.jpg, not e.jpg.
    assert.equal(removed.counts.files, 6);
    assert.equal(removed.counts.photos, 4);
    assert.deepEqual({ ...removed.counts, thumbnails: 0 }, preview);
    for (const gone of [jpg, raw, xmp, loose, mainOnly.imageHash, sharer.imageHash]) assert.equal(exists(db, 'files', 'hash', gone), false, gone);
    assert.ok(exists(db, 'files', 'hash', shared), 'a file a surviving photo links stays');
    assert.ok(exists(db, 'files', 'hash', lent.imageHash), 'a file that is a surviving photo’s main file stays');
    assert.ok(exists(db, 'photo_files', 'file_hash', shared));
    assert.equal(db.prepare('SELECT COUNT(*) FROM file_copies').pluck().get(), 0);
    assert.equal(db.prepare('SELECT COUNT(*) FROM file_embedded_media').pluck().get(), 0, 'links from and to removed files both go');
    assert.deepEqual(counterValues(db, lib.libraryId), realCounts(db, lib.libraryId));
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    db.close();
  });

  it('keeps each library’s counters exact when the doomed photos span libraries', () => {
    const db = openDatabase(join(temp.dir, `two-${++n}.sqlite`));
    const a = seedLibrary(db, 'A', '/a');
    const b = seedLibrary(db, 'B', '/b');
    const doomed = [
      seedPhoto(db, a.libraryId, [{ path: '/a/1.jpg', rootId: a.rootId, missing: true }]).imageHash,
      seedPhoto(db, a.libraryId, [{ path: '/a/2.jpg', rootId: a.rootId }], { inTrash: true }).imageHash,
      seedPhoto(db, b.libraryId, [{ path: '/b/1.jpg', rootId: b.rootId, missing: true }]).imageHash,
    ];
    seedPhoto(db, a.libraryId, [{ path: '/a/3.jpg', rootId: a.rootId }]);
    seedPhoto(db, b.libraryId, [{ path: '/b/2.jpg', rootId: b.rootId, missing: true }]);
    assert.deepEqual(deleteDoomed(db, doomed.sort()).counts, { photos: 3, faces: 0, album_links: 0, files: 3 });
    for (const library of [a, b]) {
      assert.deepEqual(counterValues(db, library.libraryId), realCounts(db, library.libraryId));
      assert.equal(realCounts(db, library.libraryId).num_photos, 1);
    }
    assert.equal(realCounts(db, b.libraryId).num_missing, 1);
    db.close();
  });

  it('keeps the per-type file counters exact whether it subtracts what goes (a few files) or recounts what stays (most of them)', () => {
    const db = openDatabase(join(temp.dir, `recount-${++n}.sqlite`));
    const lib = seedLibrary(db, 'Types', '/types');
    const perType = () => db.prepare('SELECT type, num_files, bytes FROM library_file_counts WHERE library_id = ? ORDER BY type').all(lib.libraryId);
    const realPerType = () => {
      const real = new Map((db.prepare('SELECT type, COUNT(*) AS n, SUM(size) AS b FROM files WHERE library_id = ? GROUP BY type').all(lib.libraryId) as { type: string; n: number; b: number }[]).map((r) => [r.type, r]));
      return (db.prepare('SELECT type FROM library_file_counts WHERE library_id = ? ORDER BY type').pluck().all(lib.libraryId) as string[]).map((type) => ({ type, num_files: real.get(type)?.n ?? 0, bytes: real.get(type)?.b ?? 0 }));
    };
    // 200 photos of two files: a JPEG, and a RAW (the first 100) or a sidecar (the others). 400 files.
    const photos = db.transaction(() =>
      Array.from({ length: 200 }, (_, i) =>
        seedPhoto(db, lib.libraryId, [
          { path: `/types/${i}.jpg`, rootId: lib.rootId, missing: true, size: 1000 + i },
          i < 100 ? { path: `/types/${i}.nef`, rootId: lib.rootId, missing: true, type: 'RAW_FILE', size: 5000 + i } : { path: `/types/${i}.xmp`, rootId: lib.rootId, missing: true, type: 'METADATA_FILE', size: 10 + i },
        ]).imageHash,
      ),
    )();
    // 10 photos (20 files) go, 380 files stay: the counters lose what is read of the 20.
    assert.equal(deleteDoomed(db, photos.slice(0, 10).sort()).counts.files, 20);
    assert.deepEqual(perType(), realPerType());
    // Every RAW photo left and 80 others go (340 files), 40 stay: the counters are recounted, and the
    // RAW count, with no row left to count, is set to 0.
    assert.equal(deleteDoomed(db, photos.slice(10, 180).sort()).counts.files, 340);
    assert.deepEqual(perType(), realPerType());
    assert.deepEqual((perType() as { type: string; num_files: number }[]).find((row) => row.type === 'RAW_FILE')?.num_files, 0);
    assert.deepEqual(counterValues(db, lib.libraryId), realCounts(db, lib.libraryId));
    db.close();
  });

  it('deletes nothing and keeps the counter triggers when nothing is doomed', () => {
    const db = openDatabase(join(temp.dir, `none-${++n}.sqlite`));
    const lib = seedLibrary(db, 'None', '/n');
    seedPhoto(db, lib.libraryId, [{ path: '/n/a.jpg', rootId: lib.rootId }]);
    assert.deepEqual(deleteDoomed(db, []).counts, { photos: 0, faces: 0, album_links: 0, files: 0 });
    const triggers = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ('photos_count_delete', 'files_count_delete')`).pluck().all();
    assert.equal(triggers.length, 2);
    db.close();
  });

  it('holds the WAL checkpoint back across the delete and the writes after it, then runs it and restores the automatic one', () => {
    const db = openDatabase(join(temp.dir, `checkpoint-${++n}.sqlite`));
    const lib = seedLibrary(db, 'Checkpoint', '/c');
    db.pragma('wal_autocheckpoint = 10');
    const doomed: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < 500; i++) doomed.push(seedPhoto(db, lib.libraryId, [{ path: `/c/${i}.jpg`, rootId: lib.rootId, missing: true }]).imageHash);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Frames in the WAL, and how many of them are copied back (a PASSIVE checkpoint reports both).
    const wal = () => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0]!;
    const release = holdCheckpoint(db);
    deleteDoomed(db, doomed.sort());
    db.prepare('UPDATE libraries SET name = ? WHERE id = ?').run('Checkpoint 2', lib.libraryId); // what a progress update does
    assert.equal(db.prepare('SELECT count(*) FROM photos').pluck().get(), 0);
    // Checkpointed automatically at the delete's commit, the WAL would have started over at this
    // small write (a frame or two); held, the write went after the delete's hundreds of frames.
    assert.ok(wal().log > 20, 'no checkpoint ran while held');
    release();
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 10, 'the automatic checkpoint is back as it was');
    const after = wal();
    assert.equal(after.checkpointed, after.log, 'everything in the WAL was copied back');
    db.close();
  });
});
