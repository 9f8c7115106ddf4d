/**
 * The user's story, folder by folder, as the watcher sees it: a library is scanned; then files are
 * renamed, a folder is moved into another, a file is deleted and put back, one is edited in place,
 * one is copied in, one is hard-linked, and the drive goes away. Each change is reconciled from the
 * folders it touched alone: moves keep their photo (rating, caption) and hash nothing.
 */
import assert from 'node:assert/strict';
import { copyFileSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTempLibrary, type TempLibrary } from '../../../test/support/temp-library.ts';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';
import { scanMissing } from '../missing/scan-missing.ts';
import { scanPhotos } from '../scan/scan-photos.ts';
import type { ScanChange } from '../scan/scan-work.ts';
import { reconcileFolders, type DirtyFolder } from './reconcile-folders.ts';

const FILES = {
  'Trip/Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg',
  'Trip/Nikon_D70.jpg': 'exif-samples/jpg/Nikon_D70.jpg',
  'Trip/Fujifilm_FinePix_E500.jpg': 'exif-samples/jpg/Fujifilm_FinePix_E500.jpg',
  'Home/Olympus_C8080WZ.jpg': 'exif-samples/jpg/Olympus_C8080WZ.jpg',
  'Home/Sony_HDR-HC3.jpg': 'exif-samples/jpg/Sony_HDR-HC3.jpg',
};

describe('reconciling the folders a change touched', () => {
  let lib: TempLibrary;
  let workers: FileWorkers;
  const at = (relative: string) => join(lib.rootDir, relative);
  const photoAt = (relative: string) =>
    lib.db.prepare('SELECT p.image_hash, p.rating, p.caption, f.missing FROM photos p JOIN files f ON f.hash = p.main_file WHERE f.path = ?').get(at(relative)) as
      | { image_hash: string; rating: number; caption: string; missing: number }
      | undefined;
  const reconcile = async (...folders: (string | DirtyFolder)[]) => {
    const changes: ScanChange[] = [];
    const result = await reconcileFolders(lib.context(), workers, lib.rootId, folders.map((f) => (typeof f === 'string' ? { path: at(f), deep: false } : f)), (c) => changes.push(c));
    return { result, changes };
  };

  before(async () => {
    lib = makeTempLibrary({ files: FILES });
    workers = createFileWorkers({ size: 2 });
    await scanPhotos(lib.context(), workers);
    lib.db.prepare("UPDATE photos SET rating = 4, caption = 'kept' WHERE image_hash = ?").run(photoAt('Trip/Canon_40D.jpg')?.image_hash);
  });
  after(async () => {
    await workers.close();
    lib.cleanup();
  });

  it('a file renamed in its folder keeps its photo, unhashed', async () => {
    const before = photoAt('Trip/Canon_40D.jpg');
    renameSync(at('Trip/Canon_40D.jpg'), at('Trip/Birthday.jpg'));
    const { result, changes } = await reconcile('Trip');
    assert.equal(result.hashed, 0);
    assert.deepEqual(changes, [{ change: 'moved', path: at('Trip/Birthday.jpg'), from: at('Trip/Canon_40D.jpg'), image_hash: before?.image_hash }]);
    assert.deepEqual(photoAt('Trip/Birthday.jpg'), { ...before, rating: 4, caption: 'kept' });
  });

  it('a folder moved into another: every file relinked by inode, nothing hashed, nothing missing', async () => {
    mkdirSync(at('Archive'));
    renameSync(at('Trip'), at('Archive/Trip'));
    // The events name the folder the entry left (the root) and the one it went into.
    const { result, changes } = await reconcile({ path: lib.rootDir, deep: false }, 'Archive');
    assert.equal(result.hashed, 0);
    assert.equal(result.moved, 3);
    assert.equal(result.missing, 0);
    assert.ok(changes.every((c) => c.change === 'moved' && c.path.startsWith(at('Archive/Trip/'))));
    assert.equal(photoAt('Archive/Trip/Birthday.jpg')?.rating, 4);
    assert.equal(lib.db.prepare('SELECT count(*) FROM files WHERE missing = 1').pluck().get(), 0);
  });

  it('a deleted file goes missing; put back, it is restored', async () => {
    const kept = readFileSync(at('Home/Sony_HDR-HC3.jpg'));
    rmSync(at('Home/Sony_HDR-HC3.jpg'));
    let { changes } = await reconcile('Home');
    assert.deepEqual(changes.map((c) => [c.change, c.path]), [['missing', at('Home/Sony_HDR-HC3.jpg')]]);
    assert.equal(photoAt('Home/Sony_HDR-HC3.jpg')?.missing, 1);
    writeFileSync(at('Home/Sony_HDR-HC3.jpg'), kept);
    ({ changes } = await reconcile('Home'));
    assert.deepEqual(changes.map((c) => [c.change, c.path]), [['restored', at('Home/Sony_HDR-HC3.jpg')]]);
    assert.equal(photoAt('Home/Sony_HDR-HC3.jpg')?.missing, 0);
  });

  it('a file copied in is added; one edited in place is changed', async () => {
    lib.copy('exif-samples/jpg/Pentax_K10D.jpg', 'Home/New.jpg');
    // An editor's save: new content at the same path (the photo keeps its identity and rating).
    writeFileSync(at('Home/Olympus_C8080WZ.jpg'), Buffer.concat([readFileSync(at('Home/Olympus_C8080WZ.jpg')), Buffer.from('edited')]));
    const { changes } = await reconcile('Home');
    const kinds = changes.map((c) => `${c.change} ${c.path.slice(lib.rootDir.length)}`).sort();
    assert.deepEqual(kinds, ['added /Home/New.jpg', 'changed /Home/Olympus_C8080WZ.jpg']);
  });

  it('a hard link is a copy, not a move: both paths stay', async () => {
    linkSync(at('Home/New.jpg'), at('Home/Link.jpg'));
    const { result } = await reconcile('Home');
    assert.equal(result.moved, 0);
    assert.equal(result.missing, 0);
    assert.ok(photoAt('Home/New.jpg'));
  });

  it('a root whose drive went away is offline: nothing is flagged missing', async () => {
    renameSync(lib.rootDir, `${lib.rootDir}-unplugged`);
    try {
      const { result, changes } = await reconcile({ path: lib.rootDir, deep: true }, 'Home');
      assert.equal(result.offline, true);
      assert.deepEqual(changes, []);
      assert.equal(lib.db.prepare('SELECT count(*) FROM files WHERE missing = 1').pluck().get(), 0);
    } finally {
      renameSync(`${lib.rootDir}-unplugged`, lib.rootDir);
    }
    // Back: a Scan for Missing finds every file where it was.
    await scanMissing(lib.context());
    assert.equal(lib.db.prepare('SELECT count(*) FROM files WHERE missing = 1').pluck().get(), 0);
  });
});
