import assert from 'node:assert/strict';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../db/open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { forgetFolderStates, listMissingGroups } from './missing-groups.ts';
import { listMissing } from './missing-list.ts';
import { statementsPreparedBy } from '../../../test/support/prepared-statements.ts';

const temp = makeTempDir();
after(temp.cleanup);

describe('missing groups', () => {
  const db = openDatabase(join(temp.dir, 'groups.sqlite'));
  const lib = join(temp.dir, 'Photos');
  // On disk: the library's folder and one of its folders; "Trip-Japan" (with its day folders) is gone.
  mkdirSync(join(lib, 'home'), { recursive: true });
  const { libraryId, rootId } = seedLibrary(db, 'L', lib);
  const drivePath = join(temp.dir, 'USB');
  const drive = db.prepare("INSERT INTO roots (library_id, path, added_at, volume_label) VALUES (?, ?, 'x', 'MY-USB')").run(libraryId, drivePath).lastInsertRowid as number;
  const missing = (path: string, root = rootId) => seedPhoto(db, libraryId, [{ path, rootId: root, missing: true }]).imageHash;
  const japan = [
    missing(join(lib, 'Trip-Japan', 'day1', 'a.jpg')),
    missing(join(lib, 'Trip-Japan', 'day1', 'b.jpg')),
    missing(join(lib, 'Trip-Japan', 'day2', 'c.jpg')),
    missing(join(lib, 'Trip-Japan', 'top.jpg')),
  ];
  const kitchen = missing(join(lib, 'home', 'kitchen.jpg'));
  seedPhoto(db, libraryId, [{ path: join(lib, 'home', 'present.jpg'), rootId }]);
  const onDrive = [
    seedPhoto(db, libraryId, [{ path: join(drivePath, 'DCIM', 'P1.jpg'), rootId: drive }]).imageHash,
    seedPhoto(db, libraryId, [{ path: join(drivePath, 'DCIM', '100', 'P2.jpg'), rootId: drive }]).imageHash,
  ];
  db.prepare("UPDATE roots SET state = 'offline' WHERE id = ?").run(drive);
  refreshAvailability(db, libraryId);

  it('groups by folder: a gone folder holds its gone subfolders; a folder that is there says its files are gone', async () => {
    const { total, groups } = await listMissingGroups(db, libraryId, 'missing');
    assert.equal(total, 5);
    assert.equal(total, db.prepare('SELECT num_missing FROM library_counts WHERE library_id = ?').pluck().get(libraryId), 'the counts agree with the counter');
    assert.deepEqual(
      groups.map((g) => [g.folder, g.withSubfolders, g.count, g.reason, g.rootPath]),
      [
        [join(lib, 'Trip-Japan'), true, 4, 'folder_gone', lib],
        [join(lib, 'home'), false, 1, 'file_gone', lib],
      ],
    );
  });

  it("pages a group's photos in path order, and the pages agree with the group's count", async () => {
    const { groups } = await listMissingGroups(db, libraryId, 'missing');
    const [trip, home] = groups as [(typeof groups)[0], (typeof groups)[0]];
    const page = listMissing(db, { libraryId, kind: 'missing', group: { folder: trip.folder, withSubfolders: true }, offset: 0, limit: 100 });
    assert.equal(page.total, trip.count);
    assert.deepEqual(page.items.map((p) => p.lastKnownPath), [
      join(lib, 'Trip-Japan', 'day1', 'a.jpg'),
      join(lib, 'Trip-Japan', 'day1', 'b.jpg'),
      join(lib, 'Trip-Japan', 'day2', 'c.jpg'),
      join(lib, 'Trip-Japan', 'top.jpg'),
    ]);
    assert.deepEqual(new Set(page.items.map((p) => p.imageHash)), new Set(japan));
    const second = listMissing(db, { libraryId, kind: 'missing', group: { folder: trip.folder, withSubfolders: true }, offset: 1, limit: 2 });
    assert.deepEqual(second.items.map((p) => p.imageHash), page.items.slice(1, 3).map((p) => p.imageHash));
    const own = listMissing(db, { libraryId, kind: 'missing', group: { folder: home.folder, withSubfolders: false }, offset: 0, limit: 100 });
    assert.deepEqual(own.items.map((p) => p.imageHash), [kitchen]);
    // Without subfolders, a folder's group is its own files only.
    const direct = listMissing(db, { libraryId, kind: 'missing', group: { folder: join(lib, 'Trip-Japan'), withSubfolders: false }, offset: 0, limit: 100 });
    assert.deepEqual(direct.items.map((p) => p.lastKnownPath), [join(lib, 'Trip-Japan', 'top.jpg')]);
  });

  it("reads a group's page off the folder's range of files, each photo by key (never a walk of the missing photos per file)", () => {
    const own = openDatabase(join(temp.dir, 'groups.sqlite'));
    try {
      const group = { folder: join(lib, 'Trip-Japan'), withSubfolders: true };
      const prepared = statementsPreparedBy(own, () => listMissing(own, { libraryId, kind: 'missing', group, offset: 0, limit: 10 }));
      const page = prepared.find((sql) => sql.startsWith('WITH page AS'));
      assert.ok(page);
      const params = { libraryId, kind: 'missing', low: `${group.folder}/`, high: `${group.folder}0`, lowLength: group.folder.length + 1, sep: '/', withSubfolders: 1, limit: 10, offset: 0 };
      const plan = (own.prepare(`EXPLAIN QUERY PLAN ${page}`).all(params) as { detail: string }[]).map((row) => row.detail);
      assert.match(plan.join('\n'), /SEARCH kf USING PRIMARY KEY \(library_id=\? AND path>\? AND path<\?\)/, plan.join('\n'));
      assert.ok(plan.some((detail) => /^SEARCH p USING INDEX sqlite_autoindex_photos_1 \(image_hash=\?\)/.test(detail)), plan.join('\n'));
      assert.ok(!plan.some((detail) => /photos_library_availability_since|^SCAN p\b/.test(detail)), plan.join('\n'));
    } finally {
      own.close();
    }
  });

  it('groups the photos of a drive that is not connected as the drive, by its name', async () => {
    const { total, groups } = await listMissingGroups(db, libraryId, 'offline');
    assert.equal(total, 2);
    assert.deepEqual(groups.map((g) => [g.folder, g.withSubfolders, g.count, g.reason, g.driveName]), [[drivePath, true, 2, 'offline', 'MY-USB']]);
    const page = listMissing(db, { libraryId, kind: 'offline', group: { folder: drivePath, withSubfolders: true }, offset: 0, limit: 10 });
    assert.deepEqual(new Set(page.items.map((p) => p.imageHash)), new Set(onDrive));
  });

  it('sees a change at once (nothing stale is kept), and a folder that came back', async () => {
    mkdirSync(join(lib, 'Trip-Japan', 'day2'), { recursive: true });
    forgetFolderStates(); // (what the disk said is kept for a few seconds)
    const { groups } = await listMissingGroups(db, libraryId, 'missing');
    // Trip-Japan is there again (its day1 is not): its own file is gone, day1 is a gone folder.
    assert.deepEqual(
      groups.map((g) => [g.folder, g.withSubfolders, g.count, g.reason]),
      [
        [join(lib, 'Trip-Japan'), false, 1, 'file_gone'],
        [join(lib, 'Trip-Japan', 'day1'), true, 2, 'folder_gone'],
        [join(lib, 'Trip-Japan', 'day2'), false, 1, 'file_gone'],
        [join(lib, 'home'), false, 1, 'file_gone'],
      ],
    );
    db.prepare('DELETE FROM photos WHERE image_hash = ?').run(kitchen);
    const after = await listMissingGroups(db, libraryId, 'missing');
    assert.equal(after.total, 4);
    assert.ok(!after.groups.some((g) => g.folder === join(lib, 'home')));
  });

  it('says when a folder cannot be read', { skip: process.getuid?.() === 0 ? 'root reads every folder' : false }, async () => {
    const locked = join(lib, 'locked');
    mkdirSync(join(locked, 'inner'), { recursive: true });
    missing(join(locked, 'inner', 'x.jpg'));
    chmodSync(locked, 0o000);
    forgetFolderStates();
    try {
      const { groups } = await listMissingGroups(db, libraryId, 'missing');
      assert.equal(groups.find((g) => g.folder === join(locked, 'inner'))?.reason, 'unreadable');
    } finally {
      chmodSync(locked, 0o755);
    }
  });

  it('keeps a photo no file of which is known, as a group of its own', async () => {
    const orphan = seedPhoto(db, libraryId, [], { mainFile: null }).imageHash;
    const { total, groups } = await listMissingGroups(db, libraryId, 'missing');
    assert.equal(total, db.prepare('SELECT num_missing FROM library_counts WHERE library_id = ?').pluck().get(libraryId));
    const last = groups.at(-1);
    assert.deepEqual([last?.folder, last?.reason, last?.count], [null, 'unknown_place', 1]);
    const page = listMissing(db, { libraryId, kind: 'missing', group: { folder: null, withSubfolders: false }, offset: 0, limit: 10 });
    assert.deepEqual(page.items.map((p) => p.imageHash), [orphan]);
  });
});
