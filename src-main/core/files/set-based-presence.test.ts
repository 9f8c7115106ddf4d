import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { counterValues, makeTempDir, realCounts, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { openDatabase, type Db } from '../db/open-database.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { chooseMainFiles } from '../photos/main-file.ts';
import { FilePresence } from './file-presence.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;
const STAMP = '2025-05-01T00:00:00.000Z';

const fresh = (): { db: Db; libraryId: number; rootId: number } => {
  const db = openDatabase(join(temp.dir, `set-presence-${++n}.sqlite`));
  return { db, ...seedLibrary(db, 'L', '/photos') };
};
const photo = (db: Db, imageHash: string) =>
  db.prepare('SELECT main_file, availability, missing_since FROM photos WHERE image_hash = ?').get(imageHash) as { main_file: string | null; availability: string; missing_since: string | null };
const settled = (db: Db, libraryId: number, change: (presence: FilePresence) => void): void =>
  db.transaction(() => {
    const presence = new FilePresence(db, libraryId, () => new Date(STAMP));
    change(presence);
    presence.settle();
  })();
/**
 * The set-based settle left every photo as the general rules would: choosing main files and
 * refreshing availability over the whole library afterwards changes nothing; the counters are exact.
 */
const agreesWithTheRules = (db: Db, libraryId: number): void => {
  const all = db.prepare('SELECT image_hash FROM photos WHERE library_id = ? ORDER BY image_hash').pluck().all(libraryId) as string[];
  db.transaction(() => {
    assert.deepEqual(chooseMainFiles(db, libraryId, all), [], 'no main file left to change');
    assert.equal(refreshAvailability(db, libraryId, undefined, new Date(STAMP)), 0, 'no availability left to change');
  })();
  assert.deepEqual(counterValues(db, libraryId), realCounts(db, libraryId));
};
const pathOf = (i: number) => `/photos/moved/${String(i).padStart(5, '0')}.jpg`;

describe('file presence, set-based: the photos of a moved folder', () => {
  it('a moved folder of more files than one chunk: every photo missing since the flag, then present again as it was', () => {
    const { db, libraryId, rootId } = fresh();
    const files = 2500; // more than one chunk of keys
    const photos = db.transaction(() => Array.from({ length: files }, (_, i) => seedPhoto(db, libraryId, [{ path: pathOf(i), rootId }]).imageHash))();
    const kept = seedPhoto(db, libraryId, [{ path: '/photos/kept.jpg', rootId }]).imageHash;
    let flagged = 0;
    settled(db, libraryId, (presence) => (flagged = presence.flagMissingAt(photos.map((_, i) => pathOf(i)))));
    assert.equal(flagged, files);
    for (const imageHash of [photos[0], photos[2100], photos.at(-1)] as string[]) {
      assert.deepEqual(photo(db, imageHash), { main_file: imageHash, availability: 'missing', missing_since: STAMP });
    }
    assert.equal(photo(db, kept).availability, 'present');
    assert.equal(counterValues(db, libraryId).num_missing, files);
    agreesWithTheRules(db, libraryId);

    // Flagged again (a later scan), nothing changes, not even when they went missing.
    settled(db, libraryId, (presence) => (flagged = presence.flagMissingAt(photos.map((_, i) => pathOf(i)))));
    assert.equal(flagged, 0);

    let restored = 0;
    settled(db, libraryId, (presence) => (restored = presence.flagFound(photos.map((hash) => ({ hash })))));
    assert.equal(restored, files);
    assert.equal(db.prepare('SELECT count(*) FROM files WHERE missing = 1 OR missing_since IS NOT NULL').pluck().get(), 0);
    assert.deepEqual(photo(db, photos[2300] as string), { main_file: photos[2300], availability: 'present', missing_since: null });
    assert.equal(counterValues(db, libraryId).num_missing, 0);
    agreesWithTheRules(db, libraryId);
    db.close();
  });

  it('a mix of gone and present files: only the gone ones and their photos change', () => {
    const { db, libraryId, rootId } = fresh();
    const photos = db.transaction(() => Array.from({ length: 40 }, (_, i) => seedPhoto(db, libraryId, [{ path: pathOf(i), rootId }]).imageHash))();
    const gone = photos.filter((_, i) => i % 3 === 0);
    settled(db, libraryId, (presence) => presence.flagMissingAt(photos.map((_, i) => pathOf(i)).filter((_, i) => i % 3 === 0)));
    for (const [i, imageHash] of photos.entries()) {
      assert.equal(photo(db, imageHash).availability, i % 3 === 0 ? 'missing' : 'present', `photo ${i}`);
    }
    assert.equal(counterValues(db, libraryId).num_missing, gone.length);
    agreesWithTheRules(db, libraryId);
    db.close();
  });

  it('photos with two files of which one is gone: another file becomes main, or the photo is missing or offline by the rule', () => {
    const { db, libraryId, rootId } = fresh();
    const drive = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at, state) VALUES (?, '/media/usb', 'now', 'offline')`).run(libraryId).lastInsertRowid);
    const rawPair = seedPhoto(db, libraryId, [{ path: '/photos/moved/a.jpg', rootId }, { path: '/photos/kept/a.nef', rootId, type: 'RAW_FILE' }]);
    const withSidecar = seedPhoto(db, libraryId, [{ path: '/photos/moved/b.jpg', rootId }, { path: '/photos/kept/b.xmp', rootId, type: 'METADATA_FILE' }]);
    const bothGone = seedPhoto(db, libraryId, [{ path: '/photos/moved/c.jpg', rootId }, { path: '/photos/moved/c.nef', rootId, type: 'RAW_FILE' }]);
    const onDrive = seedPhoto(db, libraryId, [{ path: '/photos/moved/d.jpg', rootId }, { path: '/media/usb/d.nef', rootId: drive, type: 'RAW_FILE' }]);
    const alone = seedPhoto(db, libraryId, [{ path: '/photos/moved/e.jpg', rootId }]);
    settled(db, libraryId, (presence) =>
      assert.equal(presence.flagMissingAt(['/photos/moved/a.jpg', '/photos/moved/b.jpg', '/photos/moved/c.jpg', '/photos/moved/c.nef', '/photos/moved/d.jpg', '/photos/moved/e.jpg']), 6),
    );
    assert.deepEqual(photo(db, rawPair.imageHash), { main_file: rawPair.fileHashes[1], availability: 'present', missing_since: null }, 'the RAW shows');
    // The rule counts any present file: the sidecar keeps the photo present, its main file where it was.
    assert.deepEqual(photo(db, withSidecar.imageHash), { main_file: withSidecar.imageHash, availability: 'present', missing_since: null });
    assert.deepEqual(photo(db, bothGone.imageHash), { main_file: bothGone.imageHash, availability: 'missing', missing_since: STAMP });
    assert.deepEqual(photo(db, onDrive.imageHash), { main_file: onDrive.imageHash, availability: 'offline', missing_since: null }, 'a drive not plugged in loses nothing');
    assert.equal(photo(db, alone.imageHash).availability, 'missing');
    agreesWithTheRules(db, libraryId);

    // Back as they were: the JPEG outranks the RAW again.
    settled(db, libraryId, (presence) => presence.flagFound([rawPair.imageHash, withSidecar.imageHash, bothGone.imageHash, onDrive.imageHash, alone.imageHash].map((hash) => ({ hash }))));
    assert.deepEqual(photo(db, rawPair.imageHash), { main_file: rawPair.imageHash, availability: 'present', missing_since: null });
    assert.equal(photo(db, bothGone.imageHash).availability, 'present', 'one of its files is back');
    assert.equal(photo(db, onDrive.imageHash).availability, 'present');
    agreesWithTheRules(db, libraryId);
    db.close();
  });

  it('a photo whose one file is under a root that is not online is offline; a lone photo without a main file gets it back', () => {
    const { db, libraryId } = fresh();
    const drive = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at, state) VALUES (?, '/media/usb', 'now', 'offline')`).run(libraryId).lastInsertRowid);
    const usb = seedPhoto(db, libraryId, [{ path: '/media/usb/f.jpg', rootId: drive }]);
    const noRoot = seedPhoto(db, libraryId, [{ path: '/loose/g.jpg', rootId: null }]);
    const noMain = seedPhoto(db, libraryId, [{ path: '/loose/h.jpg', rootId: null, missing: true }], { mainFile: null });
    assert.equal(photo(db, noMain.imageHash).availability, 'missing');
    settled(db, libraryId, (presence) => assert.equal(presence.flagMissing([usb.imageHash, noRoot.imageHash]), 2));
    assert.equal(photo(db, usb.imageHash).availability, 'offline');
    assert.equal(photo(db, noRoot.imageHash).availability, 'missing', 'no root: nothing to be offline');
    settled(db, libraryId, (presence) => presence.flagFound([{ hash: noMain.imageHash }]));
    assert.deepEqual(photo(db, noMain.imageHash), { main_file: noMain.imageHash, availability: 'present', missing_since: null });
    agreesWithTheRules(db, libraryId);
    db.close();
  });

  it('a photo missing before keeps the time it went missing when another of its files goes too', () => {
    const { db, libraryId, rootId } = fresh();
    const early = seedPhoto(db, libraryId, [{ path: '/photos/moved/i.jpg', rootId, missing: true }, { path: '/photos/moved/i.xmp', rootId, type: 'METADATA_FILE', missing: true }]);
    const since = photo(db, early.imageHash).missing_since;
    assert.ok(since !== null && since !== STAMP);
    settled(db, libraryId, (presence) => assert.equal(presence.flagMissingAt(['/photos/moved/i.jpg']), 0));
    assert.equal(photo(db, early.imageHash).missing_since, since);
    agreesWithTheRules(db, libraryId);
    db.close();
  });
});
