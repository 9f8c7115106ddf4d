import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeTempLibrary, type TempLibrary } from '../../../test/support/temp-library.ts';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';

// Every FilePresence the callers make records its flags: the callers are loaded after the mock.
const real = await import('./file-presence.ts');
const flags: string[] = [];
class RecordingPresence extends real.FilePresence {
  override flagMissing(hashes: readonly string[]): number {
    if (hashes.length > 0) flags.push('flagMissing');
    return super.flagMissing(hashes);
  }
  override flagMissingAt(paths: readonly string[]): number {
    if (paths.length > 0) flags.push('flagMissingAt');
    return super.flagMissingAt(paths);
  }
  override flagFound(files: readonly import('./file-presence.ts').FoundFile[]): number {
    if (files.length > 0) flags.push('flagFound');
    return super.flagFound(files);
  }
}
mock.module('./file-presence.ts', { exports: { ...real, FilePresence: RecordingPresence } });
const { scanPhotos } = await import('../scan/scan-photos.ts');
const { scanMissing } = await import('../missing/scan-missing.ts');
const { handleFileGone } = await import('../missing/file-gone.ts');

const FILES = {
  'trip/Nikon.jpg': 'exiftool-samples/Nikon.jpg',
  'trip/Nikon.nef': 'exiftool-samples/Nikon.nef',
  'home/Canon_40D.jpg': 'exif-samples/jpg/Canon_40D.jpg',
  'home/Nikon_D70.jpg': 'exif-samples/jpg/Nikon_D70.jpg',
  'video/clip.mov': 'video/clip.mov',
};

describe('Scan Photos, Scan for Missing and the media handler flag files through the one presence module', () => {
  let workers: FileWorkers;
  let lib: TempLibrary;
  const fileAt = (relativePath: string) => lib.db.prepare('SELECT hash, missing FROM files WHERE path = ?').get(join(lib.rootDir, relativePath)) as { hash: string; missing: number };
  const photoOf = (fileHash: string) =>
    lib.db.prepare('SELECT p.main_file, p.availability FROM photos p JOIN photo_files pf ON pf.image_hash = p.image_hash WHERE pf.file_hash = ?').get(fileHash) as {
      main_file: string;
      availability: string;
    };
  before(async () => {
    workers = createFileWorkers({ size: 2 });
    lib = makeTempLibrary({ files: FILES });
    await scanPhotos(lib.context(), workers);
  });
  after(async () => {
    await workers.close();
    lib.cleanup();
  });

  it('Scan Photos: a file moved inside the library is found again at its new path', async () => {
    flags.length = 0;
    const before = fileAt('home/Nikon_D70.jpg');
    mkdirSync(join(lib.rootDir, 'moved'));
    renameSync(join(lib.rootDir, 'home/Nikon_D70.jpg'), join(lib.rootDir, 'moved/Nikon_D70.jpg'));
    const result = await scanPhotos(lib.context(), workers);
    assert.equal(result.relinked, 1);
    assert.equal(fileAt('moved/Nikon_D70.jpg').hash, before.hash);
    assert.ok(flags.includes('flagFound'), flags.join());
  });

  it('Scan for Missing: a RAW+JPEG photo whose JPEG went shows its RAW; a folder moved out makes its photos missing', async () => {
    flags.length = 0;
    const away = join(lib.dir, 'away');
    mkdirSync(away);
    renameSync(join(lib.rootDir, 'trip/Nikon.jpg'), join(away, 'Nikon.jpg'));
    renameSync(join(lib.rootDir, 'home'), join(away, 'home'));
    const result = await scanMissing(lib.context());
    assert.equal(result.newly_missing, 2);
    assert.ok(flags.includes('flagMissingAt'), flags.join());
    const jpg = fileAt('trip/Nikon.jpg');
    const nef = fileAt('trip/Nikon.nef');
    assert.equal(jpg.missing, 1);
    assert.deepEqual(photoOf(jpg.hash), { main_file: nef.hash, availability: 'present' });
    const canon = fileAt('home/Canon_40D.jpg');
    assert.deepEqual(photoOf(canon.hash), { main_file: canon.hash, availability: 'missing' });
  });

  it('the media handler: a file found gone while served is flagged missing at once', async () => {
    flags.length = 0;
    const clip = fileAt('video/clip.mov');
    rmSync(join(lib.rootDir, 'video/clip.mov'));
    const change = await handleFileGone(lib.db, clip.hash, new Date());
    assert.deepEqual(change, { libraryId: lib.libraryId, reason: 'file gone' });
    assert.deepEqual(flags, ['flagMissing']);
    assert.equal(fileAt('video/clip.mov').missing, 1);
    assert.equal(photoOf(clip.hash).availability, 'missing');
  });
});

describe('the rules live in one module each', () => {
  const core = dirname(dirname(fileURLToPath(import.meta.url)));
  const sources = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sources(path);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
    });
  /** Modules whose SQL writes what `pattern` matches. */
  const writers = (pattern: RegExp): string[] =>
    sources(core)
      .filter((path) => pattern.test(readFileSync(path, 'utf8')))
      .map((path) => relative(core, path))
      .sort();

  it('only files/file-presence.ts writes files.missing, missing_since or unreadable', () => {
    assert.deepEqual(writers(/UPDATE\s+files\s+SET[^`;]*\b(missing|missing_since|unreadable)\s*=/), ['files/file-presence.ts']);
  });

  it('only photos/main-file.ts changes a photo’s main file (a new photo is inserted with its own)', () => {
    assert.deepEqual(writers(/UPDATE\s+photos\s+SET[^`;]*\bmain_file\s*=/), ['photos/main-file.ts']);
  });

  it('only photos/availability.ts writes availability', () => {
    assert.deepEqual(writers(/UPDATE\s+photos\s+SET[^`;]*\bavailability\s*=/), ['photos/availability.ts']);
  });
});
