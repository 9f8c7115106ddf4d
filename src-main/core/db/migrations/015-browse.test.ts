import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, seedFile, seedLibrary, seedPhoto } from '../../../../test/support/seed-database.ts';
import { browseColumns } from '../../photos/browse-columns.ts';
import { chooseMainFiles } from '../../photos/main-file.ts';
import { rewritePathPrefix } from '../../volumes/mount-search.ts';
import { migrate, openDatabase, schemaVersion, type Db } from '../open-database.ts';
import { MIGRATIONS } from './index.ts';

const temp = makeTempDir();
after(temp.cleanup);

const mainOf = (db: Db, imageHash: string) =>
  db.prepare('SELECT main_dir AS dir, main_name AS name FROM photos WHERE image_hash = ?').get(imageHash) as { dir: string | null; name: string | null };
const searchOf = (db: Db, imageHash: string) => db.prepare('SELECT search_text FROM photos WHERE image_hash = ?').pluck().get(imageHash) as string | null;

describe('migration 015: browse (main file folder and name on the photo, three grid indexes)', () => {
  it('fills the folder and name of the photos there were, and keeps them as files move, get renamed or go', () => {
    const db = openDatabase(join(temp.dir, 'k.db'), { upTo: 14 });
    const { libraryId, rootId } = seedLibrary(db, 'L', '/photos');
    const { imageHash: old } = seedPhoto(db, libraryId, [{ path: '/photos/2023/trip/a.jpg', rootId }]);
    const { imageHash: windows } = seedPhoto(db, libraryId, [{ path: 'E:\\Pictures\\b.JPG', rootId }]);
    const { imageHash: none } = seedPhoto(db, libraryId, [{ path: '/photos/c.jpg', rootId }], { mainFile: null });
    migrate(db, MIGRATIONS, 15);
    assert.equal(schemaVersion(db), 15);
    assert.deepEqual(mainOf(db, old), { dir: '/photos/2023/trip/', name: 'a.jpg' });
    assert.deepEqual(mainOf(db, windows), { dir: 'E:\\Pictures\\', name: 'b.JPG' }, 'either separator');
    assert.deepEqual(mainOf(db, none), { dir: null, name: null });
    // What a search reads: the path from the root's own folder down, and the caption, in lower case.
    assert.equal(searchOf(db, old), 'photos/2023/trip/a.jpg\n');
    assert.equal(searchOf(db, none), '\n');
    db.prepare('UPDATE photos SET caption = ? WHERE image_hash = ?').run('Grandma at the Lake', old);
    assert.equal(searchOf(db, old), 'photos/2023/trip/a.jpg\ngrandma at the lake');

    // A new photo gets them at once.
    const { imageHash: fresh, fileHashes } = seedPhoto(db, libraryId, [{ path: '/photos/new/d.jpg', rootId }, { path: '/photos/new/d.cr2', rootId, type: 'RAW_FILE' }]);
    assert.deepEqual(mainOf(db, fresh), { dir: '/photos/new/', name: 'd.jpg' });
    // Its main file moved (a relink) or renamed: the photo follows.
    db.prepare('UPDATE files SET path = ? WHERE hash = ?').run('/photos/sorted/renamed.jpg', fileHashes[0]);
    assert.deepEqual(mainOf(db, fresh), { dir: '/photos/sorted/', name: 'renamed.jpg' });
    assert.equal(searchOf(db, fresh), 'photos/sorted/renamed.jpg\n');
    // A whole folder moved (a drive found at a new mount point).
    db.transaction(() => rewritePathPrefix(db, libraryId, '/photos/2023', '/mnt/usb/2023'))();
    assert.deepEqual(mainOf(db, old), { dir: '/mnt/usb/2023/trip/', name: 'a.jpg' });
    // The root found there too: searched from its own folder down again.
    db.prepare("UPDATE roots SET path = '/mnt/usb' WHERE id = ?").run(rootId);
    assert.equal(searchOf(db, old), 'usb/2023/trip/a.jpg\ngrandma at the lake');
    // Another file becomes main (the JPEG is gone).
    db.prepare('UPDATE files SET missing = 1 WHERE hash = ?').run(fileHashes[0]);
    assert.equal(chooseMainFiles(db, libraryId, [fresh]).length, 1);
    assert.deepEqual(mainOf(db, fresh), { dir: '/photos/new/', name: 'd.cr2' });
    // The main file's row goes (ON DELETE SET NULL): so do its folder and name.
    db.prepare('DELETE FROM files WHERE hash = ?').run(fileHashes[1]);
    assert.deepEqual(mainOf(db, fresh), { dir: null, name: null });
    assert.equal(searchOf(db, fresh), '\n');
    // A file that is no photo's main file changes nothing.
    const other = seedFile(db, libraryId, { path: '/photos/lonely.jpg', rootId });
    db.prepare('UPDATE files SET path = ? WHERE hash = ?').run('/photos/lonelier.jpg', other);
    assert.deepEqual(mainOf(db, old), { dir: '/mnt/usb/2023/trip/', name: 'a.jpg' });

    for (const index of ['photos_library_folder', 'photos_library_name', 'photos_library_added']) {
      assert.ok(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(index), index);
    }
    db.close();
  });
});

describe('the browse columns a scan computes itself', () => {
  it('are exactly what the triggers compute', () => {
    const db = openDatabase(join(temp.dir, 'columns.db'));
    const { libraryId, rootId } = seedLibrary(db, 'L', '/home/Ana/Pictures');
    const windowsRoot = Number(db.prepare("INSERT INTO roots (library_id, path, added_at) VALUES (?, 'E:\\Fotos', 'now')").run(libraryId).lastInsertRowid);
    const cases: [string, number | null][] = [
      ['/home/Ana/Pictures/2023/Summer/Beach.JPG', rootId],
      ['E:\\Fotos\\Año Nuevo\\IMG_1.jpg', windowsRoot],
      ['/nowhere/Ünïcode Ä/x.PNG', null],
      ['noslash.jpg', null],
    ];
    for (const [path, root] of cases) {
      const { imageHash } = seedPhoto(db, libraryId, [{ path, rootId: root }]);
      db.prepare('UPDATE photos SET caption = ? WHERE image_hash = ?').run('Grandma ÄT the Lake', imageHash);
      const stored = db.prepare('SELECT main_dir AS mainDir, main_name AS mainName, search_text AS searchText FROM photos WHERE image_hash = ?').get(imageHash);
      const rootPath = root === null ? null : (db.prepare('SELECT path FROM roots WHERE id = ?').pluck().get(root) as string);
      assert.deepEqual(browseColumns(path, rootPath, 'Grandma ÄT the Lake'), stored, path);
    }
    db.close();
  });
});
