/**
 * A script that reads only the start of the output (`keepsake photos | head`, `keepsake watch --json
 * | head -1`) closes the pipe early. The command does not die with a stack trace over it: a command
 * that has done its work exits as it would have, and `watch` ends as Ctrl-C ends it, letting go of
 * the library.
 */
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CORPUS_JPG, familyLibrary, keepsake, keepsakeAsync } from '../../test/support/run-cli.ts';

/** Starts the command with its stdout closed by the reader at once; resolves with its exit and stderr. */
function withReaderGone(data: string, args: readonly string[], whileRunning?: (stderr: () => string) => Promise<void>) {
  const child = keepsakeAsync(data, ...args);
  child.stdout.destroy(); // the reader leaves before anything is written
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return (async () => {
    await whileRunning?.(() => stderr);
    const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const exit = await exited;
    clearTimeout(timeout);
    return { ...exit, stderr };
  })();
}

describe('keepsake with its output closed early', () => {
  let dir: string;
  let data: string;
  let photos: string;
  before(() => {
    ({ dir, data, photos } = familyLibrary(['Canon_40D.jpg', 'Nikon_D70.jpg']));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a scan whose reader left still scans, and exits 0 without a stack trace', { timeout: 60_000 }, async () => {
    const run = await withReaderGone(data, ['--json', 'scan']);
    assert.deepEqual([run.code, run.signal], [0, null], run.stderr);
    assert.doesNotMatch(run.stderr, /EPIPE|Unhandled|at .*\.ts:\d+/);
    const photosNow = JSON.parse(keepsake(data, '--json', 'photos').stdout) as { photos: unknown[] };
    assert.equal(photosNow.photos.length, 2, 'the scan did its work');
  });

  it('a read command whose reader left exits 0', { timeout: 60_000 }, async () => {
    const run = await withReaderGone(data, ['photos']);
    assert.deepEqual([run.code, run.signal], [0, null], run.stderr);
    assert.doesNotMatch(run.stderr, /EPIPE|Unhandled/);
  });

  it('watch ends at its next change once its reader left, and lets go of the library', { timeout: 60_000 }, async () => {
    const run = await withReaderGone(data, ['--json', 'watch'], async (stderr) => {
      const started = Date.now();
      while (!stderr().includes('Watching library')) {
        if (Date.now() - started > 20_000) throw new Error(`watch did not start: ${stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // A photo new to the library (a copy of a known one is remembered as a copy, not told as a change).
      copyFileSync(join(CORPUS_JPG, 'Fujifilm_FinePix_E500.jpg'), join(photos, 'New.jpg'));
    });
    assert.deepEqual([run.code, run.signal], [0, null], run.stderr);
    assert.doesNotMatch(run.stderr, /EPIPE|Unhandled/);
    // The lock went with it: a write command runs at once.
    assert.equal(keepsake(data, 'scan').code, 0);
  });
});
