/**
 * Moves applied as a set (scan/apply-moves.ts: one UPDATE per moved folder, one prepared run per
 * file otherwise): a folder with nested folders moved under another, single files renamed and moved
 * beside a folder rename in one reconciliation, names with odd characters (spaces, %, _, brackets,
 * accents, an emoji), a folder moved out of the root and back, and a folder moved while one of its
 * files was deleted (the set must not carry that row along). Every move keeps its photo and
 * metadata, hashes nothing, and leaves the browse columns pointing at the new place.
 */
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTempLibrary, type TempLibrary } from '../../../test/support/temp-library.ts';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';
import { scanPhotos } from '../scan/scan-photos.ts';
import type { ScanChange } from '../scan/scan-work.ts';
import { reconcileFolders, type DirtyFolder } from './reconcile-folders.ts';

const ODD = 'ü 100% _x [1] 😀.jpg';
const FILES = {
  'Trips/2023/Beach/Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg',
  'Trips/2023/Beach/Nikon_D70.jpg': 'exif-samples/jpg/Nikon_D70.jpg',
  'Trips/2023/Snow/Fujifilm.jpg': 'exif-samples/jpg/Fujifilm_FinePix_E500.jpg',
  'Trips/Olympus.jpg': 'exif-samples/jpg/Olympus_C8080WZ.jpg',
  [`Odd/${ODD}`]: 'exif-samples/jpg/Sony_HDR-HC3.jpg',
  'Odd/Pentax.jpg': 'exif-samples/jpg/Pentax_K10D.jpg',
  'Home/Kodak.jpg': 'exif-samples/jpg/Kodak_CX7530.jpg',
};

