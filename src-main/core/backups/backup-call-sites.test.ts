import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { makeTempLibrary } from '../../../test/support/temp-library.ts';
import { backupsDirOf, dbPathOf } from '../data-folder/data-folder-files.ts';
import { openDatabase, schemaVersion } from '../db/open-database.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { openKeepsake } from '../keepsake.ts';
import { deleteMissing } from '../missing/delete-missing.ts';
import { listBackups } from './backup-files.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;
const latest = MIGRATIONS.at(-1)?.version ?? 0;

/** The image hashes a database file holds. */
const photosIn = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT image_hash FROM photos').pluck().all() as string[]).sort();
  } finally {
    db.close();
  }
};

describe('a backup before each destructive step', () => {
  it('Delete Missing: a first phase "backing up" whose copy holds the photos deleted afterwards', async () => {
    const library = makeTempLibrary();
    after(library.cleanup);
    const { db, libraryId, rootId, rootDir } = library;
    const present = seedPhoto(db, libraryId, [{ path: join(rootDir, 'here.jpg'), rootId }]);
    const gone = [1, 2, 3].map((i) => seedPhoto(db, libraryId, [{ path: join(rootDir, `gone-${i}.jpg`), rootId, missing: true }]).imageHash);
    const ctx = library.context({ now: () => new Date('2026-12-01T12:06:06Z') });
    const result = await deleteMissing(ctx, { includeOffline: false });
    assert.equal(result.removed.photos, 3);
    assert.equal(ctx.progressLog[0]?.phase, 'backing up', 'the backup comes first, before the roots are probed');
    const [backup, ...others] = listBackups(library.dataDir);
    assert.equal(others.length, 0);
    assert.equal(backup?.name, 'keepsake-delete-missing-20261201T120606Z.db');
    assert.deepEqual(photosIn(backup?.path as string), [...gone, present.imageHash].sort(), 'the copy holds what was deleted');
    assert.deepEqual(photosIn(dbPathOf(library.dataDir)), [present.imageHash]);
  });

  it('Delete Missing with nothing that could be deleted makes no backup (unless offline photos are included)', async () => {
    const library = makeTempLibrary();
    after(library.cleanup);
    seedPhoto(library.db, library.libraryId, [{ path: join(library.rootDir, 'here.jpg'), rootId: library.rootId }]);
    const ctx = library.context();
    await deleteMissing(ctx, { includeOffline: false });
    assert.deepEqual(listBackups(library.dataDir), []);
    assert.equal(ctx.progressLog.some((entry) => entry.phase === 'backing up'), false);
    // Including offline photos: the probe may find a drive just unplugged, so it backs up.
    await deleteMissing(library.context(), { includeOffline: true });
    assert.equal(listBackups(library.dataDir).length, 1);
  });

  it('Delete forever: a delete-forever backup holding the photos, made inside the exclusive write', async () => {
    const dataDir = join(temp.dir, `forever-${++n}`);
    const core = openKeepsake({ dataDir, now: () => new Date('2026-02-03T04:05:06Z') });
    try {
      const { libraryId, rootId } = seedLibrary(core.db, 'Home', join(dataDir, 'photos'));
      const doomed = seedPhoto(core.db, libraryId, [{ path: join(dataDir, 'photos', 'a.jpg'), rootId }], { inTrash: true });
      const kept = seedPhoto(core.db, libraryId, [{ path: join(dataDir, 'photos', 'b.jpg'), rootId }]);
      // Unknown photos: nothing to delete, no backup.
      assert.deepEqual(await core.handlers['photos.deleteForever']({ imageHashes: ['0'.repeat(33)], confirmed: true }), { count: 0, deletionId: null });
      assert.deepEqual(listBackups(dataDir), []);
      assert.equal((await core.handlers['photos.deleteForever']({ imageHashes: [doomed.imageHash], confirmed: true })).count, 1);
      const [backup, ...others] = listBackups(dataDir);
      assert.equal(others.length, 0);
      assert.equal(backup?.name, 'keepsake-delete-forever-20260203T040506Z.db');
      assert.deepEqual(photosIn(backup?.path as string), [doomed.imageHash, kept.imageHash].sort());
      assert.deepEqual(photosIn(dbPathOf(dataDir)), [kept.imageHash]);
    } finally {
      await core.close();
    }
  });

  it('a schema upgrade: the database backed up as it was, as keepsake-migration-<from>-to-<to>', () => {
    const dataDir = join(temp.dir, `migrate-${++n}`);
    mkdirSync(dataDir);
    const file = dbPathOf(dataDir);
    const old = openDatabase(file, { upTo: latest - 2 });
    seedLibrary(old, 'Old', '/old');
    old.close();
    const db = openDatabase(file, { now: () => new Date('2026-05-06T07:08:09Z') });
    assert.equal(schemaVersion(db), latest);
    db.close();
    const [backup, ...others] = listBackups(dataDir);
    assert.equal(others.length, 0);
    assert.equal(backup?.name, `keepsake-migration-${latest - 2}-to-${latest}-20260506T070809Z.db`);
    assert.equal(backup?.reason, `migration-${latest - 2}-to-${latest}`);
    const copy = new Database(backup?.path as string, { readonly: true });
    assert.equal(copy.pragma('user_version', { simple: true }), latest - 2, 'the schema as it was before the upgrade');
    assert.equal(copy.prepare('SELECT name FROM libraries').pluck().get(), 'Old');
    copy.close();
    // Opening it again upgrades nothing, backs up nothing.
    openDatabase(file).close();
    assert.equal(listBackups(dataDir).length, 1);
  });

  it('no backup for a new database, nor for one at version 0 (nothing in it yet)', () => {
    const dataDir = join(temp.dir, `fresh-${++n}`);
    mkdirSync(dataDir);
    openDatabase(dbPathOf(dataDir), { upTo: 0 }).close();
    openDatabase(dbPathOf(dataDir)).close();
    assert.equal(existsSync(backupsDirOf(dataDir)), false);
  });
});
