import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../db/open-database.ts';
import { makeTempDir, seedFile, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { listMissing, listMissingFolders } from './missing-list.ts';

const temp = makeTempDir();
after(temp.cleanup);
const page = { offset: 0, limit: 100 };

describe('missing list', () => {
  const db = openDatabase(join(temp.dir, 'missing.sqlite'));
  const { libraryId, rootId } = seedLibrary(db, 'L', '/lib');
  const second = db.prepare("INSERT INTO roots (library_id, path, added_at) VALUES (?, '/other', 'x')").run(libraryId).lastInsertRowid as number;
  const missing = (path: string, root = rootId) => seedPhoto(db, libraryId, [{ path, rootId: root, missing: true }]).imageHash;
  const present = seedPhoto(db, libraryId, [{ path: '/lib/2020/present.jpg', rootId }]).imageHash;
  const m1 = missing('/lib/2020/a.jpg');
  const m2 = missing('/lib/2020/b.jpg');
  const m3 = missing('/lib/2021/c.jpg');
  // Folder names with LIKE wildcards: a filter on "100%_done" must not match "1000_done".
  const w1 = missing('/lib/100%_done/d.jpg');
  const w2 = missing('/lib/1000_done/e.jpg');
  const m4 = missing('/other/f.jpg', second);
  // Gone at different times; m3 and w1 in the same scan.
  const since = db.prepare('UPDATE photos SET missing_since = ? WHERE image_hash = ?');
  since.run('2024-03-06T00:00:00.000Z', m1);
  since.run('2024-03-05T00:00:00.000Z', m2);
  since.run('2024-03-04T00:00:00.000Z', m3);
  since.run('2024-03-04T00:00:00.000Z', w1);
  since.run('2024-03-02T00:00:00.000Z', w2);
  since.run('2024-02-01T00:00:00.000Z', m4);
  const listOrder = [m1, m2, ...[m3, w1].sort(), w2, m4];

  it('lists the missing photos only, most recently gone first (then by hash), with root and missing time', () => {
    const result = listMissing(db, { libraryId, kind: 'missing', ...page });
    assert.equal(result.total, 6);
    assert.deepEqual(result.items.map((p) => p.imageHash), listOrder);
    assert.ok(!result.items.some((p) => p.imageHash === present));
    const first = result.items.find((p) => p.imageHash === m1)!;
    assert.equal(first.lastKnownPath, '/lib/2020/a.jpg');
    assert.equal(first.rootId, rootId);
    assert.equal(first.rootPath, '/lib');
    assert.equal(first.missingSince !== null, true);
    assert.equal(first.missingSince, '2024-03-06T00:00:00.000Z');
    assert.deepEqual(first.labels, ['Missing']);
  });

  it('pages: consecutive pages cover the list exactly once, in order', () => {
    const slice = listMissing(db, { libraryId, kind: 'missing', offset: 2, limit: 2 });
    assert.deepEqual(slice.items.map((p) => p.imageHash), listOrder.slice(2, 4));
    assert.equal(slice.total, 6);
    const pages = [0, 2, 4].flatMap((offset) => listMissing(db, { libraryId, kind: 'missing', offset, limit: 2 }).items.map((p) => p.imageHash));
    assert.deepEqual(pages, listOrder);
    assert.deepEqual(listMissing(db, { libraryId, kind: 'missing', offset: 6, limit: 2 }).items, []);
  });

  it('the unfiltered total is the library counter, and agrees with the rows', () => {
    const counter = db.prepare('SELECT num_missing FROM library_counts WHERE library_id = ?').pluck().get(libraryId);
    assert.equal(listMissing(db, { libraryId, kind: 'missing', ...page }).total, counter);
    assert.equal(counter, db.prepare("SELECT COUNT(*) FROM photos WHERE library_id = ? AND availability = 'missing'").pluck().get(libraryId));
  });

  it('filters by root and by folder (recursive, safe against LIKE wildcards)', () => {
    const byRoot = listMissing(db, { libraryId, kind: 'missing', rootId: second, ...page });
    assert.deepEqual(byRoot.items.map((p) => p.imageHash), [m4]);
    assert.equal(byRoot.total, 1);
    const byFolder = listMissing(db, { libraryId, kind: 'missing', folder: '/lib/2020', ...page });
    assert.deepEqual(byFolder.items.map((p) => p.imageHash), [m1, m2]);
    assert.deepEqual(listMissing(db, { libraryId, kind: 'missing', folder: '/lib', offset: 1, limit: 2 }).items.map((p) => p.imageHash), [m2, listOrder[2]], 'a filtered page keeps the list order');
    assert.equal(listMissing(db, { libraryId, kind: 'missing', folder: '/lib/2020/', ...page }).total, 2);
    assert.deepEqual(listMissing(db, { libraryId, kind: 'missing', folder: '/lib/100%_done', ...page }).items.map((p) => p.imageHash), [w1]);
    assert.equal(listMissing(db, { libraryId, kind: 'missing', folder: '/lib', ...page }).total, 5);
    assert.equal(listMissing(db, { libraryId, kind: 'missing', folder: '/li', ...page }).total, 0, 'a folder is whole path segments');
  });

  it('lists folders with counts', () => {
    assert.deepEqual(listMissingFolders(db, libraryId), [
      { folder: '/lib/100%_done', count: 1 },
      { folder: '/lib/1000_done', count: 1 },
      { folder: '/lib/2020', count: 2 },
      { folder: '/lib/2021', count: 1 },
      { folder: '/other', count: 1 },
    ]);
  });

  it('finds a last known path when the main file is gone: any linked file, else the file with the photo hash', () => {
    const noMain = seedPhoto(db, libraryId, [{ path: '/lib/x/raw.cr2', rootId, type: 'RAW_FILE', missing: true }], { mainFile: null }).imageHash;
    // Detached: no link left, no main file, only the file whose hash is the photo's own.
    const detached = seedPhoto(db, libraryId, [{ path: '/lib/y/img.jpg', rootId, missing: true }], { mainFile: null, link: false }).imageHash;
    const items = listMissing(db, { libraryId, kind: 'missing', ...page }).items;
    assert.equal(items.find((p) => p.imageHash === noMain)?.lastKnownPath, '/lib/x/raw.cr2');
    assert.equal(items.find((p) => p.imageHash === detached)?.lastKnownPath, '/lib/y/img.jpg');
    const orphan = seedPhoto(db, libraryId, [], { mainFile: null }).imageHash;
    const none = listMissing(db, { libraryId, kind: 'missing', ...page }).items.find((p) => p.imageHash === orphan);
    assert.equal(none?.lastKnownPath, null, 'a photo with no file at all is still listed');
    db.prepare('DELETE FROM photos WHERE image_hash IN (?, ?, ?)').run(noMain, detached, orphan);
  });

  it("kind 'offline' lists the photos of roots that are not online, not the missing ones", () => {
    db.prepare("UPDATE roots SET state = 'offline' WHERE id = ?").run(second);
    refreshAvailability(db, libraryId);
    const offline = listMissing(db, { libraryId, kind: 'offline', ...page });
    assert.deepEqual(offline.items.map((p) => [p.imageHash, p.labels[0], p.driveName]), [[m4, 'Offline', '/other']]);
    assert.equal(listMissing(db, { libraryId, kind: 'missing', ...page }).total, 5);
    db.prepare("UPDATE roots SET state = 'online' WHERE id = ?").run(second);
    refreshAvailability(db, libraryId);
  });

  it('keeps files that are not photos out of it', () => {
    seedFile(db, libraryId, { path: '/lib/loose.jpg', rootId, missing: true });
    assert.equal(listMissing(db, { libraryId, kind: 'missing', ...page }).total, 6);
  });
});
