/**
 * The live library, as a user meets it with the app open: a library is added and scanned; then,
 * with nobody pressing anything, a photo is renamed, a folder is moved out of the library and
 * another moved in, a photo is deleted and put back, one is edited in place, 40,000 files arrive
 * at once, and changes are made while the app is closed. Each is in the database within seconds;
 * renames hash nothing and keep ratings; the history says what was noticed.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { corpusFile } from '../../../test/support/temp-library.ts';
import { openKeepsake, type Keepsake } from '../keepsake.ts';
import type { ScanChange } from '../scan/scan-work.ts';

/** Waits until `check` holds (the watcher is asynchronous), failing after `ms`. */
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the live library: changes on disk picked up as they happen', () => {
  let base: string;
  let photos: string;
  let dataDir: string;
  let core: Keepsake;
  let libraryId: number;
  const changes: ScanChange[] = [];
  const open = (extra: Parameters<typeof openKeepsake>[0] extends infer O ? Partial<O> : never = {}) =>
    openKeepsake({ dataDir, live: true, liveLimits: { onChange: (_id, change) => changes.push(change) }, ...extra });
  const row = (path: string) =>
    core.db.prepare('SELECT f.hash, f.missing, p.rating, p.image_hash FROM files f LEFT JOIN photos p ON p.main_file = f.hash WHERE f.path = ?').get(path) as
      | { hash: string; missing: number; rating: number | null; image_hash: string | null }
      | undefined;
  const hashedTotal = () => (core.db.prepare("SELECT coalesce(sum(json_extract(result, '$.hashed')), 0) FROM jobs WHERE type = 'scan_photos'").pluck().get() as number);

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'keepsake-live-'));
    photos = join(base, 'Pictures');
    dataDir = join(base, 'data');
    for (const [folder, names] of [['Trip', ['Canon_40D.jpg', 'Nikon_D70.jpg']], ['Home', ['Pentax_K10D.jpg', 'Kodak_CX7530.jpg']]] as const) {
      mkdirSync(join(photos, folder), { recursive: true });
      for (const name of names) cpSync(corpusFile(`exif-samples/jpg/${name}`), join(photos, folder, name));
    }
    core = open();
    libraryId = (await core.handlers['libraries.add']({ name: 'Family', folders: [photos] })).id;
    const { jobId } = await core.handlers['jobs.start']({ type: 'scan_photos', libraryId });
    await core.waitForJob(jobId);
    core.db.prepare('UPDATE photos SET rating = 5 WHERE main_file = ?').run(row(join(photos, 'Trip/Canon_40D.jpg'))?.hash);
    // The new library's root is watched once it was added (library added → the live library resyncs).
    await until('the root is watched', async () => (await watchOf()) === 'watching');
  });
  after(async () => {
    await core.close();
    rmSync(base, { recursive: true, force: true });
  });
  /** What roots.list (and so Settings) says of the root's watching. */
  const watchOf = async () => (await core.handlers['roots.list']({ libraryId, probe: false }))[0]?.watch;

  it('a renamed photo is relinked within seconds, unhashed, keeping its rating', async () => {
    const hashed = hashedTotal();
    renameSync(join(photos, 'Trip/Canon_40D.jpg'), join(photos, 'Trip/Birthday.jpg'));
    await until('the new path is in the database', () => row(join(photos, 'Trip/Birthday.jpg')) !== undefined, 5000);
    assert.equal(row(join(photos, 'Trip/Birthday.jpg'))?.rating, 5);
    assert.equal(row(join(photos, 'Trip/Canon_40D.jpg')), undefined);
    assert.equal(hashedTotal(), hashed, 'no scan job ran, nothing hashed');
    assert.ok(changes.some((c) => c.change === 'moved' && c.from === join(photos, 'Trip/Canon_40D.jpg')));
  });

  it('a folder moved out goes missing; moved back in, it is restored; one moved in is added', async () => {
    renameSync(join(photos, 'Home'), join(base, 'Home-elsewhere'));
    await until('Home is missing', () => row(join(photos, 'Home/Pentax_K10D.jpg'))?.missing === 1);
    renameSync(join(base, 'Home-elsewhere'), join(photos, 'Home'));
    await until('Home is back', () => row(join(photos, 'Home/Pentax_K10D.jpg'))?.missing === 0);
    mkdirSync(join(base, 'New/Sub'), { recursive: true });
    cpSync(corpusFile('exif-samples/jpg/Sony_HDR-HC3.jpg'), join(base, 'New/Sub/Sony.jpg'));
    renameSync(join(base, 'New'), join(photos, 'New'));
    await until('the moved-in folder is added', () => row(join(photos, 'New/Sub/Sony.jpg'))?.image_hash != null);
  });

  it('a deleted photo is missing, never deleted; put back, present again; edited in place, changed', async () => {
    const kept = readFileSync(join(photos, 'Trip/Nikon_D70.jpg'));
    rmSync(join(photos, 'Trip/Nikon_D70.jpg'));
    await until('flagged missing', () => row(join(photos, 'Trip/Nikon_D70.jpg'))?.missing === 1);
    assert.equal(core.db.prepare('SELECT count(*) FROM photos').pluck().get(), 5, 'the photo is kept');
    writeFileSync(join(photos, 'Trip/Nikon_D70.jpg'), kept);
    await until('present again', () => row(join(photos, 'Trip/Nikon_D70.jpg'))?.missing === 0);
    const before = row(join(photos, 'Trip/Nikon_D70.jpg'));
    writeFileSync(join(photos, 'Trip/Nikon_D70.jpg'), Buffer.concat([kept, Buffer.from('edited in place')]));
    await until('the new content is recorded', () => row(join(photos, 'Trip/Nikon_D70.jpg'))?.hash !== before?.hash);
    assert.equal(row(join(photos, 'Trip/Nikon_D70.jpg'))?.image_hash, before?.image_hash, 'the same photo');
  });

  it('says what it noticed in the job history', () => {
    const noticed = core.db.prepare("SELECT result FROM jobs WHERE type = 'live_changes'").pluck().all() as string[];
    const total = noticed.map((r) => JSON.parse(r) as Record<string, number>).reduce((sum, r) => sum + (r.moved ?? 0), 0);
    assert.ok(total >= 1, JSON.stringify(noticed));
  });

  it('a burst of 40,000 new files is imported whole (lost events or not)', { timeout: 180_000 }, async () => {
    const burst = join(base, 'burst');
    for (let f = 0; f < 40; f++) {
      mkdirSync(join(burst, `f${f}`), { recursive: true });
      for (let i = 0; i < 1000; i++) writeFileSync(join(burst, `f${f}`, `${i}.jpg`), randomBytes(64));
    }
    renameSync(burst, join(photos, 'burst'));
    // And, inside the watched root, files created one by one (events for each).
    mkdirSync(join(photos, 'burst2'));
    for (let i = 0; i < 2000; i++) writeFileSync(join(photos, 'burst2', `${i}.jpg`), randomBytes(64));
    const count = () => core.db.prepare("SELECT count(*) FROM files WHERE path LIKE ?").pluck().get(`${join(photos, 'burst')}%`) as number;
    await until('every burst file is known', () => count() === 42_000, 150_000);
  });

  it('changes made while the app was closed are found at the next start, without a scan', async () => {
    await core.close();
    renameSync(join(photos, 'Trip/Birthday.jpg'), join(photos, 'Trip/Party.jpg'));
    rmSync(join(photos, 'New'), { recursive: true });
    changes.length = 0;
    core = open();
    await until('the rename is caught up', () => row(join(photos, 'Trip/Party.jpg'))?.rating === 5);
    await until('the removed folder is missing', () => row(join(photos, 'New/Sub/Sony.jpg'))?.missing === 1);
  });

  it('a root past the watch limit is polled, and its changes still arrive', async () => {
    await core.close();
    core = open({ liveLimits: { watchLimit: 2, pollIntervalMs: 300, onChange: (_id, change) => changes.push(change) } });
    await until('the root is polled', async () => (await watchOf()) === 'polling-limit');
    renameSync(join(photos, 'Trip/Party.jpg'), join(photos, 'Trip/Polled.jpg'));
    await until('the polled rename', () => row(join(photos, 'Trip/Polled.jpg'))?.rating === 5);
  });
});
