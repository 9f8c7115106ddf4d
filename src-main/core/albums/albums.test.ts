import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../db/open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { isCoreError } from '../errors.ts';
import { addFace, listFaces } from '../faces/faces.ts';
import { addPhotosToAlbum, createAlbum, listAlbums, removePhotosFromAlbum } from './albums.ts';

const temp = makeTempDir();
after(temp.cleanup);
const now = new Date('2025-05-01T10:00:00Z');

describe('albums and faces', () => {
  const db = openDatabase(join(temp.dir, 'albums.sqlite'));
  const a = seedLibrary(db, 'A', '/a');
  const b = seedLibrary(db, 'B', '/b');
  const p1 = seedPhoto(db, a.libraryId, [{ path: '/a/1.jpg', rootId: a.rootId }]).imageHash;
  const p2 = seedPhoto(db, a.libraryId, [{ path: '/a/2.jpg', rootId: a.rootId }]).imageHash;
  const foreign = seedPhoto(db, b.libraryId, [{ path: '/b/1.jpg', rootId: b.rootId }]).imageHash;

  it('creates user albums and fills them, idempotently', () => {
    const album = createAlbum(db, a.libraryId, '  Trip  ', now);
    assert.deepEqual({ kind: album.kind, title: album.title, photoCount: album.photoCount }, { kind: 'user', title: 'Trip', photoCount: 0 });
    assert.equal(addPhotosToAlbum(db, album.id, [p1, p2, p1]).photoCount, 2);
    assert.equal(addPhotosToAlbum(db, album.id, [p1]).photoCount, 2);
    assert.equal(removePhotosFromAlbum(db, album.id, [p1]).photoCount, 1);
    assert.deepEqual(listAlbums(db, a.libraryId).map((x) => x.title), ['Trip']);
    assert.deepEqual(listAlbums(db, b.libraryId), []);
  });

  it("refuses another library's photo, and adds nothing then", () => {
    const album = createAlbum(db, a.libraryId, 'Strict', now);
    assert.throws(() => addPhotosToAlbum(db, album.id, [p1, foreign]), (e) => isCoreError(e) && e.code === 'bad_request');
    assert.equal(listAlbums(db, a.libraryId).find((x) => x.id === album.id)?.photoCount, 0);
  });

  it('refuses to hand-edit albums Keepsake fills itself, and unknown albums', () => {
    const date = createAlbum(db, a.libraryId, '2024-06-01', now, 'date');
    assert.throws(() => addPhotosToAlbum(db, date.id, [p1]), (e) => isCoreError(e) && e.code === 'bad_request');
    assert.throws(() => addPhotosToAlbum(db, 9999, [p1]), (e) => isCoreError(e) && e.code === 'not_found');
  });

  it('records faces on a photo', () => {
    const face = addFace(db, p2, { x: 0.25, y: 0.5, w: 0.1, h: 0.2 }, 'Grete');
    assert.deepEqual(listFaces(db, p2), [face]);
    assert.deepEqual(face.box, { x: 0.25, y: 0.5, w: 0.1, h: 0.2 });
    assert.throws(() => addFace(db, 'ffffffffffffffffffffffffffffffff1', { x: 0, y: 0, w: 1, h: 1 }), (e) => isCoreError(e) && e.code === 'not_found');
    assert.throws(() => addFace(db, p2, { x: 0, y: 0, w: 0, h: 1 }), (e) => isCoreError(e) && e.code === 'bad_request');
  });
});
