/**
 * Scan Photos ends with a Scan for Missing that skips the folders the walk just found whole, and reads
 * nothing when those are every folder. These tests make sure neither shortcut hides a file that
 * went: one file gone from a big folder, a whole folder gone, and a file gone from a small folder
 * (looked up file by file).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ScanResult } from '../../../src-shared/domain.ts';
import { openKeepsake, type Keepsake } from '../keepsake.ts';

/** Runs a Scan Photos (and the Scan for Missing in it) to its end; its result. */
async function scanPhotos(core: Keepsake, libraryId: number): Promise<ScanResult> {
  const { jobId } = await core.handlers['jobs.start']({ type: 'scan_photos', libraryId });
  const record = await core.waitForJob(jobId);
  assert.equal(record.status, 'succeeded', record.error ?? '');
  return record.result as ScanResult;
}

describe('Scan Photos, then the Scan for Missing that follows it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-scan-missing-'));
  const root = join(dir, 'photos');
  let core: Keepsake;
  let libraryId = 0;
  const scan = () => scanPhotos(core, libraryId);
  const missingPaths = () => (core.db.prepare('SELECT path FROM files WHERE missing = 1 ORDER BY path').pluck().all() as string[]).map((path) => path.slice(root.length + 1));

  before(async () => {
    for (const [folder, n] of [['big', 30], ['gone', 12], ['small', 3]] as const) {
      mkdirSync(join(root, folder), { recursive: true });
      for (let i = 0; i < n; i++) writeFileSync(join(root, folder, `IMG_${i}.jpg`), `${folder} ${i}`);
    }
    core = openKeepsake({ dataDir: join(dir, 'data'), workers: 2 });
    libraryId = (await core.handlers['libraries.add']({ name: 'L', folders: [root] })).id;
    const first = await scan();
    assert.equal(first.added, 45);
    const again = await scan();
    assert.equal(again.unchanged, 45);
    assert.equal(again.missing, 0);
  });
  after(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('flags a file gone from a big folder, a whole folder gone and a file gone from a small folder', async () => {
    unlinkSync(join(root, 'big', 'IMG_7.jpg'));
    rmSync(join(root, 'gone'), { recursive: true });
    unlinkSync(join(root, 'small', 'IMG_1.jpg'));
    const result = await scan();
    assert.equal(result.missing, 14);
    assert.deepEqual(missingPaths(), ['big/IMG_7.jpg', ...Array.from({ length: 12 }, (_, i) => `gone/IMG_${i}.jpg`).sort(), 'small/IMG_1.jpg']);
  });

  it('attaches them again when they come back', async () => {
    writeFileSync(join(root, 'big', 'IMG_7.jpg'), 'big 7');
    const result = await scan();
    assert.equal(result.relinked, 1);
    assert.equal(result.missing, 13);
  });
});

describe('Scan Photos of a library whose every folder it sees whole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-scan-whole-'));
  const root = join(dir, 'photos');
  let core: Keepsake;
  let libraryId = 0;
  const scan = () => scanPhotos(core, libraryId);

  before(async () => {
    // Folders of ten: each is compared with its rows in one query, and can be seen whole.
    for (const folder of ['a', 'b', 'c']) {
      mkdirSync(join(root, folder), { recursive: true });
      for (let i = 0; i < 10; i++) writeFileSync(join(root, folder, `IMG_${i}.jpg`), `${folder} ${i}`);
    }
    core = openKeepsake({ dataDir: join(dir, 'data'), workers: 2 });
    libraryId = (await core.handlers['libraries.add']({ name: 'L', folders: [root] })).id;
    assert.equal((await scan()).added, 30);
  });
  after(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing missing when every file is unchanged (the Scan for Missing has nothing left to look at)', async () => {
    const result = await scan();
    assert.equal(result.unchanged, 30);
    assert.equal(result.missing, 0);
  });

  it('still flags a file gone from one folder, and a whole folder gone, while the others are seen whole', async () => {
    unlinkSync(join(root, 'a', 'IMG_3.jpg'));
    assert.equal((await scan()).missing, 1);
    rmSync(join(root, 'c'), { recursive: true });
    const result = await scan();
    assert.equal(result.missing, 11);
    assert.equal(core.db.prepare("SELECT count(*) FROM files WHERE missing = 1 AND path LIKE '%/c/%'").pluck().get(), 10);
  });
});
