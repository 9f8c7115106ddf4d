import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { keepsake, keepsakeAsync, tempDir } from '../../test/support/run-cli.ts';

const root = tempDir();
after(() => rmSync(root, { recursive: true, force: true }));

/** The newest job's status and progress, read straight from the database (null before it exists). */
function newestJob(dataDir: string): { status: string; current: number } | null {
  const file = join(dataDir, 'keepsake.db');
  if (!existsSync(file)) return null;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT status, current FROM jobs ORDER BY created_at DESC LIMIT 1').get() as { status: string; current: number } | undefined) ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null; // the database is being created
  }
}

test('Ctrl-C during a scan cancels the job cleanly and exits 130', async () => {
  // Large real photos, each made distinct (bytes after the JPEG end), so the scan has real
  // decoding to do and is still running when Ctrl-C comes.
  const photos = join(root, 'photos');
  mkdirSync(photos);
  for (let i = 0; i < 80; i += 1) {
    const file = join(photos, `big-${i}.jpg`);
    copyFileSync('/work/shared/corpus/exif-samples/jpg/mobile/HMD_Nokia_8.3_5G.jpg', file);
    appendFileSync(file, `copy ${i}`);
  }
  const data = join(root, 'data');
  assert.equal(keepsake(data, 'library', 'add', 'Big', photos).code, 0);

  const child = keepsakeAsync(data, 'scan', '--json');
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  // Wait until the job is really under way, then press Ctrl-C.
  for (let i = 0; i < 400; i += 1) {
    const job = newestJob(data);
    if (job?.status === 'running' && job.current > 0) break;
    if (job && job.status !== 'queued' && job.status !== 'running') break;
    await sleep(25);
  }
  assert.equal(newestJob(data)?.status, 'running', 'the scan finished before Ctrl-C could be sent: make the photo set bigger');
  child.kill('SIGINT');
  const code = await exited;

  assert.equal(code, 130, `stderr: ${stderr}`);
  assert.match(stderr.trim(), /^keepsake: cancelled/);
  assert.equal(JSON.parse(stdout).error.code, 'cancelled');
  assert.equal(newestJob(data)?.status, 'cancelled');
  // The library is still usable after the cut: a new scan finishes what was left.
  const again = keepsake(data, 'scan', '--json');
  assert.equal(again.code, 0, again.stderr);
  const stats = JSON.parse(keepsake(data, 'stats', '--json').stdout) as { num_photos: number };
  assert.equal(stats.num_photos, 80);
});
