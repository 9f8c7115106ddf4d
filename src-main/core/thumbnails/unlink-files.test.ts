import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir } from '../../../test/support/seed-database.ts';
import { unlinkFiles, WORKER_FROM } from './unlink-files.ts';

const temp = makeTempDir();
after(temp.cleanup);

/** Writes `count` files in a fresh folder; returns their paths. */
function makeFiles(name: string, count: number): string[] {
  const dir = join(temp.dir, name);
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `${i}.webp`);
    writeFileSync(path, 'x');
    return path;
  });
}

describe('unlinkFiles', () => {
  it('removes a short list here, counting only the files that were there', async () => {
    const paths = makeFiles('few', 5);
    const removed = await unlinkFiles([...paths, join(temp.dir, 'few', 'never-made.webp')]);
    assert.equal(removed, 5);
    assert.deepEqual(readdirSync(join(temp.dir, 'few')), []);
  });

  it('removes a long list in a worker thread, even while this thread is blocked', async () => {
    const paths = makeFiles('many', WORKER_FROM + 200);
    const removing = unlinkFiles([...paths, join(temp.dir, 'many', 'gone-already.webp')]);
    // Block this thread a moment, as a WAL checkpoint does: the worker goes on meanwhile.
    const until = Date.now() + 50;
    while (Date.now() < until);
    assert.equal(await removing, WORKER_FROM + 200);
    for (const path of paths.slice(0, 20)) assert.equal(existsSync(path), false);
    assert.deepEqual(readdirSync(join(temp.dir, 'many')), []);
  });
});
