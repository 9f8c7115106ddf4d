/**
 * A real USB drive (a loop-mounted ext4 image) with the app watching it: pulled, its root turns
 * offline and nothing is flagged missing; plugged in again at another mount point, with a photo
 * renamed on it meanwhile, it is found by itself within seconds, caught up, and watched again.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LoopDrive, loopMountSupport } from '../../../test/support/loop-drive.ts';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { openKeepsake, type Keepsake } from '../keepsake.ts';
import { configureVolumeProbing } from '../volumes/volume-settings.ts';

const support = loopMountSupport();

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a watched drive pulled and plugged in elsewhere', { skip: support.ok ? false : support.reason }, () => {
  let base: string;
  let drive: LoopDrive;
  let core: Keepsake;
  let libraryId: number;
  let restore: () => void;
  const first = () => join(base, 'media', 'USB');
  const counts = () => core.db.prepare('SELECT num_missing, num_offline FROM library_counts WHERE library_id = ?').get(libraryId) as { num_missing: number; num_offline: number };
  const root = async () => (await core.handlers['roots.list']({ libraryId, probe: false }))[0];

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'keepsake-live-drive-'));
    restore = configureVolumeProbing({ searchRoots: [join(base, 'media', '*')] });
    drive = new LoopDrive(join(base, 'usb.img'), 'HOLIDAY');
    drive.mount(first());
    mkdirSync(join(first(), 'Trip'));
    for (const name of ['Canon_40D.jpg', 'Nikon_D70.jpg', 'Pentax_K10D.jpg']) copyFileSync(corpusFile(`exif-samples/jpg/${name}`), join(first(), 'Trip', name));
    core = openKeepsake({ dataDir: join(base, 'data'), live: true });
    libraryId = (await core.handlers['libraries.add']({ name: 'Holiday', folders: [join(first(), 'Trip')] })).id;
    await core.waitForJob((await core.handlers['jobs.start']({ type: 'scan_photos', libraryId })).jobId);
    await until('watching', async () => (await root())?.watch === 'watching');
  });
  after(async () => {
    await core?.close();
    drive?.dispose();
    restore?.();
    rmSync(base, { recursive: true, force: true });
  });

  it('pulled while watched: offline, not missing', async () => {
    drive.unmount();
    await until('the root is offline', async () => (await root())?.state === 'offline');
    assert.deepEqual(counts(), { num_missing: 0, num_offline: 3 });
    assert.equal((await root())?.watch, 'not-watched');
  });

  it('plugged in at another mount point, with a photo renamed on it: found, caught up, watched', async () => {
    const second = join(base, 'media', 'HOLIDAY');
    drive.mount(second);
    renameSync(join(second, 'Trip', 'Nikon_D70.jpg'), join(second, 'Trip', 'Renamed.jpg'));
    await until('the root is found at the new mount point', async () => (await root())?.path === join(second, 'Trip'));
    await until('online and watched again', async () => (await root())?.state === 'online' && (await root())?.watch === 'watching');
    await until('the rename made while away is caught up', () =>
      core.db.prepare('SELECT count(*) FROM files WHERE path = ? AND missing = 0').pluck().get(join(second, 'Trip', 'Renamed.jpg')) === 1);
    assert.deepEqual(counts(), { num_missing: 0, num_offline: 0 });
  });
});