describe('moves applied as a set', () => {
  let lib: TempLibrary;
  let workers: FileWorkers;
  const at = (relative: string) => join(lib.rootDir, relative);
  const photoAt = (relative: string) =>
    lib.db.prepare('SELECT p.image_hash, p.rating, p.caption, p.main_dir, p.main_name, f.missing FROM photos p JOIN files f ON f.hash = p.main_file WHERE f.path = ?').get(at(relative)) as
      | { image_hash: string; rating: number; caption: string; main_dir: string; main_name: string; missing: number }
      | undefined;
  const reconcile = async (...folders: (string | DirtyFolder)[]) => {
    const changes: ScanChange[] = [];
    const result = await reconcileFolders(lib.context(), workers, lib.rootId, folders.map((f) => (typeof f === 'string' ? { path: f.startsWith(lib.rootDir) ? f : at(f), deep: false } : f)), (c) => changes.push(c));
    return { result, changes };
  };
  const missingCount = () => lib.db.prepare('SELECT count(*) FROM files WHERE missing = 1').pluck().get() as number;

  before(async () => {
    lib = makeTempLibrary({ files: FILES });
    workers = createFileWorkers({ size: 2 });
    await scanPhotos(lib.context(), workers);
    const rate = lib.db.prepare("UPDATE photos SET rating = 3, caption = 'kept: ' || main_name WHERE main_file IS NOT NULL");
    rate.run();
  });
  after(async () => {
    await workers.close();
    lib.cleanup();
  });

  it('a folder with nested folders moved under another: every row moved, nothing hashed, the browse columns follow', async () => {
    const beach = photoAt('Trips/2023/Beach/Canon_40D.jpg');
    mkdirSync(at('Archive'));
    renameSync(at('Trips'), at('Archive/Trips (old)'));
    const { result, changes } = await reconcile(lib.rootDir, 'Archive');
    assert.equal(result.hashed, 0);
    assert.equal(result.moved, 4);
    assert.equal(result.missing, 0);
    assert.deepEqual(changes.map((c) => c.change), ['moved', 'moved', 'moved', 'moved']);
    const moved = photoAt('Archive/Trips (old)/2023/Beach/Canon_40D.jpg');
    assert.equal(moved?.image_hash, beach?.image_hash);
    assert.equal(moved?.rating, 3);
    assert.equal(moved?.caption, 'kept: Canon_40D.jpg');
    assert.equal(moved?.main_dir, at('Archive/Trips (old)/2023/Beach') + sep);
    assert.equal(moved?.main_name, 'Canon_40D.jpg');
    for (const path of ['Archive/Trips (old)/2023/Beach/Nikon_D70.jpg', 'Archive/Trips (old)/2023/Snow/Fujifilm.jpg', 'Archive/Trips (old)/Olympus.jpg']) assert.equal(photoAt(path)?.missing, 0, path);
    assert.equal(lib.db.prepare("SELECT count(*) FROM files WHERE path LIKE ?").pluck().get(`${at('Trips')}${sep}%`), 0);
    assert.equal(missingCount(), 0);
  });

  it('single files renamed and moved beside a folder renamed, odd names included, in one reconciliation', async () => {
    const odd = photoAt(`Odd/${ODD}`);
    const kodak = photoAt('Home/Kodak.jpg');
    renameSync(at(`Odd/${ODD}`), at('Odd/é [2] 😀 100%.jpg'));
    renameSync(at('Home/Kodak.jpg'), at('Odd/Kodak moved.jpg'));
    renameSync(at('Odd'), at('Odd 😀 %_'));
    const { result, changes } = await reconcile(lib.rootDir, 'Home');
    assert.equal(result.hashed, 0);
    assert.equal(result.moved, 3);
    assert.ok(changes.every((c) => c.change === 'moved'));
    assert.equal(photoAt('Odd 😀 %_/é [2] 😀 100%.jpg')?.image_hash, odd?.image_hash);
    assert.equal(photoAt('Odd 😀 %_/é [2] 😀 100%.jpg')?.main_dir, at('Odd 😀 %_') + sep);
    assert.equal(photoAt('Odd 😀 %_/Kodak moved.jpg')?.image_hash, kodak?.image_hash);
    assert.equal(photoAt('Odd 😀 %_/Kodak moved.jpg')?.caption, 'kept: Kodak.jpg');
    assert.equal(photoAt('Odd 😀 %_/Pentax.jpg')?.rating, 3);
    assert.equal(missingCount(), 0);
  });

  it('a folder moved out of the root goes missing; moved back, it is present again where it was', async () => {
    const outside = join(lib.dir, 'outside');
    renameSync(at('Odd 😀 %_'), outside);
    let { result } = await reconcile(lib.rootDir);
    assert.equal(result.missing, 3);
    assert.equal(photoAt('Odd 😀 %_/Pentax.jpg')?.missing, 1);
    renameSync(outside, at('Odd 😀 %_'));
    ({ result } = await reconcile(lib.rootDir));
    assert.equal(result.hashed, 0);
    assert.equal(result.restored, 3);
    assert.equal(photoAt('Odd 😀 %_/Pentax.jpg')?.missing, 0);
    assert.equal(photoAt('Odd 😀 %_/Pentax.jpg')?.rating, 3);
    assert.equal(missingCount(), 0);
  });

  it('a folder moved while one of its files was deleted: the others move, the deleted one alone goes missing', async () => {
    rmSync(at('Archive/Trips (old)/2023/Beach/Nikon_D70.jpg'));
    renameSync(at('Archive/Trips (old)/2023/Beach'), at('Beach'));
    const { result, changes } = await reconcile('Archive/Trips (old)/2023', lib.rootDir);
    assert.equal(result.hashed, 0);
    assert.equal(result.moved, 1);
    assert.equal(result.missing, 1);
    assert.deepEqual(changes.filter((c) => c.change === 'missing').map((c) => c.path), [at('Archive/Trips (old)/2023/Beach/Nikon_D70.jpg')]);
    assert.equal(photoAt('Beach/Canon_40D.jpg')?.rating, 3);
    assert.equal(photoAt('Archive/Trips (old)/2023/Beach/Nikon_D70.jpg')?.missing, 1);
  });

  it('a whole folder of files moved at once goes as one statement and keeps every photo', async () => {
    mkdirSync(at('Many'));
    // Three present files in one folder, the photo of each its one file: the folder-set path.
    renameSync(at('Odd 😀 %_/Pentax.jpg'), at('Many/Pentax.jpg'));
    renameSync(at('Odd 😀 %_/Kodak moved.jpg'), at('Many/Kodak moved.jpg'));
    renameSync(at('Odd 😀 %_/é [2] 😀 100%.jpg'), at('Many/é [2] 😀 100%.jpg'));
    await reconcile('Odd 😀 %_', 'Many');
    const before = ['Pentax.jpg', 'Kodak moved.jpg', 'é [2] 😀 100%.jpg'].map((name) => photoAt(`Many/${name}`)?.image_hash);
    rmSync(at('Odd 😀 %_'), { recursive: true });
    renameSync(at('Many'), at('Many, renamed'));
    const { result } = await reconcile(lib.rootDir);
    assert.equal(result.moved, 3);
    assert.equal(result.hashed, 0);
    assert.deepEqual(['Pentax.jpg', 'Kodak moved.jpg', 'é [2] 😀 100%.jpg'].map((name) => photoAt(`Many, renamed/${name}`)?.image_hash), before);
    assert.equal(photoAt('Many, renamed/é [2] 😀 100%.jpg')?.main_name, 'é [2] 😀 100%.jpg');
    assert.equal(missingCount(), 1); // the Nikon deleted above, still missing
  });
});
