import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openDatabase, type Db } from '../db/open-database.ts';
import { addToAlbumsOfAllKinds, markFileMissing, seedFiles } from '../../../test/support/seed-scanned-files.ts';
import { scanMissingJob } from '../job-specs/job-specs.ts';
import { findSuggestedMatches, matchName } from './find-matches.ts';
import { listMatches } from './list-matches.ts';
import { resolveMatch } from './resolve-match.ts';

describe('edited files: suggested matches (real files, real SQLite)', () => {
  let dir = '';
  let db: Db;
  let libraryId = 0;
  let original = '';
  let edited = '';
  let unrelated = '';
  let sameNameOtherTime = '';
  let otherLibraryPhoto = '';

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-matches-'));
    db = openDatabase(join(dir, 'keepsake.db'));
    const root = join(dir, 'Pictures');
    mkdirSync(join(root, 'edited'), { recursive: true });
    const files = {
      original: join(root, 'IMG_0042.JPG'),
      edited: join(root, 'edited', 'img_0042.jpeg'),
      unrelated: join(root, 'IMG_0043.JPG'),
      sameNameOtherTime: join(root, 'edited', 'IMG_0042.tif'),
    };
    writeFileSync(files.original, 'original pixels');
    writeFileSync(files.edited, 'edited pixels, other hash');
    writeFileSync(files.unrelated, 'another photo, same second');
    writeFileSync(files.sameNameOtherTime, 'same name, shot later');
    libraryId = Number(db.prepare(`INSERT INTO libraries (name, created_at) VALUES ('L', 'now')`).run().lastInsertRowid);
    const rootId = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, 'now')`).run(libraryId, root).lastInsertRowid);
    const times: Record<string, string> = {
      [files.original]: '2021-07-04T10:00:00',
      [files.edited]: '2021-07-04T10:00:00',
      [files.unrelated]: '2021-07-04T10:00:00',
      [files.sameNameOtherTime]: '2021-07-04T11:30:00',
    };
    [original, edited, unrelated, sameNameOtherTime] = (await seedFiles(db, libraryId, rootId, Object.values(files), (p) => times[p] ?? null)) as [
      string,
      string,
      string,
      string,
    ];
    // Another library holding the very same edited file must never be offered.
    const other = Number(db.prepare(`INSERT INTO libraries (name, created_at) VALUES ('Other', 'now')`).run().lastInsertRowid);
    const otherRoot = Number(db.prepare(`INSERT INTO roots (library_id, path, added_at) VALUES (?, ?, 'now')`).run(other, root).lastInsertRowid);
    [otherLibraryPhoto] = (await seedFiles(db, other, otherRoot, [files.edited], () => '2021-07-04T10:00:00')) as [string];

    // The user's metadata on the original: rating, caption, albums of four kinds, two faces.
    db.prepare(`UPDATE photos SET rating = 4, caption = 'Grandma at the lake' WHERE image_hash = ?`).run(original);
    addToAlbumsOfAllKinds(db, libraryId, [original]);
    db.prepare(`INSERT INTO faces (image_hash, x, y, w, h, name) VALUES (?, 0.1, 0.1, 0.2, 0.2, 'Grandma'), (?, 0.5, 0.5, 0.1, 0.1, NULL)`).run(original, original);
    // The original was overwritten by an editor elsewhere: Scan for Missing flags it.
    rmSync(files.original);
    markFileMissing(db, libraryId, original);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the match name is the file name without extension, case-folded', () => {
    assert.equal(matchName('/a/IMG_0042.JPG'), 'img_0042');
    assert.equal(matchName('C:\\b\\img_0042.jpeg'), 'img_0042');
    assert.equal(matchName('/a/archive.tar.gz'), 'archive.tar');
  });

  it('offers the same-name, same-time photo (only it), once', () => {
    assert.equal(findSuggestedMatches(db, libraryId), 1);
    assert.equal(findSuggestedMatches(db, libraryId), 0, 'idempotent');
    const [match, ...rest] = listMatches(db, libraryId);
    assert.equal(rest.length, 0);
    assert.equal(match?.missing.imageHash, original);
    assert.equal(match?.missing.availability, 'missing');
    assert.equal(match?.missing.lastKnownPath, join(dir, 'Pictures', 'IMG_0042.JPG'));
    assert.equal(match?.candidate.imageHash, edited);
    assert.equal(match?.reason, 'same file name and capture time');
    assert.notEqual(match?.candidate.imageHash, unrelated);
    assert.notEqual(match?.candidate.imageHash, sameNameOtherTime);
    assert.notEqual(match?.candidate.imageHash, otherLibraryPhoto);
  });

  it('accepting moves rating, caption, albums of all four kinds and faces to the new photo, then removes the missing one', () => {
    findSuggestedMatches(db, libraryId);
    const [match] = listMatches(db, libraryId);
    const result = resolveMatch(db, match?.id ?? 0, true);
    assert.deepEqual(result, { resolved: true, libraryId, removedImageHash: original });
    const photo = db.prepare('SELECT rating, caption, availability FROM photos WHERE image_hash = ?').get(edited);
    assert.deepEqual({ ...(photo as object) }, { rating: 4, caption: 'Grandma at the lake', availability: 'present' });
    const kinds = db
      .prepare('SELECT a.kind FROM album_photos ap JOIN albums a ON a.id = ap.album_id WHERE ap.image_hash = ? ORDER BY a.kind')
      .pluck()
      .all(edited);
    assert.deepEqual(kinds, ['date', 'place', 'thing', 'user']);
    assert.deepEqual(db.prepare('SELECT name FROM faces WHERE image_hash = ? ORDER BY id').pluck().all(edited), ['Grandma', null]);
    assert.equal(db.prepare('SELECT COUNT(*) FROM photos WHERE image_hash = ?').pluck().get(original), 0);
    assert.equal(db.prepare('SELECT COUNT(*) FROM files WHERE hash = ?').pluck().get(original), 0, 'its missing file record is gone');
    assert.equal(db.prepare('SELECT num_missing FROM library_counts WHERE library_id = ?').pluck().get(libraryId), 0);
    assert.deepEqual(listMatches(db, libraryId), []);
    assert.equal(findSuggestedMatches(db, libraryId), 0);
    assert.deepEqual(resolveMatch(db, match?.id ?? 0, true).removedImageHash, null, 'answering twice is harmless');
  });

  it('a rejected match is never offered again, and the photos are untouched', () => {
    findSuggestedMatches(db, libraryId);
    const [match] = listMatches(db, libraryId);
    resolveMatch(db, match?.id ?? 0, false);
    assert.deepEqual(listMatches(db, libraryId), []);
    assert.equal(findSuggestedMatches(db, libraryId), 0);
    assert.deepEqual(listMatches(db, libraryId), []);
    assert.equal(db.prepare('SELECT rating FROM photos WHERE image_hash = ?').pluck().get(original), 4);
    assert.equal(db.prepare('SELECT rating FROM photos WHERE image_hash = ?').pluck().get(edited), 0);
    assert.throws(() => resolveMatch(db, match?.id ?? 0, true), /already rejected/);
    assert.throws(() => resolveMatch(db, 9999, true), /No suggested match/);
  });

  it('a suggestion whose missing photo came back is not shown and cannot be accepted', () => {
    findSuggestedMatches(db, libraryId);
    const [match] = listMatches(db, libraryId);
    db.prepare(`UPDATE photos SET availability = 'present' WHERE image_hash = ?`).run(original);
    assert.deepEqual(listMatches(db, libraryId), []);
    assert.throws(() => resolveMatch(db, match?.id ?? 0, true), /no longer missing/);
  });

  it('Scan for Missing looks for suggestions; listing only reads the stored ones', async () => {
    assert.deepEqual(listMatches(db, libraryId), [], 'listing finds nothing by itself');
    const ctx = { db, jobId: 'test', libraryId, dataDir: dir, signal: new AbortController().signal, now: () => new Date(), progress: () => {} };
    await scanMissingJob(libraryId).run(ctx);
    assert.deepEqual(
      listMatches(db, libraryId).map((m) => [m.missing.imageHash, m.candidate.imageHash]),
      [[original, edited]],
    );
  });

  it('a suggestion whose candidate photo was deleted is not shown', () => {
    findSuggestedMatches(db, libraryId);
    assert.equal(listMatches(db, libraryId).length, 1);
    db.prepare('DELETE FROM photo_files WHERE image_hash = ?').run(edited);
    db.prepare('DELETE FROM photos WHERE image_hash = ?').run(edited);
    assert.deepEqual(listMatches(db, libraryId), []);
  });

  it('pairs from either side: many present photos with one missing, or many missing with one present', () => {
    // The loop order flips with the counts; both must find the same pair.
    assert.equal(findSuggestedMatches(db, libraryId), 1);
    db.prepare('DELETE FROM match_suggestions').run();
    db.prepare("UPDATE library_counts SET num_missing = num_photos - 1 WHERE library_id = ?").run(libraryId);
    assert.equal(findSuggestedMatches(db, libraryId), 1);
  });
});
