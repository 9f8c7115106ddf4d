/**
 * `keepsake watch --json`: a script follows a library as it changes — one JSON line per change
 * applied, {change, path, from?, image_hash} — until Ctrl-C, which ends it cleanly (exit 0).
 * While it runs it holds the library: a second writer is refused.
 */
import assert from 'node:assert/strict';
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { familyLibrary, keepsake, keepsakeAsync, onlyJson } from '../../test/support/run-cli.ts';

describe('keepsake watch', () => {
  let dir: string;
  let data: string;
  let photos: string;
  before(() => {
    ({ dir, data, photos } = familyLibrary(['Canon_40D.jpg', 'Nikon_D70.jpg']));
    assert.equal(keepsake(data, 'scan').code, 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON line per change until Ctrl-C, and holds the library meanwhile', { timeout: 60_000 }, async () => {
    const child = keepsakeAsync(data, '--json', 'watch');
    const lines: Record<string, unknown>[] = [];
    const next = (want: (line: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const found = lines.find(want);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`no such line within 10 s; got ${JSON.stringify(lines)}`)), 10_000);
        const check = () => {
          const line = lines.find(want);
          if (!line) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve(line);
        };
        child.stdout.on('data', () => setImmediate(check));
      });
    createInterface({ input: child.stdout }).on('line', (text) => lines.push(JSON.parse(text) as Record<string, unknown>));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve) => {
      const wait = () => (stderr.includes('Watching library') ? resolve() : setTimeout(wait, 50));
      wait();
    });

    renameSync(join(photos, 'Canon_40D.jpg'), join(photos, 'Birthday.jpg'));
    const moved = await next((line) => line.change === 'moved');
    assert.deepEqual(Object.keys(moved).sort(), ['change', 'from', 'image_hash', 'path']);
    assert.equal(moved.from, join(photos, 'Canon_40D.jpg'));
    assert.equal(moved.path, join(photos, 'Birthday.jpg'));
    assert.match(String(moved.image_hash), /^[0-9a-f]{32}\d+$/);
    rmSync(join(photos, 'Nikon_D70.jpg'));
    const missing = await next((line) => line.change === 'missing');
    assert.equal(missing.path, join(photos, 'Nikon_D70.jpg'));

    // A second writer is refused while it watches; a reader is not.
    assert.equal(keepsake(data, 'scan').code, 75);
    assert.equal(keepsake(data, 'stats').code, 0);

    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    const stats = onlyJson<{ libraries: { num_missing_photos: number }[] }>(keepsake(data, '--json', 'stats', '--all'));
    assert.equal(JSON.stringify(stats).includes('"num_missing_photos":1'), true, JSON.stringify(stats));
  });
});
