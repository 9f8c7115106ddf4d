import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MIGRATIONS } from './migrations/index.ts';
import { NotADatabaseError, openDatabase, schemaVersion } from './open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;
const dbFile = (): string => join(temp.dir, `db-${++n}.sqlite`);
const latest = MIGRATIONS.at(-1)?.version ?? 0;

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gap', () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => m.version),
      MIGRATIONS.map((_, i) => i + 1),
    );
  });

  it('bring a fresh database to the latest version, stored in user_version', () => {
    const db = openDatabase(dbFile());
    assert.equal(schemaVersion(db), latest);
    assert.equal(db.pragma('user_version', { simple: true }), latest);
    for (const table of ['libraries', 'roots', 'files', 'photos', 'photo_files', 'albums', 'album_photos', 'faces', 'jobs', 'library_counts', 'library_file_counts']) {
      assert.ok(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table), `table ${table}`);
    }
    db.close();
  });

  for (const migration of MIGRATIONS) {
    it(`migrate a database at version ${migration.version - 1} (before "${migration.name}") to the latest, keeping its rows`, () => {
      const file = dbFile();
      const old = openDatabase(file, { upTo: migration.version - 1 });
      assert.equal(schemaVersion(old), migration.version - 1);
      let libraryId = 0;
      if (migration.version > 1) libraryId = seedLibrary(old, 'Old', '/old').libraryId;
      old.close();
      const db = openDatabase(file);
      assert.equal(schemaVersion(db), latest);
      if (migration.version > 1) assert.equal(db.prepare('SELECT name FROM libraries WHERE id = ?').pluck().get(libraryId), 'Old');
      // Opening again applies nothing twice.
      db.close();
      const again = openDatabase(file);
      assert.equal(schemaVersion(again), latest);
      again.close();
    });
  }

  it('refuse a file that is not a database with NotADatabaseError', () => {
    const file = dbFile();
    writeFileSync(file, 'this is a text file, not SQLite\n'.repeat(200));
    assert.throws(() => openDatabase(file), NotADatabaseError);
  });

  it('refuse a database from a newer Keepsake with NotADatabaseError', () => {
    const file = dbFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${latest + 1}`);
    db.close();
    assert.throws(() => openDatabase(file), NotADatabaseError);
  });

  it('turn foreign keys and WAL on', () => {
    const db = openDatabase(dbFile());
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.throws(() => db.prepare("INSERT INTO roots (library_id, path, added_at) VALUES (999, '/x', 'now')").run(), /FOREIGN KEY/);
    db.close();
  });

  it('give a new database 8 KiB pages, and open one made with 4 KiB pages as it is', () => {
    const fresh = openDatabase(dbFile());
    assert.equal(fresh.pragma('page_size', { simple: true }), 8192);
    fresh.close();
    const file = dbFile();
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL'); // writes the header, with its page size, and nothing else
    old.close();
    const reopened = openDatabase(file, { upTo: 1 });
    assert.equal(reopened.pragma('page_size', { simple: true }), 4096, 'an existing file keeps its page size');
    assert.equal(schemaVersion(reopened), 1);
    reopened.close();
  });
});

describe('query plans use indexes', () => {
  const db = openDatabase(dbFile());
  const { libraryId, rootId } = seedLibrary(db, 'Plans', '/plans');
  for (let i = 0; i < 20; i++) seedPhoto(db, libraryId, [{ path: `/plans/${i}.jpg`, rootId, missing: i % 2 === 0 }]);
  db.exec('ANALYZE');
  /** The SQL texts a call prepares. */
  const captureSql = (fn: () => unknown): string[] => {
    const captured: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      captured.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      fn();
    } finally {
      db.prepare = prepare;
    }
    return captured;
  };
  const plan = (sql: string, params: Record<string, unknown>): string =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail).join('\n');

  it('missing list, filtered by folder, searches photos by (library_id, availability) in list order', async () => {
    // The list's own SQL, as prepared by listMissing.
    const { listMissing } = await import('../missing/missing-list.ts');
    const listSql = captureSql(() => listMissing(db, { libraryId, kind: 'missing', offset: 0, limit: 10, folder: '/plans' })).find((sql) => sql.includes('LIMIT @limit'));
    assert.ok(listSql);
    const detail = plan(listSql, { libraryId, kind: 'missing', rootId: null, prefix: '/plans/', prefixLength: 7, limit: 10, offset: 0 });
    assert.match(detail, /SEARCH p USING (COVERING )?INDEX photos_library_availability_since \(library_id=\? AND availability=\?\)/);
    assert.doesNotMatch(detail, /SCAN p\b/);
    assert.doesNotMatch(detail, /SCAN (f|kf|mf)\b/);
  });

  it('missing list, unfiltered, reads its page straight off photos_library_availability_since and its total from the counters', async () => {
    const { listMissing } = await import('../missing/missing-list.ts');
    const prepared = captureSql(() => listMissing(db, { libraryId, kind: 'missing', offset: 0, limit: 10 }));
    const listSql = prepared.find((sql) => sql.includes('LIMIT @limit'));
    assert.ok(listSql);
    const detail = plan(listSql, { libraryId, kind: 'missing', limit: 10, offset: 0 });
    assert.match(detail, /SEARCH p USING COVERING INDEX photos_library_availability_since \(library_id=\? AND availability=\?\)/);
    // Picking the page sorts nothing (only the 10 rows picked are sorted afterwards).
    const picking = detail.slice(0, detail.indexOf('SCAN page'));
    assert.doesNotMatch(picking, /TEMP B-TREE/, detail);
    assert.doesNotMatch(detail, /SCAN (p|f|kf|mf)\b/, detail);
    // No COUNT over photos: the total is the counter.
    assert.ok(!prepared.some((sql) => /COUNT\(\*\)/i.test(sql)), prepared.join('\n'));
  });

  it('stats read the counters by primary key or whole (tiny) counter tables, never photos or files', () => {
    const detail = plan('SELECT * FROM library_counts c JOIN libraries l ON l.id = c.library_id', {}) + plan('SELECT * FROM library_file_counts', {});
    assert.doesNotMatch(detail, /\bphotos\b|\bfiles\b/);
    const one = plan('SELECT num_missing FROM library_counts WHERE library_id = @id', { id: libraryId });
    assert.match(one, /SEARCH library_counts USING INTEGER PRIMARY KEY/);
  });

  it('the photo list reads its page straight off photos_library_order, without sorting the library', async () => {
    const { listPhotos } = await import('../photos/photo-queries.ts');
    const listSql = captureSql(() => listPhotos(db, { libraryId, view: 'all', offset: 0, limit: 10 })).find((sql) => sql.includes('LIMIT @limit'));
    assert.ok(listSql);
    const detail = plan(listSql, { libraryId, trash: 0, limit: 10, offset: 0 });
    assert.match(detail, /SEARCH p USING (COVERING )?INDEX photos_library_order \(library_id=\? AND in_trashcan=\?\)/);
    // Picking the page sorts nothing (only the 10 rows picked may be sorted afterwards).
    const picking = detail.slice(detail.indexOf('CO-ROUTINE page'), detail.indexOf('SCAN page'));
    assert.match(picking, /photos_library_order/);
    assert.doesNotMatch(picking, /TEMP B-TREE/, detail);
  });
});

describe('schema references', () => {
  it('every table that refers to photos or files is one the set-based delete cleans explicitly', () => {
    // What photos/delete-doomed.ts deletes from by hand, running with foreign keys off: a new table
    // that refers to photos or files fails this test until deleteDoomed cleans it too.
    const CLEANED_REFERENCES = {
      photos: ['album_photos.image_hash', 'faces.image_hash', 'photo_files.image_hash', 'sidecar_pending.image_hash', 'sidecar_state.image_hash'],
      files: ['photos.main_file', 'photo_files.file_hash', 'file_copies.hash', 'file_embedded_media.file_hash', 'file_embedded_media.embedded_hash'],
    };
    const db = openDatabase(dbFile());
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const found: Record<string, string[]> = { photos: [], files: [] };
    for (const table of tables) {
      for (const fk of db.pragma(`foreign_key_list(${table})`) as { table: string; from: string }[]) {
        if (fk.table === 'photos' || fk.table === 'files') found[fk.table]!.push(`${table}.${fk.from}`);
      }
    }
    assert.deepEqual(found.photos!.sort(), [...CLEANED_REFERENCES.photos].sort());
    assert.deepEqual(found.files!.sort(), [...CLEANED_REFERENCES.files].sort());
    db.close();
  });
});
