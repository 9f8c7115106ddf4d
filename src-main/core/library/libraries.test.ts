import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase, type Db } from '../db/open-database.ts';
import { makeTempDir, seedFile, seedPhoto } from '../../../test/support/seed-database.ts';
import { isCoreError } from '../errors.ts';
import { addLibrary, listLibraries, listRootsOf, removeLibrary } from './libraries.ts';
import { probeLibraryRoots } from '../volumes/probe-root.ts';
import { addRoot, removeRoot } from './roots.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;
const now = new Date('2025-05-01T10:00:00Z');
const folder = (name: string): string => {
  const path = join(temp.dir, name);
  mkdirSync(path, { recursive: true });
  return path;
};
const fresh = (): Db => openDatabase(join(temp.dir, `lib-${++n}.sqlite`));
const coded = (code: string, text?: RegExp) => (error: unknown) => isCoreError(error) && error.code === code && (text === undefined || text.test(error.message));
const rowCount = (db: Db, table: string): number => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

describe('libraries', () => {
  it('adds a library with its folders and lists it with its roots', () => {
    const db = fresh();
    const photos = folder('photos');
    const phone = folder('phone');
    const library = addLibrary(db, { name: ' Family ', folders: [photos, phone + '/'] }, now);
    assert.equal(library.name, 'Family');
    assert.deepEqual(library.roots.map((root) => root.path).sort(), [phone, photos].sort());
    assert.equal(library.roots[0]?.state, 'online');
    assert.deepEqual(listLibraries(db), [library]);
  });

  it('refuses a name already used (conflict)', () => {
    const db = fresh();
    addLibrary(db, { name: 'Same', folders: [] }, now);
    assert.throws(() => addLibrary(db, { name: 'Same', folders: [] }, now), coded('conflict', /already exists/));
  });

  it('refuses a folder that does not exist or is a file, naming it, and writes nothing', () => {
    const db = fresh();
    const good = folder('good');
    const absent = join(temp.dir, 'absent');
    const file = join(temp.dir, 'a-file.txt');
    writeFileSync(file, 'x');
    assert.throws(() => addLibrary(db, { name: 'Bad', folders: [good, absent] }, now), coded('bad_request', new RegExp(`does not exist: ${absent}`)));
    assert.throws(() => addLibrary(db, { name: 'Bad', folders: [good, file] }, now), coded('bad_request', /Not a folder/));
    assert.equal(rowCount(db, 'libraries'), 0);
    assert.equal(rowCount(db, 'roots'), 0);
  });

  it('refuses nested or repeated folders and writes nothing', () => {
    const db = fresh();
    const outer = folder('outer');
    const inner = folder('outer/inner');
    assert.throws(() => addLibrary(db, { name: 'N', folders: [outer, inner] }, now), coded('bad_request', /overlap/));
    assert.throws(() => addLibrary(db, { name: 'N', folders: [outer, outer + '/'] }, now), coded('bad_request', /twice/));
    // A sibling that only shares a name prefix is not nested.
    const sibling = folder('outer-2');
    assert.equal(addLibrary(db, { name: 'N', folders: [outer, sibling] }, now).roots.length, 2);
  });

  it('removes a library with everything Keepsake knows of it, and only it', () => {
    const db = fresh();
    const a = addLibrary(db, { name: 'A', folders: [folder('ra')] }, now);
    const b = addLibrary(db, { name: 'B', folders: [folder('rb')] }, now);
    seedPhoto(db, a.id, [{ path: '/ra/1.jpg', rootId: a.roots[0]!.id }]);
    const kept = seedPhoto(db, b.id, [{ path: '/rb/1.jpg', rootId: b.roots[0]!.id }]);
    assert.equal(removeLibrary(db, a.id).thumbnailHashes.length, 1);
    assert.deepEqual(listLibraries(db).map((l) => l.name), ['B']);
    assert.deepEqual(db.prepare('SELECT image_hash FROM photos').pluck().all(), [kept.imageHash]);
    assert.equal(rowCount(db, 'files'), 1);
    assert.equal(rowCount(db, 'library_counts'), 1);
  });
});

describe('roots', () => {
  it('adds a root, refusing duplicates and nesting with a clear conflict', async () => {
    const db = fresh();
    const base = folder('roots-base');
    const library = addLibrary(db, { name: 'R', folders: [base] }, now);
    assert.throws(() => addRoot(db, library.id, base, now), coded('conflict', /already a root/));
    assert.throws(() => addRoot(db, library.id, folder('roots-base/sub'), now), coded('conflict', /inside the library's root/));
    assert.throws(() => addRoot(db, library.id, temp.dir, now), coded('conflict', /is inside/));
    assert.throws(() => addRoot(db, library.id, join(temp.dir, 'nope'), now), coded('bad_request', /does not exist/));
    assert.throws(() => addRoot(db, 999, base, now), coded('not_found'));
    const extra = addRoot(db, library.id, folder('roots-extra'), now);
    assert.equal(extra.libraryId, library.id);
    assert.equal(listRootsOf(db, library.id).length, 2);
  });

  it('removing a root keeps its photos and files; adding the folder back attaches them again', async () => {
    const db = fresh();
    const base = folder('keep-base');
    const library = addLibrary(db, { name: 'K', folders: [base] }, now);
    const rootId = library.roots[0]!.id;
    const photo = seedPhoto(db, library.id, [{ path: join(base, 'a.jpg'), rootId }]);
    db.prepare('UPDATE photos SET rating = 4 WHERE image_hash = ?').run(photo.imageHash);
    removeRoot(db, rootId);
    assert.equal(db.prepare('SELECT rating FROM photos WHERE image_hash = ?').pluck().get(photo.imageHash), 4);
    assert.equal(db.prepare('SELECT root_id FROM files WHERE hash = ?').pluck().get(photo.imageHash), null);
    const again = addRoot(db, library.id, base, now);
    assert.equal(db.prepare('SELECT root_id FROM files WHERE hash = ?').pluck().get(photo.imageHash), again.id);
    assert.throws(() => removeRoot(db, 12345), coded('not_found'));
    // A file of another folder whose name starts like this one is not attached.
    const other = seedFile(db, library.id, { path: base + '-other/x.jpg', rootId: null });
    removeRoot(db, again.id);
    addRoot(db, library.id, base, now);
    assert.equal(db.prepare('SELECT root_id FROM files WHERE hash = ?').pluck().get(other), null);
  });

  it('lists roots with a probe that stores each state', async () => {
    const db = fresh();
    const gone = folder('will-vanish');
    const library = addLibrary(db, { name: 'P', folders: [folder('stays'), gone] }, now);
    const { rmSync } = await import('node:fs');
    rmSync(gone, { recursive: true });
    await probeLibraryRoots(db, library.id, now);
    const roots = listRootsOf(db, library.id);
    const byPath = Object.fromEntries(roots.map((root) => [root.path, root.state]));
    assert.equal(byPath[gone], 'offline');
    assert.equal(byPath[join(temp.dir, 'stays')], 'online');
    assert.ok(roots.every((root) => root.stateCheckedAt !== null));
  });
});
