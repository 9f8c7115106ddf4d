/**
 * The media scheme serves only the files Keepsake knows: after a scan, a tracked photo (or its
 * folder) swapped for a symlink out of the library, or for a FIFO, gets a 404 — not one byte of
 * what stands there now, and no hung request — while a photo edited in place is still served.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUrl } from '../../src-shared/contract.ts';
import { CORPUS_JPG } from '../../test/support/run-cli.ts';
import { openKeepsake, type Keepsake } from '../core/keepsake.ts';
import { createAppProtocolHandler } from './media-handler.ts';

const dir = mkdtempSync(join(tmpdir(), 'keepsake-swaps-'));
const root = join(dir, 'Pictures');
const outside = join(dir, 'outside');
let core: Keepsake;
let handler: ReturnType<typeof createAppProtocolHandler>;
const hashOf = (path: string): string => core.db.prepare('SELECT hash FROM files WHERE path = ?').pluck().get(path) as string;
const get = (path: string) => handler(new Request(`keepsake://app${path}`));
const SECRET = 'root:x:0:0:SECRET\n';

before(async () => {
  const jpgs = ['Canon_40D.jpg', 'Nikon_D70.jpg', 'Pentax_K10D.jpg', 'Olympus_C8080WZ.jpg'];
  mkdirSync(join(root, 'Trip'), { recursive: true });
  for (const name of jpgs) copyFileSync(join(CORPUS_JPG, name), join(root, 'Trip', name));
  mkdirSync(outside);
  writeFileSync(join(outside, 'passwd'), SECRET);
  writeFileSync(join(outside, 'Nikon_D70.jpg'), SECRET);
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Keepsake</title>');
  core = openKeepsake({ dataDir: join(dir, 'data'), workers: 1 });
  const library = await core.handlers['libraries.add']({ name: 'Family', folders: [root] });
  const { jobId } = await core.handlers['jobs.start']({ type: 'scan_photos', libraryId: library.id });
  assert.equal((await core.waitForJob(jobId)).status, 'succeeded');
  handler = createAppProtocolHandler({ core, rendererDir: join(dir, 'renderer'), host: 'app' });
});
after(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('media scheme: only the files Keepsake knows', () => {
  it('serves a tracked photo, and one edited in place since (a new inode at the same path)', async () => {
    const path = join(root, 'Trip', 'Canon_40D.jpg');
    const id = hashOf(path);
    assert.equal((await get(fileUrl(id))).status, 200);
    const edited = readFileSync(path);
    rmSync(path);
    writeFileSync(path, edited); // an editor's save: same place, another inode
    const response = await get(fileUrl(id));
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), edited);
  });

  it('never serves a file swapped for a symlink out of the library', async () => {
    const path = join(root, 'Trip', 'Pentax_K10D.jpg');
    const id = hashOf(path);
    rmSync(path);
    symlinkSync(join(outside, 'passwd'), path);
    const response = await get(fileUrl(id));
    assert.equal(response.status, 404);
    assert.doesNotMatch(await response.text(), /SECRET/);
  });

  it('never serves a file whose folder was swapped for a symlink out of the library', async () => {
    const id = hashOf(join(root, 'Trip', 'Nikon_D70.jpg'));
    renameSync(join(root, 'Trip'), join(dir, 'Trip-moved'));
    symlinkSync(outside, join(root, 'Trip'));
    try {
      const response = await get(fileUrl(id));
      assert.equal(response.status, 404);
      assert.doesNotMatch(await response.text(), /SECRET/);
    } finally {
      rmSync(join(root, 'Trip'));
      renameSync(join(dir, 'Trip-moved'), join(root, 'Trip'));
    }
  });

  it('answers a file swapped for a FIFO at once with 404, and keeps serving pages', { skip: process.platform === 'win32' && 'no FIFOs on Windows' }, async () => {
    const path = join(root, 'Trip', 'Olympus_C8080WZ.jpg');
    const id = hashOf(path);
    rmSync(path);
    execFileSync('mkfifo', [path]);
    // Many at once: each blocked open would hold one of libuv's 4 threads; none may.
    const answers = await Promise.race([
      Promise.all(Array.from({ length: 8 }, () => get(fileUrl(id)))),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('a request hung on the FIFO')), 5000)),
    ]);
    for (const answer of answers) assert.equal(answer.status, 404);
    // The swap between the core's lookup and the open: the open itself must not block.
    const racing = createAppProtocolHandler({
      core: { ...core, fileSource: () => ({ path, mime: 'image/jpeg', size: 10 }), reportFileGone: () => undefined },
      rendererDir: join(dir, 'renderer'),
      host: 'app',
    });
    const raced = await Promise.race([
      Promise.all(Array.from({ length: 8 }, () => racing(new Request(`keepsake://app${fileUrl(id)}`)))),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('a request hung opening the FIFO')), 5000)),
    ]);
    for (const answer of raced) assert.equal(answer.status, 404);
    const page = await get('/');
    assert.equal(page.status, 200);
    rmSync(path);
  });
});
