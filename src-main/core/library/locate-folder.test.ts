import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openDatabase, type Db } from '../db/open-database.ts';
import { addFace } from '../faces/faces.ts';
import { md5File } from '../hashing/hash-file.ts';
import { locateFolder } from './locate-folder.ts';
import { addToAlbumsOfAllKinds, markFileMissing, seedFiles } from '../../../test/support/seed-scanned-files.ts';

interface PhotoState {
  availability: string;
  rating: number;
  caption: string;
  albums: number;
  faces: number;
  path: string;
  missing: number;
}

describe('Locate folder (real files in a temp dir)', () => {
  let dir = '';
  let db: Db;
  let libraryId = 0;
  let rootId = 0;
  let root = '';
  let hashes: string[] = [];
  const hashCalls: string[] = [];
  const countingMd5 = async (path: string) => {
    hashCalls.push(path);
    return md5File(path);
  };
  const state = (hash: string): PhotoState =>
    db
      .prepare(
        `SELECT p.availability, p.rating, p.caption,
           (SELECT COUNT(*) FROM album_photos WHERE image_hash = p.image_hash) AS albums,
           (SELECT COUNT(*) FROM faces WHERE image_hash = p.image_hash) AS faces, f.path, f.missing
         FROM photos p JOIN files f ON f.hash = p.main_file WHERE p.image_hash = ?`,
      )
      .get(hash) as PhotoState;

  beforeEach(async () => {
    hashCalls.length = 0;
    dir = mkdtempSync(join(tmpdir(), 'keepsake-locate-'));
    db = openDatabase(join(dir, 'keepsake.db'));
    root = join(dir, 'Pictures');
    mkdirSync(join(root, 'Trip', 'day2'), { recursive: true });
    const files = ['Trip/a.jpg', 'Trip/b.jpg', 'Trip/day2/c.jpg', 'Trip/d.jpg', 'Trip/e.jpg', 'home.jpg'].map((name) => join(root, name));
    files.forEach((file, i) => writeFileSync(file, `photo ${i} `.repeat(50 + i)));
    libraryId = Number(db.prepare(`INSERT INTO libraries (name, created_at) VALUES ('L', 'now')`).run().lastInsertRowid);
    rootId = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, 'now')`).run(libraryId, root).lastInsertRowid);
    hashes = await seedFiles(db, libraryId, rootId, files);
    // Metadata the user gave: a rating, a caption, albums of all four kinds, a face.
    const [a, b, c] = hashes as [string, string, string];
    db.prepare(`UPDATE photos SET rating = 5, caption = 'sunset' WHERE image_hash = ?`).run(a);
    db.prepare(`UPDATE photos SET rating = 3 WHERE image_hash = ?`).run(c);
    addToAlbumsOfAllKinds(db, libraryId, [a, b]);
    addFace(db, a, { x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, 'Ann');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('relinks a moved folder by relative path, with ratings, albums and faces intact, hashing only where size is not enough', async () => {
    const [a, b, c, d, e, home] = hashes as [string, string, string, string, string, string];
    // Outside the app: the folder is renamed (mtimes kept), then Scan for Missing flags its files.
    renameSync(join(root, 'Trip'), join(root, 'Trip 2019'));
    const moved = join(root, 'Trip 2019');
    // b: same bytes, touched (another mtime) → must be hashed, then relinked.
    utimesSync(join(moved, 'b.jpg'), new Date('2020-01-01'), new Date('2020-01-01'));
    // d: same size, other content, other mtime → hashed, mismatched, left missing.
    const dContent = (await import('node:fs')).readFileSync(join(moved, 'd.jpg'));
    dContent[0] = dContent[0] === 0x41 ? 0x42 : 0x41;
    writeFileSync(join(moved, 'd.jpg'), dContent);
    // e: deleted → not found.
    rmSync(join(moved, 'e.jpg'));
    for (const hash of [a, b, c, d, e]) markFileMissing(db, libraryId, hash);
    assert.equal(state(a).availability, 'missing');
    assert.equal(db.prepare('SELECT num_missing FROM library_counts WHERE library_id = ?').pluck().get(libraryId), 5);

    const result = await locateFolder(db, libraryId, join(root, 'Trip'), moved, { hashFile: countingMd5 });

    assert.deepEqual(result, { relinked: 3, hashed: 2, not_found: 1, mismatched: 1 });
    assert.deepEqual(hashCalls.sort(), [join(moved, 'b.jpg'), join(moved, 'd.jpg')]);
    assert.deepEqual(state(a), { availability: 'present', rating: 5, caption: 'sunset', albums: 4, faces: 1, path: join(moved, 'a.jpg'), missing: 0 });
    assert.deepEqual(state(b), { availability: 'present', rating: 0, caption: '', albums: 4, faces: 0, path: join(moved, 'b.jpg'), missing: 0 });
    assert.deepEqual(state(c), { availability: 'present', rating: 3, caption: '', albums: 0, faces: 0, path: join(moved, 'day2', 'c.jpg'), missing: 0 });
    assert.equal(state(d).availability, 'missing');
    assert.equal(state(d).path, join(root, 'Trip', 'd.jpg'), 'a mismatched file keeps its last known path');
    assert.equal(state(e).availability, 'missing');
    assert.equal(state(home).availability, 'present');
    assert.equal(db.prepare('SELECT num_missing FROM library_counts WHERE library_id = ?').pluck().get(libraryId), 2);
    // Relinked files are attached to their photos again.
    assert.equal(db.prepare('SELECT COUNT(*) FROM photo_files WHERE file_hash IN (?, ?, ?)').pluck().get(a, b, c), 3);
  });

  it('locating a root moves the root itself (a drive copied to a new disk), marker written at the new place', async () => {
    const newRoot = join(dir, 'NewDisk', 'Pictures');
    mkdirSync(join(dir, 'NewDisk'));
    renameSync(root, newRoot);
    db.prepare(`UPDATE roots SET state = 'offline' WHERE id = ?`).run(rootId);
    const result = await locateFolder(db, libraryId, root, newRoot, { hashFile: countingMd5 });
    assert.deepEqual(result, { relinked: 6, hashed: 0, not_found: 0, mismatched: 0 });
    assert.equal(hashCalls.length, 0);
    const row = db.prepare('SELECT path, state, marker_id FROM roots WHERE id = ?').get(rootId) as { path: string; state: string; marker_id: string };
    assert.equal(row.path, newRoot);
    assert.equal(row.state, 'online');
    assert.ok(row.marker_id);
    assert.equal(db.prepare(`SELECT COUNT(*) FROM photos WHERE library_id = ? AND availability = 'present'`).pluck().get(libraryId), 6);
    assert.equal(state(hashes[0] as string).rating, 5);
  });

  it('refuses bad input and changes nothing', async () => {
    await assert.rejects(locateFolder(db, libraryId, join(root, 'Trip'), join(dir, 'does-not-exist')), /not a folder/);
    await assert.rejects(locateFolder(db, libraryId, join(dir, 'Unknown'), root), /Nothing is recorded/);
    await assert.rejects(locateFolder(db, 999, join(root, 'Trip'), root), /No library/);
    assert.equal(state(hashes[0] as string).path, join(root, 'Trip', 'a.jpg'));
  });

  it('a folder moved outside every root becomes a new root of the library', async () => {
    const outside = join(dir, 'Elsewhere');
    renameSync(join(root, 'Trip'), outside);
    const result = await locateFolder(db, libraryId, join(root, 'Trip'), outside);
    assert.equal(result.relinked, 5);
    const roots = db.prepare('SELECT path FROM roots WHERE library_id = ? ORDER BY id').pluck().all(libraryId);
    assert.deepEqual(roots, [root, outside]);
    const newRootId = db.prepare('SELECT id FROM roots WHERE path = ?').pluck().get(outside);
    assert.equal(db.prepare('SELECT root_id FROM files WHERE hash = ?').pluck().get(hashes[0]), newRootId);
  });
});
