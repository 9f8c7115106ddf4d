import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { openDatabase, type Db } from '../db/open-database.ts';
import { refreshAvailability } from './availability.ts';
import { chooseMainFiles } from './main-file.ts';
import { statementsPreparedBy } from '../../../test/support/prepared-statements.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;

const fresh = (): { db: Db; libraryId: number; rootId: number } => {
  const db = openDatabase(join(temp.dir, `main-${++n}.sqlite`));
  return { db, ...seedLibrary(db, 'L', '/p') };
};
const mainOf = (db: Db, imageHash: string) => db.prepare('SELECT main_file FROM photos WHERE image_hash = ?').pluck().get(imageHash) as string | null;
const setMissing = (db: Db, hash: string) => db.prepare('UPDATE files SET missing = 1 WHERE hash = ?').run(hash);

describe('the main-file rule (chooseMainFiles)', () => {
  it('a picture, else a video, else a RAW; ties by path; a sidecar never', () => {
    const { db, libraryId, rootId } = fresh();
    const p = seedPhoto(db, libraryId, [
      { path: '/p/x.xmp', rootId, type: 'METADATA_FILE' },
      { path: '/p/x.nef', rootId, type: 'RAW_FILE' },
      { path: '/p/x.mov', rootId, type: 'VIDEO' },
      { path: '/p/x.png', rootId },
      { path: '/p/x.jpg', rootId },
    ]);
    const [xmp, nef, mov, png, jpg] = p.fileHashes as [string, string, string, string, string];
    assert.equal(mainOf(db, p.imageHash), xmp, 'seeded with the sidecar as main');
    assert.deepEqual(chooseMainFiles(db, libraryId, [p.imageHash]), [{ imageHash: p.imageHash, mainFile: jpg }], 'x.jpg sorts before x.png');
    setMissing(db, jpg);
    chooseMainFiles(db, libraryId, [p.imageHash]);
    assert.equal(mainOf(db, p.imageHash), png);
    setMissing(db, png);
    chooseMainFiles(db, libraryId, [p.imageHash]);
    assert.equal(mainOf(db, p.imageHash), mov);
    setMissing(db, mov);
    chooseMainFiles(db, libraryId, [p.imageHash]);
    assert.equal(mainOf(db, p.imageHash), nef);
    setMissing(db, nef);
    assert.deepEqual(chooseMainFiles(db, libraryId, [p.imageHash]), [], 'no present file: the main file stays where it was last seen');
    assert.equal(mainOf(db, p.imageHash), nef);
    db.close();
  });

  it('keeps a present main file nothing outranks, and gives a photo that lost its main file row one', () => {
    const { db, libraryId, rootId } = fresh();
    const video = seedPhoto(db, libraryId, [{ path: '/p/b.mov', rootId, type: 'VIDEO' }, { path: '/p/a.mov', rootId, type: 'VIDEO' }]);
    assert.deepEqual(chooseMainFiles(db, libraryId, [video.imageHash]), [], 'same rank: the current main stays, whatever the path order');
    const orphan = seedPhoto(db, libraryId, [{ path: '/p/c.jpg', rootId }], { mainFile: null });
    assert.deepEqual(chooseMainFiles(db, libraryId, [orphan.imageHash]), [{ imageHash: orphan.imageHash, mainFile: orphan.imageHash }]);
    db.close();
  });

  it('never chooses a file on a drive that is not online', () => {
    const { db, libraryId, rootId } = fresh();
    const drive = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at, state) VALUES (?, '/usb', 'now', 'offline')`).run(libraryId).lastInsertRowid);
    const p = seedPhoto(db, libraryId, [{ path: '/p/d.nef', rootId, type: 'RAW_FILE' }, { path: '/usb/d.jpg', rootId: drive }]);
    assert.deepEqual(chooseMainFiles(db, libraryId, [p.imageHash]), []);
    assert.equal(mainOf(db, p.imageHash), p.fileHashes[0]);
    db.prepare(`UPDATE roots SET state = 'online' WHERE id = ?`).run(drive);
    assert.deepEqual(chooseMainFiles(db, libraryId, [p.imageHash]), [{ imageHash: p.imageHash, mainFile: p.fileHashes[1] }], 'back online, the picture wins');
    db.close();
  });

  it('presentOnly looks only at present photos and photos without a main file', () => {
    const { db, libraryId, rootId } = fresh();
    const p = seedPhoto(db, libraryId, [{ path: '/p/e.nef', rootId, type: 'RAW_FILE' }, { path: '/p/e.jpg', rootId }]);
    db.prepare(`UPDATE photos SET availability = 'missing' WHERE image_hash = ?`).run(p.imageHash);
    assert.deepEqual(chooseMainFiles(db, libraryId, [p.imageHash], { presentOnly: true }), []);
    refreshAvailability(db, libraryId, [p.imageHash]);
    assert.equal(chooseMainFiles(db, libraryId, [p.imageHash], { presentOnly: true }).length, 1);
    db.close();
  });

  it('reads the listed photos by key, never the whole library', () => {
    const seeded = fresh();
    const { libraryId, rootId } = seeded;
    const hashes = Array.from({ length: 20 }, (_, i) => seedPhoto(seeded.db, libraryId, [{ path: `/p/${i}.jpg`, rootId }]).imageHash);
    seeded.db.exec('ANALYZE');
    seeded.db.close();
    // A connection of its own: statements are prepared once per connection, and seeding prepared them.
    const db = openDatabase(join(temp.dir, `main-${n}.sqlite`));
    const statements = statementsPreparedBy(db, () => {
      chooseMainFiles(db, libraryId, hashes.slice(0, 5));
      chooseMainFiles(db, libraryId, hashes.slice(0, 5), { presentOnly: true });
      refreshAvailability(db, libraryId, hashes.slice(0, 5));
    });
    assert.equal(statements.length, 3);
    for (const sql of statements) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ libraryId, hashes: '[]', stamp: 'now' }) as { detail: string }[]).map((row) => row.detail);
      assert.ok(plan.some((detail) => /SEARCH (p|photos) USING INDEX sqlite_autoindex_photos_1 \(image_hash=\?\)/.test(detail)), `${sql}\n${plan.join('\n')}`);
      assert.ok(!plan.some((detail) => /^SCAN (p|photos|files|photo_files)\b/.test(detail)), `${sql}\n${plan.join('\n')}`);
    }
    db.close();
  });
});
