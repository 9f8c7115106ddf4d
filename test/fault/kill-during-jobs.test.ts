/**
 * kill -9 at seeded random points of each destructive job (Scan Photos relinking a moved folder,
 * Scan for Missing, Delete Missing, an undo), run as the real `keepsake` command. After each kill:
 * the database is whole, its counters agree with its rows, no photo whose file exists lost its
 * rating, caption, album links or faces, the next command takes the lock at once, and once it has
 * run no thumbnail of a deleted photo is left in the library.
 *
 * `npm test` runs KEEPSAKE_KILL_POINTS (default 2) kills per job; `npm run test:faults` runs 12.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { addFace } from '../../src-main/core/faces/faces.ts';
import { openKeepsake } from '../../src-main/core/keepsake.ts';
import { CORPUS_JPG, keepsake, keepsakeAsync } from '../support/run-cli.ts';

const POINTS = Number(process.env['KEEPSAKE_KILL_POINTS'] ?? 2);
const SEED = Number(process.env['KEEPSAKE_KILL_SEED'] ?? 9);

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const base = mkdtempSync(join(tmpdir(), 'keepsake-kills-'));
const template = join(base, 'template');
after(() => rmSync(base, { recursive: true, force: true }));

/** What the user set on every photo, by photo, with the path of its main file. */
function digests(dataDir: string): Map<string, { digest: string; path: string | null }> {
  const db = new Database(join(dataDir, 'keepsake.db'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT p.image_hash AS hash, f.path AS path, p.rating || '|' || p.caption || '|' ||
           coalesce((SELECT group_concat(album_id) FROM (SELECT album_id FROM album_photos a WHERE a.image_hash = p.image_hash ORDER BY album_id)), '') || '|' ||
           (SELECT count(*) FROM faces x WHERE x.image_hash = p.image_hash) AS digest
         FROM photos p LEFT JOIN files f ON f.hash = p.main_file`,
      )
      .all() as { hash: string; path: string | null; digest: string }[];
    return new Map(rows.map((row) => [row.hash, { digest: row.digest, path: row.path }]));
  } finally {
    db.close();
  }
}

/** The database is whole, and its counters agree with its rows. */
function assertConsistent(dataDir: string, where: string): void {
  const db = new Database(join(dataDir, 'keepsake.db'));
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `${where}: integrity`);
    const counted = db
      .prepare(
        `SELECT c.num_photos, c.num_missing, c.num_offline, c.num_trashed,
           (SELECT count(*) FROM photos p WHERE p.library_id = c.library_id),
           (SELECT count(*) FROM photos p WHERE p.library_id = c.library_id AND p.availability = 'missing'),
           (SELECT count(*) FROM photos p WHERE p.library_id = c.library_id AND p.availability = 'offline'),
           (SELECT count(*) FROM photos p WHERE p.library_id = c.library_id AND p.in_trashcan = 1)
         FROM library_counts c`,
      )
      .raw()
      .all() as number[][];
    for (const row of counted) assert.deepEqual(row.slice(0, 4), row.slice(4), `${where}: counters = rows`);
  } finally {
    db.close();
  }
}

/** Runs a job in a fresh copy of the library and kills it after `delayMs`; returns the copy. */
async function killDuring(name: string, args: string[], delayMs: number, prepare: (root: string) => void): Promise<{ dataDir: string; root: string; before: ReturnType<typeof digests> }> {
  const trial = mkdtempSync(join(base, `${name}-`));
  cpSync(template, trial, { recursive: true });
  const dataDir = join(trial, 'data');
  const root = join(trial, 'Pictures');
  // The library's root was recorded at the template's path: point it at this copy.
  const db = new Database(join(dataDir, 'keepsake.db'));
  db.prepare('UPDATE roots SET path = replace(path, ?, ?)').run(template, trial);
  db.prepare('UPDATE files SET path = replace(path, ?, ?)').run(template, trial);
  db.close();
  const before = digests(dataDir);
  prepare(root);
  const child = keepsakeAsync(dataDir, ...args);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await sleep(delayMs);
  child.kill('SIGKILL');
  await exited;
  return { dataDir, root, before };
}

/** No photo whose file is on disk lost anything, and the next command runs at once. */
function assertNothingLost(dataDir: string, before: ReturnType<typeof digests>, where: string, onDisk: (path: string) => boolean): void {
  assertConsistent(dataDir, where);
  const now = digests(dataDir);
  for (const [hash, { digest, path }] of before) {
    if (path === null || !onDisk(path)) continue;
    assert.equal(now.get(hash)?.digest, digest, `${where}: photo ${path} kept everything`);
  }
}

before(async () => {
  const root = join(template, 'Pictures');
  const sources = readdirSync(CORPUS_JPG).filter((name) => name.endsWith('.jpg')).slice(0, 12).map((name) => readFileSync(join(CORPUS_JPG, name)));
  for (const folder of ['Trip', 'Home']) {
    mkdirSync(join(root, folder), { recursive: true });
    for (let i = 0; i < 150; i++) writeFileSync(join(root, folder, `${folder}-${i}.jpg`), Buffer.concat([sources[i % sources.length] as Buffer, randomBytes(8)]));
  }
  const dataDir = join(template, 'data');
  assert.equal(keepsake(dataDir, 'library', 'add', 'Family', root).code, 0);
  assert.equal(keepsake(dataDir, 'scan').code, 0);
  const core = openKeepsake({ dataDir });
  try {
    const album = await core.handlers['albums.create']({ libraryId: 1, title: 'Kept' });
    const photos = (await core.handlers['photos.list']({ libraryId: 1, view: 'all', offset: 0, limit: 5000 })).items;
    for (const [i, photo] of photos.entries()) {
      await core.handlers['photos.setRating']({ imageHash: photo.imageHash, rating: (i % 5) + 1 });
      await core.handlers['photos.setCaption']({ imageHash: photo.imageHash, caption: `c${i}` });
      if (i % 3 === 0) addFace(core.db, photo.imageHash, { x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, `P${i % 4}`);
    }
    await core.handlers['albums.addPhotos']({ albumId: album.id, imageHashes: photos.filter((_, i) => i % 2 === 0).map((p) => p.imageHash) });
  } finally {
    await core.close();
  }
});

describe(`kill -9 during destructive jobs (${POINTS} points each, seed ${SEED})`, () => {
  const next = random(SEED);
  const delay = (maxMs: number) => 30 + Math.floor(next() * maxMs);

  it('Scan Photos relinking a moved folder', async () => {
    for (let i = 0; i < POINTS; i++) {
      const { dataDir, root, before } = await killDuring('scan', ['scan'], delay(900), (r) => {
        mkdirSync(join(r, '2019'));
        renameSync(join(r, 'Trip'), join(r, '2019', 'Trip'));
      });
      const moved = (path: string) => existsSync(path.replace('/Pictures/Trip/', '/Pictures/2019/Trip/'));
      assertNothingLost(dataDir, before, `scan kill ${i}`, (path) => existsSync(path) || moved(path));
      const again = keepsake(dataDir, 'scan', '--json');
      assert.equal(again.code, 0, `the next scan takes the lock at once: ${again.stderr}`);
      assertNothingLost(dataDir, before, `scan kill ${i}, then a scan`, (path) => existsSync(path) || moved(path));
      void root;
    }
  });

  it('Scan for Missing, then Delete Missing, then an undo', async () => {
    for (let i = 0; i < POINTS; i++) {
      // Half the library's files are gone; Scan for Missing is killed.
      const flagged = await killDuring('missing', ['scan-missing'], delay(500), (r) => rmSync(join(r, 'Home'), { recursive: true }));
      assertNothingLost(flagged.dataDir, flagged.before, `scan-missing kill ${i}`, existsSync);
      assert.equal(keepsake(flagged.dataDir, 'scan-missing').code, 0);

      // Delete Missing is killed: whatever it did, nothing present went, and no thumbnail is left once the next job ran.
      const dataDir = flagged.dataDir;
      const child = keepsakeAsync(dataDir, 'delete-missing', '--yes');
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      await sleep(delay(1500));
      child.kill('SIGKILL');
      await exited;
      assertNothingLost(dataDir, flagged.before, `delete-missing kill ${i}`, existsSync);
      const finish = keepsake(dataDir, 'delete-missing', '--yes', '--json');
      assert.equal(finish.code, 0, finish.stderr);
      const db = new Database(join(dataDir, 'keepsake.db'), { readonly: true });
      const known = new Set(db.prepare('SELECT image_hash FROM photos').pluck().all() as string[]);
      db.close();
      const thumbs = join(dataDir, 'thumbnails');
      const litter = readdirSync(thumbs, { recursive: true }).filter((name) => String(name).endsWith('.webp') && !known.has(String(name).split('/').at(-1)!.replace('.webp', '')));
      assert.deepEqual(litter, [], `delete-missing kill ${i}: 0 thumbnails of deleted photos left in the library`);

      // The undo of what was deleted, killed too: then undone for real, everything is back.
      const deleted = JSON.parse(keepsake(dataDir, 'deleted', '--json').stdout) as { deletions: { job_id: string }[] };
      for (const { job_id: jobId } of deleted.deletions) {
        const undo = keepsakeAsync(dataDir, 'undo-delete', jobId);
        const done = new Promise<void>((resolve) => undo.on('exit', () => resolve()));
        await sleep(delay(400));
        undo.kill('SIGKILL');
        await done;
        assertConsistent(dataDir, `undo kill ${i}`);
        const retry = keepsake(dataDir, 'undo-delete', jobId);
        assert.ok(retry.code === 0 || /undone already/.test(retry.stderr), retry.stderr);
      }
      const back = digests(dataDir);
      for (const [hash, { digest }] of flagged.before) assert.equal(back.get(hash)?.digest, digest, `undo after kill ${i}: every photo is back with everything`);
      // And their thumbnails, once the next command has tidied up after a killed undo.
      assert.equal(keepsake(dataDir, 'scan-missing').code, 0);
      for (const hash of flagged.before.keys()) assert.ok(existsSync(join(thumbs, hash.slice(0, 2), `${hash}.webp`)), `undo after kill ${i}: thumbnail of ${hash} is back`);
    }
  });
});
