import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { counterValues, makeTempDir, realCounts, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { openDatabase, type Db } from '../db/open-database.ts';
import { FilePresence } from './file-presence.ts';
import { statementsPreparedBy } from '../../../test/support/prepared-statements.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;

const fresh = (): { db: Db; libraryId: number; rootId: number } => {
  const db = openDatabase(join(temp.dir, `presence-${++n}.sqlite`));
  return { db, ...seedLibrary(db, 'L', '/photos') };
};
const photo = (db: Db, imageHash: string) =>
  db.prepare('SELECT main_file, availability, missing_since FROM photos WHERE image_hash = ?').get(imageHash) as { main_file: string | null; availability: string; missing_since: string | null };
const file = (db: Db, hash: string) =>
  db.prepare('SELECT path, root_id, size, mtime_ms, missing, missing_since, unreadable FROM files WHERE hash = ?').get(hash) as {
    path: string;
    root_id: number | null;
    size: number;
    mtime_ms: number;
    missing: number;
    missing_since: string | null;
    unreadable: number;
  };
const flagged = (db: Db, libraryId: number, change: (presence: FilePresence) => void): void =>
  db.transaction(() => {
    const presence = new FilePresence(db, libraryId, () => new Date('2025-05-01T00:00:00.000Z'));
    change(presence);
    presence.settle();
  })();

describe('file presence: the one writer of files.missing / missing_since / unreadable', () => {
  it('a RAW+JPEG photo whose JPEG goes keeps showing: the RAW becomes main; the JPEG back makes it main again', () => {
    const { db, libraryId, rootId } = fresh();
    const pair = seedPhoto(db, libraryId, [{ path: '/photos/trip/a.jpg', rootId }, { path: '/photos/trip/a.nef', rootId, type: 'RAW_FILE' }]);
    const [jpg, nef] = pair.fileHashes as [string, string];
    flagged(db, libraryId, (presence) => assert.equal(presence.flagMissingAt(['/photos/trip/a.jpg']), 1));
    assert.equal(file(db, jpg).missing, 1);
    assert.equal(file(db, jpg).missing_since, '2025-05-01T00:00:00.000Z');
    assert.deepEqual(photo(db, pair.imageHash), { main_file: nef, availability: 'present', missing_since: null });

    flagged(db, libraryId, (presence) => presence.flagFound([{ hash: jpg, stat: { size: 100, mtimeMs: 7, dev: 1, ino: 2 } }]));
    assert.equal(file(db, jpg).missing, 0);
    assert.equal(file(db, jpg).missing_since, null);
    assert.equal(file(db, jpg).mtime_ms, 7);
    assert.deepEqual(photo(db, pair.imageHash), { main_file: jpg, availability: 'present', missing_since: null }, 'the picture outranks the RAW again');
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    db.close();
  });

  it('a photo with no present file is missing (its main file stays where it was last seen); counters follow', () => {
    const { db, libraryId, rootId } = fresh();
    const alone = seedPhoto(db, libraryId, [{ path: '/photos/a.jpg', rootId }, { path: '/photos/a.xmp', rootId, type: 'METADATA_FILE' }]);
    const other = seedPhoto(db, libraryId, [{ path: '/photos/b.jpg', rootId }]);
    flagged(db, libraryId, (presence) => assert.equal(presence.flagMissing(alone.fileHashes), 2));
    assert.deepEqual(photo(db, alone.imageHash), { main_file: alone.imageHash, availability: 'missing', missing_since: '2025-05-01T00:00:00.000Z' });
    assert.equal(photo(db, other.imageHash).availability, 'present');
    assert.equal(counterValues(db, libraryId).num_missing, 1);
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    // Flagging again changes nothing, not even the time it went missing.
    flagged(db, libraryId, (presence) => assert.equal(presence.flagMissing(alone.fileHashes), 0));
    assert.equal(file(db, alone.imageHash).missing_since, '2025-05-01T00:00:00.000Z');
    db.close();
  });

  it('a photo whose other file is on a drive that is not online is offline, never missing', () => {
    const { db, libraryId, rootId } = fresh();
    const drive = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at, state) VALUES (?, '/media/usb', 'now', 'offline')`).run(libraryId).lastInsertRowid);
    const split = seedPhoto(db, libraryId, [{ path: '/photos/c.jpg', rootId }, { path: '/media/usb/c.nef', rootId: drive, type: 'RAW_FILE' }]);
    flagged(db, libraryId, (presence) => presence.flagMissing([split.imageHash]));
    assert.equal(photo(db, split.imageHash).availability, 'offline');
    assert.equal(photo(db, split.imageHash).main_file, split.imageHash, 'a file on an offline drive is never chosen as main');
    assert.equal(counterValues(db, libraryId).num_offline, 1);
    assert.equal(counterValues(db, libraryId).num_missing, 0);
    db.close();
  });

  it('a file found at a new path moves there with its root and stat; unreadable flags touch nothing else', () => {
    const { db, libraryId, rootId } = fresh();
    const other = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at) VALUES (?, '/elsewhere', 'now')`).run(libraryId).lastInsertRowid);
    const moved = seedPhoto(db, libraryId, [{ path: '/photos/d.jpg', rootId, missing: true }]);
    assert.equal(photo(db, moved.imageHash).availability, 'missing');
    flagged(db, libraryId, (presence) => presence.flagFound([{ hash: moved.imageHash, path: '/elsewhere/d.jpg', rootId: other, stat: { size: 5, mtimeMs: 1.5, dev: 3, ino: 4 } }]));
    assert.deepEqual(file(db, moved.imageHash), { path: '/elsewhere/d.jpg', root_id: other, size: 5, mtime_ms: 1.5, missing: 0, missing_since: null, unreadable: 0 });
    assert.equal(photo(db, moved.imageHash).availability, 'present');

    flagged(db, libraryId, (presence) => assert.equal(presence.flagUnreadable([moved.imageHash]), 1));
    assert.equal(file(db, moved.imageHash).unreadable, 1);
    assert.equal(photo(db, moved.imageHash).availability, 'present', 'permission denied never makes a photo missing');
    flagged(db, libraryId, (presence) => assert.equal(presence.flagReadable([moved.imageHash]), 1));
    assert.equal(file(db, moved.imageHash).unreadable, 0);
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    db.close();
  });

  it('settles a moved folder of thousands of files with set statements: a handful of statements, not one per file', () => {
    const { db, libraryId, rootId } = fresh();
    const hashes = db.transaction(() => Array.from({ length: 1200 }, (_, i) => seedPhoto(db, libraryId, [{ path: `/photos/moved/${String(i).padStart(4, '0')}.jpg`, rootId }]).imageHash))();
    const statements = statementsPreparedBy(db, () =>
      flagged(db, libraryId, (presence) => assert.equal(presence.flagMissingAt(hashes.map((_, i) => `/photos/moved/${String(i).padStart(4, '0')}.jpg`)), 1200)),
    );
    assert.ok(statements.length <= 10, `${statements.length} statements prepared`);
    assert.equal(counterValues(db, libraryId).num_missing, 1200);
    assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
    db.close();
  });

  it('reads its sets by key: flags by path or hash, photos by file, never a scan of the library', () => {
    const seeded = fresh();
    const { libraryId, rootId } = seeded;
    for (let i = 0; i < 20; i++) seedPhoto(seeded.db, libraryId, [{ path: `/photos/${i}.jpg`, rootId }]);
    seeded.db.exec('ANALYZE');
    seeded.db.close();
    // A connection of its own: statements are prepared once per connection.
    const db = openDatabase(join(temp.dir, `presence-${n}.sqlite`));
    // Every statement, run once over a set that matches nothing.
    const many = Array.from({ length: 20 }, (_, i) => `no-such-file-${i}`);
    const statements = statementsPreparedBy(db, () =>
      flagged(db, libraryId, (presence) => {
        presence.flagMissing(many);
        presence.flagMissing(many.slice(0, 1));
        presence.flagMissingAt(many);
        presence.flagFound([{ hash: 'no-such-file' }]);
        presence.flagUnreadable(many);
        presence.flagReadable(many);
      }),
    );
    // Named parameters, or the positional ones of the statements over chunks of literal keys.
    const plan = (sql: string) => {
      const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const positional = sql.match(/\?/g)?.length ?? 0;
      const rows = positional > 0
        ? explain.all(...Array.from({ length: positional }, () => null))
        : explain.all({ libraryId, hashes: '[]', paths: '[]', stamp: 'now', hash: 'x', path: null, hasRoot: 0, rootId: null, hasStat: 0, size: null, mtimeMs: null, dev: null, ino: null });
      return (rows as { detail: string }[]).map((row) => row.detail);
    };
    for (const sql of statements) {
      const details = plan(sql);
      // A search on the library alone reads all its files too.
      assert.ok(!details.some((detail) => /^SCAN (files|photos|photo_files)\b|^SEARCH files USING PRIMARY KEY \(library_id=\?\)/.test(detail)), `${sql}\n${details.join('\n')}`);
    }
    assert.ok(statements.length >= 7, `${statements.length} statements`);
    db.close();
  });
});
