/**
 * One writer per library, across processes, told as the user meets it: the app (or a `keepsake
 * scan`) is working on the library while a second `keepsake` runs on the same data folder.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { readLockHolder } from '../core/data-folder/writer-lock.ts';
import { openKeepsake } from '../core/keepsake.ts';
import { addFace } from '../core/faces/faces.ts';
import { CORPUS_JPG, keepsake, keepsakeAsync, onlyJson, tempDir, type Run } from '../../test/support/run-cli.ts';

/** A JPEG of the corpus with bytes after its end marker: another photo to Keepsake (another hash), the same picture. */
function uniqueJpeg(source: Buffer, dest: string): void {
  writeFileSync(dest, Buffer.concat([source, randomBytes(16)]));
}

/**
 * A large file that reads as zeros and costs no disk (sparse): hashing it keeps a scan busy for
 * seconds, as a folder of videos would, so that the second process surely meets the first at work.
 */
function bigSparseFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

/** Everything the user set on the library's photos, per photo, with the photo's file name. */
function metadataDigest(dataDir: string): Map<string, string> {
  const db = new Database(join(dataDir, 'keepsake.db'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT p.image_hash, p.rating, p.caption,
           (SELECT group_concat(album_id) FROM (SELECT album_id FROM album_photos a WHERE a.image_hash = p.image_hash ORDER BY album_id)) AS albums,
           (SELECT count(*) FROM faces f WHERE f.image_hash = p.image_hash) AS faces
         FROM photos p ORDER BY p.image_hash`,
      )
      .all() as { image_hash: string; rating: number; caption: string; albums: string | null; faces: number }[];
    return new Map(rows.map((row) => [row.image_hash, `${row.rating}|${row.caption}|${row.albums ?? ''}|${row.faces}`]));
  } finally {
    db.close();
  }
}

function jobStatus(dataDir: string, jobId: string | null = null): { id: string; status: string } {
  const db = new Database(join(dataDir, 'keepsake.db'), { readonly: true });
  try {
    const row = (jobId === null
      ? db.prepare(`SELECT id, status FROM jobs WHERE type = 'scan_photos' ORDER BY created_at DESC, rowid DESC LIMIT 1`).get()
      : db.prepare('SELECT id, status FROM jobs WHERE id = ?').get(jobId)) as { id: string; status: string };
    return row;
  } finally {
    db.close();
  }
}

/** Waits until the process with this pid holds the data folder's writer lock. */
async function untilHolding(dataDir: string, pid: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (readLockHolder(dataDir)?.pid === pid) return;
    await sleep(25);
  }
  throw new Error(`process ${pid} never took the lock`);
}

/** Waits for a scan job newer than `previous` to be running. */
async function untilRunning(dataDir: string, previous: string): Promise<{ id: string; status: string }> {
  for (let i = 0; i < 600; i++) {
    const job = jobStatus(dataDir);
    if (job.id !== previous && job.status === 'running') return job;
    await sleep(25);
  }
  throw new Error('the scan job never started');
}

/** The refusal of a write command: at once, exit 75, one line naming the holder and what to do. */
function assertRefused(run: Run, holderPid: number): void {
  assert.equal(run.code, 75, `expected exit 75, got ${run.code}: ${run.stderr}`);
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, run.stderr);
  assert.equal(lines[0], `keepsake: this library is in use by \`keepsake scan\` (pid ${holderPid}); wait for it to finish, or run this again with --wait`);
}

function collect(child: ReturnType<typeof keepsakeAsync>): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('one writer per library, across processes', () => {
  const dir = tempDir('keepsake-one-writer-');
  const dataDir = join(dir, 'data');
  const root = join(dir, 'Pictures');
  const GB = 1024 ** 3;
  let original: Map<string, string>;

  before(async () => {
    const sources = readdirSync(CORPUS_JPG).filter((name) => name.endsWith('.jpg') && !/corrupt|broken/i.test(name)).slice(0, 10).map((name) => readFileSync(join(CORPUS_JPG, name)));
    mkdirSync(join(root, 'Trip-Japan'), { recursive: true });
    mkdirSync(join(root, 'Home'), { recursive: true });
    for (let i = 0; i < 300; i++) uniqueJpeg(sources[i % sources.length] as Buffer, join(root, 'Trip-Japan', `IMG_${String(i).padStart(4, '0')}.jpg`));
    for (let i = 0; i < 40; i++) uniqueJpeg(sources[i % sources.length] as Buffer, join(root, 'Home', `home-${i}.jpg`));
    assert.equal(keepsake(dataDir, 'library', 'add', 'Family', root).code, 0);
    assert.equal(keepsake(dataDir, 'scan').code, 0);

    // Ratings, captions, albums and faces on every photo: what a careless delete would lose.
    const core = openKeepsake({ dataDir });
    try {
      const [library] = await core.handlers['libraries.list']({});
      const page = await core.handlers['photos.list']({ libraryId: library!.id, view: 'all', offset: 0, limit: 5000 });
      const album = await core.handlers['albums.create']({ libraryId: library!.id, title: 'Japan 2019' });
      const hashes = page.items.map((photo) => photo.imageHash);
      for (const [i, hash] of hashes.entries()) {
        await core.handlers['photos.setRating']({ imageHash: hash, rating: (i % 5) + 1 });
        await core.handlers['photos.setCaption']({ imageHash: hash, caption: `photo ${i}` });
        if (i % 2 === 0) addFace(core.db, hash, { x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, `Person ${i % 7}`);
      }
      await core.handlers['albums.addPhotos']({ albumId: album.id, imageHashes: hashes.filter((_, i) => i % 3 === 0) });
    } finally {
      await core.close();
    }
    original = metadataDigest(dataDir);
    assert.equal(original.size, 340);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a second process cannot delete what a running scan is relinking; read commands work meanwhile and leave its job running', async () => {
    // The user moves a folder, copies in two big videos' worth of data, and starts a scan.
    mkdirSync(join(root, '2019'));
    renameSync(join(root, 'Trip-Japan'), join(root, '2019', 'Trip-Japan'));
    mkdirSync(join(root, 'big'));
    bigSparseFile(join(root, 'big', 'huge-1.jpg'), 2 * GB);
    bigSparseFile(join(root, 'big', 'huge-2.jpg'), 2 * GB + 1);
    const scan = keepsakeAsync(dataDir, 'scan', '--json');
    const scanDone = collect(scan);
    await untilHolding(dataDir, scan.pid as number);

    // Another terminal: "clean up missing photos". Both refused at once, nothing changed.
    assertRefused(keepsake(dataDir, 'scan-missing'), scan.pid as number);
    assertRefused(keepsake(dataDir, 'delete-missing', '--yes'), scan.pid as number);

    // Reading works through a read-only connection and does not touch the running job.
    const stats = keepsake(dataDir, 'stats', '--json');
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal(onlyJson<{ num_photos: number }>(stats).num_photos, 340);
    assert.equal(keepsake(dataDir, 'missing', '--json').code, 0);
    assert.equal(keepsake(dataDir, 'library', 'list').code, 0);
    assert.equal(jobStatus(dataDir).status, 'running', 'a reader never marks the writer\'s job interrupted');
    assert.equal(scan.exitCode, null, 'the scan was still at work while the others ran (the test proves the overlap)');

    // --wait queues the delete behind the scan instead of refusing it.
    const waiting = keepsakeAsync(dataDir, 'delete-missing', '--yes', '--wait', '--json');
    const waitingDone = collect(waiting);
    const scanned = await scanDone;
    assert.equal(scanned.code, 0, scanned.stderr);
    assert.equal(onlyJson<{ relinked: number }>(scanned).relinked, 300);
    const deleted = await waitingDone;
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stderr, /waiting: this library is in use by `keepsake scan` \(pid \d+\)/);
    assert.equal(onlyJson<{ removed: { photos: number } }>(deleted).removed.photos, 0, 'the scan relinked every moved photo first');

    // Not one photo whose file exists lost its rating, caption, album or face.
    const now = metadataDigest(dataDir);
    for (const [hash, digest] of original) assert.equal(now.get(hash), digest, `photo ${hash}`);
  });

  test('kill -9 of the writer: the next process takes the lock at once and marks its job interrupted', async () => {
    bigSparseFile(join(root, 'big', 'huge-3.jpg'), GB + 2);
    bigSparseFile(join(root, 'big', 'huge-4.jpg'), GB + 3);
    const previous = jobStatus(dataDir).id;
    const scan = keepsakeAsync(dataDir, 'scan');
    const exited = collect(scan);
    await untilHolding(dataDir, scan.pid as number);
    const job = await untilRunning(dataDir, previous);
    scan.kill('SIGKILL');
    await exited;

    // A reader after the crash changes nothing: the job stays as the dead writer left it.
    assert.equal(keepsake(dataDir, 'stats').code, 0);
    assert.equal(jobStatus(dataDir, job.id).status, 'running');

    const next = keepsake(dataDir, 'scan-missing', '--json');
    assert.equal(next.code, 0, `no stale lock after kill -9: ${next.stderr}`);
    assert.equal(jobStatus(dataDir, job.id).status, 'interrupted');
    rmSync(join(root, 'big'), { recursive: true });
  });

  test('the app holding the library: a write command says to close it or use the app', async () => {
    const app = openKeepsake({ dataDir, holder: { kind: 'app', command: 'Keepsake app' } });
    try {
      const run = keepsake(dataDir, 'scan');
      assert.equal(run.code, 75);
      assert.equal(run.stderr.trim(), `keepsake: this library is in use by the Keepsake app (pid ${process.pid}); close it or run the command from the app`);
      assert.equal(keepsake(dataDir, 'stats').code, 0);
    } finally {
      await app.close();
    }
    assert.equal(keepsake(dataDir, 'scan-missing').code, 0, 'the lock is free once the app closed');
  });

  test('the app started while a command holds the library opens it read-only and takes over when the command ends', async () => {
    bigSparseFile(join(root, 'huge-5.jpg'), GB);
    const scan = keepsakeAsync(dataDir, 'scan');
    const exited = collect(scan);
    await untilHolding(dataDir, scan.pid as number);
    const app = openKeepsake({ dataDir, access: 'write-when-free', holder: { kind: 'app', command: 'Keepsake app' }, takeOverEveryMs: 50 });
    try {
      const access = app.access();
      assert.equal(access.writable, false);
      assert.equal(access.message, `This library is in use by \`keepsake scan\` (pid ${scan.pid})`);
      const [library] = await app.handlers['libraries.list']({});
      assert.ok(library, 'the app shows the library meanwhile');
      await assert.rejects(Promise.resolve().then(() => app.handlers['jobs.start']({ type: 'scan_missing', libraryId: library.id })), /in use by `keepsake scan`.*read-only and takes over/);
      const becameWritable = new Promise((resolve) => app.on('access.changed', resolve));
      assert.equal((await exited).code, 0);
      await becameWritable;
      assert.equal(app.access().writable, true);
      const { jobId } = await app.handlers['jobs.start']({ type: 'scan_missing', libraryId: library.id });
      assert.equal((await app.waitForJob(jobId)).status, 'succeeded');
    } finally {
      await app.close();
      rmSync(join(root, 'huge-5.jpg'));
    }
  });
});

