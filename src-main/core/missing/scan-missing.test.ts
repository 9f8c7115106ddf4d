import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';
import { scanPhotos } from '../scan/scan-photos.ts';
import { makeTempLibrary, type TempLibrary } from '../../../test/support/temp-library.ts';
import { scanMissing } from './scan-missing.ts';
import { statForMissing } from './stat-for-missing.ts';

/** The job's page size, as its documentation states it: one transaction and one progress event each. */
const MISSING_PAGE = 5000;

const FILES = {
  'trip/Nikon.jpg': 'exiftool-samples/Nikon.jpg',
  'trip/Nikon.nef': 'exiftool-samples/Nikon.nef',
  'trip/Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg',
  'home/Nikon_D70.jpg': 'exif-samples/jpg/Nikon_D70.jpg',
  'home/clip.mov': 'video/clip.mov',
};

const fileAt = (lib: TempLibrary, relative: string) =>
  lib.db.prepare('SELECT * FROM files WHERE path = ?').get(join(lib.rootDir, relative)) as { hash: string; missing: number; unreadable: number; missing_since: string | null };
const photoOf = (lib: TempLibrary, fileHash: string) =>
  lib.db.prepare('SELECT p.* FROM photos p JOIN photo_files pf ON pf.image_hash = p.image_hash WHERE pf.file_hash = ?').get(fileHash) as { image_hash: string; main_file: string | null; availability: string };
const count = (lib: TempLibrary, sql: string, ...params: unknown[]) => lib.db.prepare(sql).pluck().get(...params) as number;

