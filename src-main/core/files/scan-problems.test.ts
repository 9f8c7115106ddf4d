import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, opendirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CORPUS_DIR, makeTempLibrary, type TempLibrary } from '../../../test/support/temp-library.ts';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';
import { addRoot } from '../library/roots.ts';
import { scanPhotos } from '../scan/scan-photos.ts';
import { isScannable, isScannableFolder } from './file-type.ts';
import { isValidUtf8, listScanProblems, readableName } from './scan-problems.ts';

const JPEG = readFileSync(join(CORPUS_DIR, 'exif-samples/jpg/Canon_40D.jpg'));
const CORRUPT = readFileSync(join(CORPUS_DIR, 'exif-samples/jpg/corrupted.jpg'));
/** A path made of raw bytes: `prefix` + one Latin-1 é + `suffix` (not valid UTF-8). */
const latin1 = (prefix: string, suffix: string): Buffer => Buffer.concat([Buffer.from(prefix), Buffer.from([0xe9]), Buffer.from(suffix)]);
const problemsOf = (lib: TempLibrary) => new Map(listScanProblems(lib.db, lib.libraryId, 0, 5000).items.map((p) => [p.path, p.reason]));

/** Makes a folder chain whose absolute path is longer than PATH_MAX (mkdir one level at a time, relative). */
function makeTooLong(base: string): string {
  const here = process.cwd();
  let path = base;
  try {
    process.chdir(base);
    while (path.length <= 4200) {
      const name = 'd'.repeat(200);
      mkdirSync(name);
      process.chdir(name);
      path = join(path, name);
    }
    writeFileSync('deep.jpg', JPEG);
  } finally {
    process.chdir(here);
  }
  return path;
}

