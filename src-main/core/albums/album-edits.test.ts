import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../db/open-database.ts';
import { makeTempDir, seedLibrary, seedPhoto } from '../../../test/support/seed-database.ts';
import { isCoreError } from '../errors.ts';
import { addPhotosToAlbum, createAlbum, deleteAlbum, listAlbums, listAlbumsOfPhoto, renameAlbum } from './albums.ts';

const temp = makeTempDir();
after(temp.cleanup);
const now = new Date('2025-05-01T10:00:00Z');

describe('renaming and deleting albums', () => {
  const db = openDatabase(join(temp.dir, 'album-edits.sqlite'));
  const { libraryId, rootId } = seedLibrary(db, 'A', '/a');
  db.prepare('UPDATE libraries SET write_sidecars = 1 WHERE id = ?').run(libraryId);
  const p1 = seedPhoto(db, libraryId, [{ path: '/a/1.jpg', rootId }]).imageHash;
  const p2 = seedPhoto(db, libraryId, [{ path: '/a/2.jpg', rootId }]).imageHash;
  const pending = () => db.prepare('SELECT image_hash FROM sidecar_pending ORDER BY image_hash').pluck().all();

  it('renames a user album (trimmed), and its photos\' sidecars are written again', () => {
    const album = createAlbum(db, libraryId, 'Trip', now);
    addPhotosToAlbum(db, album.id, [p1], now);
    db.prepare('DELETE FROM sidecar_pending').run();
    assert.equal(renameAlbum(db, album.id, '  Trip to Porto ', now).title, 'Trip to Porto');
    assert.deepEqual(pending(), [p1]);
    assert.throws(() => renameAlbum(db, album.id, '   ', now), (e) => isCoreError(e) && e.code === 'bad_request');
    assert.throws(() => renameAlbum(db, 9999, 'X', now), (e) => isCoreError(e) && e.code === 'not_found');
  });

  it('deletes a user album and its links, never its photos', () => {
    const album = createAlbum(db, libraryId, 'Gone soon', now);
    const keep = createAlbum(db, libraryId, 'Kept', now);
    addPhotosToAlbum(db, album.id, [p1, p2], now);
    addPhotosToAlbum(db, keep.id, [p2], now);
    db.prepare('DELETE FROM sidecar_pending').run();
    const { album: deleted, photoCount } = deleteAlbum(db, album.id, now);
    assert.deepEqual([deleted.title, photoCount], ['Gone soon', 2]);
    assert.equal(listAlbums(db, libraryId).some((a) => a.id === album.id), false);
    assert.equal(db.prepare('SELECT COUNT(*) FROM photos WHERE image_hash IN (?, ?)').pluck().get(p1, p2), 2, 'the photos stay');
    assert.equal(db.prepare('SELECT COUNT(*) FROM album_photos WHERE album_id = ?').pluck().get(album.id), 0);
    assert.deepEqual(listAlbumsOfPhoto(db, p2).map((a) => a.title), ['Kept'], 'other albums keep their photos');
    assert.deepEqual(pending(), [p1, p2].sort());
  });

  it('refuses to rename or delete the albums Keepsake makes (date, thing, place)', () => {
    for (const kind of ['date', 'thing', 'place'] as const) {
      const album = createAlbum(db, libraryId, `A ${kind} album`, now, kind);
      assert.throws(() => renameAlbum(db, album.id, 'Mine', now), (e) => isCoreError(e) && e.code === 'bad_request');
      assert.throws(() => deleteAlbum(db, album.id, now), (e) => isCoreError(e) && e.code === 'bad_request');
    }
  });
});