describe('scanMissing', () => {
  let pool: FileWorkers;
  before(() => {
    pool = createFileWorkers({ size: 2 });
  });
  after(async () => {
    await pool.close();
  });

  async function scanned(): Promise<TempLibrary> {
    const lib = makeTempLibrary({ files: FILES });
    await scanPhotos(lib.context(), pool);
    return lib;
  }

  it('flags deleted files missing, moves the main file to a present one, and relinks them when they are back', async () => {
    const lib = await scanned();
    try {
      mkdirSync(join(lib.dir, 'away'));
      for (const name of ['trip/Nikon.jpg', 'trip/Canon_40D.jpg', 'home/clip.mov']) renameSync(join(lib.rootDir, name), join(lib.dir, 'away', name.replace('/', '-')));
      const result = await scanMissing(lib.context());
      assert.equal(result.checked, 5);
      assert.equal(result.newly_missing, 3);
      assert.equal(result.missing, 3);
      assert.equal(result.restored, 0);
      const canon = fileAt(lib, 'trip/Canon_40D.jpg');
      assert.equal(canon.missing, 1);
      assert.ok(canon.missing_since);
      assert.equal(photoOf(lib, canon.hash).availability, 'missing');
      assert.equal(photoOf(lib, fileAt(lib, 'home/clip.mov').hash).availability, 'missing');
      // The Nikon photo still has its NEF: the NEF becomes main and the photo stays present.
      const jpg = fileAt(lib, 'trip/Nikon.jpg');
      const nef = fileAt(lib, 'trip/Nikon.nef');
      assert.equal(jpg.missing, 1);
      assert.equal(photoOf(lib, jpg.hash).main_file, nef.hash);
      assert.equal(photoOf(lib, jpg.hash).availability, 'present');
      assert.equal(count(lib, 'SELECT num_missing FROM library_counts WHERE library_id = ?', lib.libraryId), 2);
      assert.equal(count(lib, 'SELECT count(*) FROM photo_files WHERE file_hash = ?', canon.hash), 1, 'the link is kept for history');

      // Put back: two with their stat intact, one rewritten (new mtime, same bytes) which is hashed.
      renameSync(join(lib.dir, 'away/trip-Nikon.jpg'), join(lib.rootDir, 'trip/Nikon.jpg'));
      renameSync(join(lib.dir, 'away/home-clip.mov'), join(lib.rootDir, 'home/clip.mov'));
      writeFileSync(join(lib.rootDir, 'trip/Canon_40D.jpg'), readFileSync(join(lib.dir, 'away/trip-Canon_40D.jpg')));
      const back = await scanMissing(lib.context());
      assert.equal(back.restored, 3);
      assert.equal(back.missing, 0);
      assert.equal(photoOf(lib, jpg.hash).main_file, jpg.hash, 'the JPEG is main again');
      assert.equal(count(lib, "SELECT count(*) FROM photos WHERE availability <> 'present'"), 0);
      assert.equal(count(lib, 'SELECT num_missing FROM library_counts'), 0);
    } finally {
      lib.cleanup();
    }
  });

  it('leaves a file missing when other content sits at its path', async () => {
    const lib = await scanned();
    try {
      const canon = fileAt(lib, 'trip/Canon_40D.jpg');
      rmSync(join(lib.rootDir, 'trip/Canon_40D.jpg'));
      await scanMissing(lib.context());
      lib.copy('exif-samples/jpg/Nikon_D70.jpg', 'trip/Canon_40D.jpg');
      const result = await scanMissing(lib.context());
      assert.equal(result.restored, 0);
      assert.equal(fileAt(lib, 'trip/Canon_40D.jpg').missing, 1);
      assert.equal(photoOf(lib, canon.hash).availability, 'missing');
    } finally {
      lib.cleanup();
    }
  });

  it('records permission denied as unreadable, never missing (injected stat)', async () => {
    const lib = await scanned();
    try {
      // Tests run as root, which bypasses permissions: EACCES is injected here, and proven real below.
      const locked = join(lib.rootDir, 'home');
      const result = await scanMissing(lib.context(), { stat: (path) => (path.startsWith(locked + '/') ? 'unreadable' : statForMissing(path)) });
      assert.equal(result.unreadable, 2);
      assert.equal(result.newly_missing, 0);
      const file = fileAt(lib, 'home/Nikon_D70.jpg');
      assert.equal(file.unreadable, 1);
      assert.equal(file.missing, 0);
      assert.equal(photoOf(lib, file.hash).availability, 'present');
      const again = await scanMissing(lib.context());
      assert.equal(again.unreadable, 0);
      assert.equal(fileAt(lib, 'home/Nikon_D70.jpg').unreadable, 0, 'readable again');
    } finally {
      lib.cleanup();
    }
  });

  it('statForMissing answers unreadable for a real EACCES (checked as an unprivileged user)', (t) => {
    if (process.getuid?.() !== 0) {
      t.skip('needs root to switch to an unprivileged user');
      return;
    }
    const lib = makeTempLibrary({ files: { 'locked/a.jpg': 'exif-samples/jpg/Canon_40D.jpg' } });
    try {
      chmodSync(lib.dir, 0o755);
      chmodSync(join(lib.rootDir, 'locked'), 0o000);
      // The unprivileged user may not be able to enter the checkout (a clone under a 0700 home), so it
      // does not import from there: statForMissing's own module is bundled into the temp folder.
      const module = join(lib.dir, 'stat-for-missing.mjs');
      buildSync({ entryPoints: [fileURLToPath(new URL('./stat-for-missing.ts', import.meta.url))], outfile: module, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
      chmodSync(module, 0o644);
      const script = `process.setgid(65534); process.setuid(65534);
        const { accessSync, constants } = await import('node:fs');
        try { accessSync(${JSON.stringify(lib.dir)}, constants.R_OK | constants.X_OK); } catch (error) { console.log(JSON.stringify({ unreachable: error.code })); process.exit(0); }
        const { statForMissing } = await import(${JSON.stringify(pathToFileURL(module).href)});
        console.log(JSON.stringify([statForMissing(${JSON.stringify(join(lib.rootDir, 'locked/a.jpg'))}), statForMissing(${JSON.stringify(join(lib.rootDir, 'gone.jpg'))})]));`;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      assert.equal(child.status, 0, child.stderr);
      const answer = JSON.parse(child.stdout) as unknown;
      if (!Array.isArray(answer)) {
        t.skip(`uid 65534 cannot enter the temporary folder ${lib.dir} (${JSON.stringify(answer)}): set TMPDIR to a folder everyone can enter`);
        return;
      }
      assert.deepEqual(answer, ['unreadable', 'gone']);
    } finally {
      chmodSync(join(lib.rootDir, 'locked'), 0o755);
      lib.cleanup();
    }
  });

  it('does not touch the files of a root that is offline', async () => {
    const lib = await scanned();
    try {
      renameSync(lib.rootDir, `${lib.rootDir}-unplugged`);
      const result = await scanMissing(lib.context());
      assert.equal(result.skipped_roots, 1);
      assert.equal(result.checked, 0);
      assert.equal(count(lib, 'SELECT count(*) FROM files WHERE missing = 1'), 0);
      assert.equal(count(lib, "SELECT count(*) FROM photos WHERE availability = 'offline'"), 4);
      assert.equal(count(lib, "SELECT count(*) FROM photos WHERE availability = 'missing'"), 0);
    } finally {
      lib.cleanup();
    }
  });

  it('works in pages of 5,000 with progress per page, and a cancel between pages keeps what was committed', async () => {
    const lib = makeTempLibrary();
    try {
      // 12,000 tracked files made directly in the database (hashing them is not what is tested here).
      const n = 12_000;
      const insertFile = lib.db.prepare(`INSERT INTO files (hash, library_id, root_id, path, type, size, mtime_ms) VALUES (?, ?, ?, ?, 'IMAGE', 1, ?)`);
      const insertPhoto = lib.db.prepare(`INSERT INTO photos (image_hash, library_id, main_file, added_at) VALUES (?, ?, ?, '2024-01-01')`);
      const link = lib.db.prepare('INSERT INTO photo_files (image_hash, file_hash) VALUES (?, ?)');
      mkdirSync(join(lib.rootDir, 'many'));
      lib.db.transaction(() => {
        for (let i = 0; i < n; i++) {
          const path = join(lib.rootDir, 'many', `f${String(i).padStart(5, '0')}.jpg`);
          const hash = `${i.toString(16).padStart(32, '0')}${lib.libraryId}`;
          if (i % 2 === 0) {
            writeFileSync(path, 'x');
            utimesSync(path, 1_700_000_000, 1_700_000_000);
          }
          insertFile.run(hash, lib.libraryId, lib.rootId, path, 1_700_000_000_000);
          insertPhoto.run(hash, lib.libraryId, hash);
          link.run(hash, hash);
        }
      })();
      const pages: number[] = [];
      const result = await scanMissing(lib.context({ onProgress: (_phase, current) => pages.push(current) }));
      assert.equal(result.checked, n);
      assert.equal(result.newly_missing, n / 2);
      assert.deepEqual(pages, [0, MISSING_PAGE, 2 * MISSING_PAGE, n]);
      assert.equal(count(lib, "SELECT count(*) FROM photos WHERE availability = 'missing'"), n / 2);

      // Every file comes back; a cancel after the first page keeps that page's work.
      for (let i = 1; i < n; i += 2) {
        const path = join(lib.rootDir, 'many', `f${String(i).padStart(5, '0')}.jpg`);
        writeFileSync(path, 'x');
        utimesSync(path, 1_700_000_000, 1_700_000_000);
      }
      const controller = new AbortController();
      const ctx = lib.context({ signal: controller.signal, onProgress: (_phase, current) => current > 0 && controller.abort() });
      await assert.rejects(scanMissing(ctx), (error: Error) => error.name === 'AbortError');
      assert.equal(count(lib, 'SELECT count(*) FROM files WHERE missing = 1'), n / 2 - MISSING_PAGE / 2);
      assert.equal(count(lib, 'SELECT num_missing FROM library_counts'), n / 2 - MISSING_PAGE / 2);
    } finally {
      lib.cleanup();
    }
  });
});
