import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFileWorkers, type FileWorkers } from '../file-workers/file-workers.ts';
import { CORPUS_DIR } from '../../../test/support/temp-library.ts';
import { CHUNK, walkFolders, walkFoldersInWorkers, type FolderChunk } from './walk-folders.ts';

/** What a walk found, order aside: each file once with its stat, and for each folder whether it came whole. */
function summary(chunks: FolderChunk[]) {
  const files = chunks.flatMap((chunk) => chunk.files.map((file) => `${file.path} ${file.type} ${file.size} ${file.ino} ${file.rootId}`)).sort();
  const folders = [...new Set(chunks.map((chunk) => `${chunk.folder} ${chunk.whole}`))].sort();
  return { files, folders };
}

describe('walkFoldersInWorkers', () => {
  let dir: string;
  let pool: FileWorkers;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-walk-'));
    cpSync(join(CORPUS_DIR, 'exiftool-samples'), join(dir, 'root', 'samples'), { recursive: true });
    mkdirSync(join(dir, 'root', '.hidden'));
    writeFileSync(join(dir, 'root', '.hidden', 'secret.jpg'), 'x');
    mkdirSync(join(dir, 'root', 'skipped'));
    writeFileSync(join(dir, 'root', 'skipped', 'not-walked.jpg'), 'x');
    symlinkSync(join(dir, 'root'), join(dir, 'root', 'loop'));
    mkdirSync(join(dir, 'root', 'huge'));
    for (let i = 0; i < CHUNK + 150; i++) writeFileSync(join(dir, 'root', 'huge', `IMG_${i}.jpg`), String(i));
    pool = createFileWorkers({ size: 2 });
  });
  after(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds exactly what the walk in the main thread finds, folder by folder, huge folders in chunks', async () => {
    const options = { rootId: 7, rootPath: join(dir, 'root'), skipFolders: new Set([join(dir, 'root', 'skipped')]) };
    const errorsHere: string[] = [];
    const here = [...walkFolders({ ...options, onError: (path) => void errorsHere.push(path) })];
    const errorsThere: string[] = [];
    const there: FolderChunk[] = [];
    for await (const chunk of walkFoldersInWorkers({ ...options, onError: (path) => void errorsThere.push(path), list: (folder, max) => pool.listFolder(folder, max) })) there.push(chunk);
    assert.deepEqual(summary(there), summary(here));
    assert.deepEqual(errorsThere, errorsHere);
    const found = summary(there).files.join('\n');
    assert.ok(found.includes('/samples/'), 'the corpus files are found');
    assert.ok(!found.includes('.hidden') && !found.includes('not-walked') && !found.includes('/loop/'), 'hidden, skipped and linked folders are not walked');
    const huge = there.filter((chunk) => chunk.folder.endsWith('huge'));
    assert.equal(huge.reduce((n, chunk) => n + chunk.files.length, 0), CHUNK + 150);
    assert.ok(huge.length >= 2 && huge.every((chunk) => !chunk.whole), 'a folder over one chunk comes in parts, none marked whole');
  });

  it('reports a folder that cannot be read and goes on', async () => {
    const errors: string[] = [];
    const chunks: FolderChunk[] = [];
    for await (const chunk of walkFoldersInWorkers({
      rootId: 1,
      rootPath: join(dir, 'root'),
      skipFolders: new Set(),
      onError: (path) => void errors.push(path),
      list: (folder, max) => (folder.endsWith('samples') ? Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) : pool.listFolder(folder, max)),
    })) chunks.push(chunk);
    assert.deepEqual(errors, [join(dir, 'root', 'samples')]);
    assert.ok(chunks.some((chunk) => chunk.folder.endsWith('huge')));
  });
});