/** Every entry a scan should see (scannable names, not hidden, links not followed), by readable path; folders that cannot be entered are leaves. */
function onDisk(root: string): string[] {
  const seen: string[] = [];
  const walk = (folder: Buffer) => {
    let entries;
    try {
      entries = readdirSync(folder, { encoding: 'buffer', withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const raw = Buffer.concat([folder, Buffer.from(sep), entry.name]);
      const name = readableName(entry.name);
      if (entry.isDirectory() && isScannableFolder(name)) {
        if (!isValidUtf8(entry.name) || raw.length > 4095) seen.push(readableName(raw));
        else walk(raw);
      } else if (!entry.isDirectory() && !entry.isSymbolicLink() && isScannable(name)) seen.push(readableName(raw));
    }
  };
  walk(Buffer.from(root));
  return seen;
}

describe('scan problems: every file the scan saw has a row or a recorded reason', () => {
  let pool: FileWorkers;
  before(() => {
    pool = createFileWorkers({ size: 2 });
  });
  after(async () => {
    await pool.close();
  });

  it('shows bytes that are not UTF-8 as \\xNN escapes and keeps UTF-8 as it is', () => {
    assert.equal(readableName(Buffer.from('café.jpg')), 'café.jpg');
    assert.equal(readableName(latin1('caf', '.jpg')), 'caf\\xe9.jpg');
    assert.equal(readableName(Buffer.from([0xed, 0xa0, 0x80])), '\\xed\\xa0\\x80'); // a surrogate is not UTF-8
    assert.equal(isValidUtf8(Buffer.from('日本.jpg')), true);
    assert.equal(isValidUtf8(latin1('caf', '.jpg')), false);
  });

  it('records each reason with its path, counts them, and accounts for every file on disk', async () => {
    const lib = makeTempLibrary();
    try {
      const root = lib.rootDir;
      writeFileSync(join(root, 'good.jpg'), JPEG);
      writeFileSync(latin1(`${root}/caf`, '.jpg'), JPEG);
      mkdirSync(latin1(`${root}/Vacances `, 't'));
      writeFileSync(latin1(`${root}/Vacances `, 't/inside.jpg'), JPEG);
      writeFileSync(join(root, 'broken.jpg'), CORRUPT);
      execFileSync('mkfifo', [join(root, 'pipe.jpg')]);
      const deep = makeTooLong(root);
      const result = await scanPhotos(lib.context(), pool);
      const problems = problemsOf(lib);
      assert.equal(problems.get(join(root, 'caf\\xe9.jpg')), 'name is not valid UTF-8');
      assert.equal(problems.get(join(root, 'Vacances \\xe9t')), 'name is not valid UTF-8');
      assert.equal(problems.get(join(root, 'pipe.jpg')), 'not a regular file');
      assert.match(problems.get(join(root, 'broken.jpg')) ?? '', /^cannot decode: /);
      const tooLong = [...problems].find(([path]) => path.length > 4095);
      assert.equal(tooLong?.[1], 'path longer than the system allows');
      assert.ok(deep.startsWith(tooLong?.[0] ?? '\0'));
      assert.equal(result.problems, problems.size);
      assert.equal(result.problems, 5);
      assert.ok(result.errors >= 5);
      // The raw bytes are kept, and are the file's.
      const raw = lib.db.prepare('SELECT raw_path FROM scan_problems WHERE path = ?').pluck().get(join(root, 'caf\\xe9.jpg')) as Buffer;
      assert.equal(statSync(raw).size, JPEG.length);
      // 0 files seen without a row or a reason.
      const rows = new Set(lib.db.prepare('SELECT path FROM files WHERE library_id = ?').pluck().all(lib.libraryId) as string[]);
      const unaccounted = onDisk(root).filter((path) => !rows.has(path) && !problems.has(path));
      assert.deepEqual(unaccounted, []);
      assert.ok(rows.has(join(root, 'good.jpg')));
    } finally {
      lib.cleanup();
    }
  });

  it('records permission denied (injected: tests run as root), and a rescan removes the problems that are gone', async () => {
    const lib = makeTempLibrary();
    try {
      const root = lib.rootDir;
      mkdirSync(join(root, 'locked'));
      writeFileSync(join(root, 'locked/a.jpg'), JPEG);
      writeFileSync(join(root, 'ok.jpg'), JPEG);
      execFileSync('mkfifo', [join(root, 'pipe.jpg')]);
      const locked = join(root, 'locked');
      await scanPhotos(lib.context(), pool, {
        walkFs: {
          opendir(path) {
            if (path === locked) throw Object.assign(new Error(`EACCES: permission denied, opendir '${path}'`), { code: 'EACCES' });
            return opendirSync(path, { bufferSize: 256 });
          },
          stat: (path) => statSync(path, { throwIfNoEntry: false }),
        },
      });
      assert.deepEqual(problemsOf(lib), new Map([[locked, 'permission denied'], [join(root, 'pipe.jpg'), 'not a regular file']]));
      rmSync(join(root, 'pipe.jpg'));
      const again = await scanPhotos(lib.context(), pool);
      assert.equal(again.problems, 0);
      assert.deepEqual(problemsOf(lib), new Map());
      assert.equal(again.added, 1); // locked/a.jpg, readable now
    } finally {
      lib.cleanup();
    }
  });

  it('attributes each decoder error to its own file under concurrency (2 workers, many corrupt and good files)', async () => {
    const lib = makeTempLibrary();
    try {
      const sources = ['exif-samples/jpg/corrupted.jpg', 'exif-samples/jpg/invalid/image01088.jpg', 'exif-samples/jpg/invalid/image02206.jpg'];
      const truncated = JPEG.subarray(0, 2000);
      for (let i = 0; i < 30; i++) {
        copyFileSync(join(CORPUS_DIR, sources[i % sources.length] as string), join(lib.rootDir, `bad-${i}.jpg`));
        writeFileSync(join(lib.rootDir, `cut-${i}.jpg`), Buffer.concat([truncated, Buffer.from([i])]));
        writeFileSync(join(lib.rootDir, `good-${i}.jpg`), Buffer.concat([JPEG, Buffer.from([i])]));
      }
      await scanPhotos(lib.context(), pool);
      const errors = new Map(lib.db.prepare('SELECT path, error FROM files WHERE library_id = ?').all(lib.libraryId).map((r) => {
        const row = r as { path: string; error: string | null };
        return [row.path.slice(lib.rootDir.length + 1), row.error];
      }));
      // Each file alone, one at a time: the reason it must have.
      const alone = createFileWorkers({ size: 1 });
      try {
        for (const [name, error] of errors) {
          const expected = (await alone.describe(join(lib.rootDir, name), join(lib.dir, 'alone.webp'), 'IMAGE')).error;
          assert.equal(error, expected, name);
          if (name.startsWith('good-')) assert.equal(error, null);
          if (name.startsWith('cut-')) assert.match(error ?? '', /^cannot decode: /);
          assert.doesNotMatch(error ?? '', /Unknown error/);
        }
      } finally {
        await alone.close();
      }
    } finally {
      lib.cleanup();
    }
  });

  it('says why a folder whose name is not valid UTF-8 cannot be added (not "does not exist")', () => {
    const lib = makeTempLibrary();
    try {
      mkdirSync(latin1(`${lib.dir}/Ann`, 'e 2019'));
      const asTyped = join(lib.dir, 'Ann\uFFFDe 2019'); // what a command line or a dialog hands over
      assert.throws(() => addRoot(lib.db, lib.libraryId, asTyped, new Date()), (error: Error) => {
        assert.match(error.message, /name is not valid UTF-8/);
        assert.ok(error.message.includes(join(lib.dir, 'Ann\\xe9e 2019')), error.message);
        assert.match(error.message, /Rename it/);
        return true;
      });
      assert.throws(() => addRoot(lib.db, lib.libraryId, join(lib.dir, 'nothing here'), new Date()), /Folder does not exist/);
    } finally {
      lib.cleanup();
    }
  });
});
