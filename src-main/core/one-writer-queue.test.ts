/**
 * Inside one process, every write goes through the one job queue: while Scan Photos runs, each
 * other writer sent through the dispatcher is queued behind it or refused with 'conflict' — and the
 * scan ends exactly as it would have without them.
 */
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Result } from '../../src-shared/contract.ts';
import type { JobRecord } from '../../src-shared/domain.ts';
import { CORPUS_JPG } from '../../test/support/run-cli.ts';
import { createDispatcher, type Dispatcher } from '../ipc/dispatcher.ts';
import { buildHandlerTable } from '../ipc/handler-table.ts';
import { openKeepsake, type Keepsake } from './keepsake.ts';

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const shell = { 'dialog.pickFolder': () => ({ path: null }), 'dialog.pickFile': () => ({ path: null }), 'photos.showInFolder': () => ({ shown: false }), 'photos.openInDefaultApp': () => ({ opened: false }), 'app.showLogFile': () => ({ shown: false }) };

async function ok<T>(answer: Promise<Result<unknown>>): Promise<T> {
  const result = await answer;
  assert.ok(result.ok, `expected success, got ${JSON.stringify(result)}`);
  return result.value as T;
}

async function refused(answer: Promise<Result<unknown>>, what: RegExp): Promise<void> {
  const result = await answer;
  assert.equal(result.ok, false, `expected a refusal, got ${JSON.stringify(result)}`);
  if (!result.ok) {
    assert.equal(result.error.code, 'conflict');
    assert.match(result.error.message, what);
    assert.match(result.error.message, /while Scan Photos is running; wait for it to finish or cancel it/);
  }
}

interface Story {
  readonly core: Keepsake;
  readonly dispatch: Dispatcher;
  readonly dir: string;
  readonly root: string;
  readonly libraryId: number;
  readonly rootId: number;
}

/** A library of a trip and a home folder, scanned, with a suggested match; then the trip folder is moved, a photo deleted and a big file copied in. */
async function prepare(): Promise<Story> {
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-queue-'));
  temps.push(dir);
  const root = join(dir, 'Pictures');
  const sources = readdirSync(CORPUS_JPG).filter((name) => name.endsWith('.jpg')).slice(0, 8).map((name) => readFileSync(join(CORPUS_JPG, name)));
  for (const [folder, n] of [['Trip', 60], ['Home', 20]] as const) {
    mkdirSync(join(root, folder), { recursive: true });
    for (let i = 0; i < n; i++) writeFileSync(join(root, folder, `${folder}-${i}.jpg`), Buffer.concat([sources[i % sources.length] as Buffer, Buffer.from(`${folder}${i}`)]));
  }
  mkdirSync(join(dir, 'Elsewhere'));
  const core = openKeepsake({ dataDir: join(dir, 'data'), workers: 2 });
  const dispatch = createDispatcher(buildHandlerTable(core.handlers, shell));
  const library = await ok<{ id: number; roots: { id: number }[] }>(dispatch('libraries.add', { name: 'Family', folders: [root] }));
  const first = await ok<{ jobId: string }>(dispatch('jobs.start', { type: 'scan_photos', libraryId: library.id }));
  assert.equal((await core.waitForJob(first.jobId)).status, 'succeeded');
  const [a, b] = core.db.prepare('SELECT image_hash FROM photos ORDER BY image_hash LIMIT 2').pluck().all() as string[];
  core.db.prepare(`INSERT INTO match_suggestions (library_id, missing_image_hash, candidate_image_hash, reason, created_at) VALUES (?, ?, ?, 'test', ?)`).run(library.id, a, b, new Date().toISOString());

  mkdirSync(join(root, '2019'));
  renameSync(join(root, 'Trip'), join(root, '2019', 'Trip'));
  rmSync(join(root, 'Home', 'Home-0.jpg'));
  // Zeros that cost no disk: hashing them keeps the scan at work for a while.
  const fd = openSync(join(root, 'Home', 'huge.jpg'), 'w');
  ftruncateSync(fd, 1024 ** 3);
  closeSync(fd);
  return { core, dispatch, dir, root, libraryId: library.id, rootId: library.roots[0]!.id };
}

/** What the library holds, with paths relative to its folder, so two runs compare. */
function digest(story: Story): unknown {
  const { db } = story.core;
  const rel = (path: string | null) => (path === null ? null : relative(story.dir, path));
  return {
    photos: (db.prepare(`SELECT p.image_hash, p.rating, p.caption, p.availability, p.in_trashcan, f.path AS main FROM photos p LEFT JOIN files f ON f.hash = p.main_file ORDER BY p.image_hash`).all() as { main: string | null }[]).map((row) => ({ ...row, main: rel(row.main) })),
    files: (db.prepare('SELECT hash, path, missing, unreadable, root_id FROM files ORDER BY hash').all() as { path: string }[]).map((row) => ({ ...row, path: rel(row.path) })),
    roots: (db.prepare('SELECT id, path, state FROM roots ORDER BY id').all() as { path: string }[]).map((row) => ({ ...row, path: rel(row.path) })),
    matches: db.prepare('SELECT status FROM match_suggestions').pluck().all(),
    counts: db.prepare('SELECT num_photos, num_missing, num_offline, num_trashed FROM library_counts').all(),
  };
}

const resultOf = (record: JobRecord) => {
  const { job_id: _jobId, ...counts } = record.result as unknown as Record<string, unknown>;
  return counts;
};

/** Waits until the scan is past its own probe of the roots and at work on the files. */
async function untilRunning(story: Story, jobId: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const job = story.core.db.prepare('SELECT status, phase FROM jobs WHERE id = ?').get(jobId) as { status: string; phase: string };
    if (job.status === 'running' && (job.phase === 'count' || job.phase === 'import')) return;
    await sleep(10);
  }
  throw new Error('the scan never started');
}

describe('every write goes through the one job queue', () => {
  test('while Scan Photos runs, other writers are queued or refused, and the scan ends as it would without them', async () => {
    // The same story twice: once left alone, once with a user and the media handler busy meanwhile.
    const alone = await prepare();
    const { jobId: aloneJob } = await ok<{ jobId: string }>(alone.dispatch('jobs.start', { type: 'scan_photos', libraryId: alone.libraryId }));
    const aloneResult = await alone.core.waitForJob(aloneJob);
    assert.equal(aloneResult.status, 'succeeded');

    const busy = await prepare();
    const { db } = busy.core;
    const gone = db.prepare('SELECT hash FROM files WHERE path = ?').pluck().get(join(busy.root, 'Home', 'Home-0.jpg')) as string;
    const someone = db.prepare('SELECT image_hash FROM photos LIMIT 1').pluck().get() as string;
    const matchId = db.prepare('SELECT id FROM match_suggestions').pluck().get() as number;
    const { jobId } = await ok<{ jobId: string }>(busy.dispatch('jobs.start', { type: 'scan_photos', libraryId: busy.libraryId }));
    await untilRunning(busy, jobId);
    const rootsBefore = db.prepare('SELECT * FROM roots').all();

    // A probe from Settings tells the drives' states without storing them under the scan.
    const probed = await ok<{ state: string }[]>(busy.dispatch('roots.list', { libraryId: busy.libraryId, probe: true }));
    assert.deepEqual(probed.map((root) => root.state), ['online']);
    assert.deepEqual(db.prepare('SELECT * FROM roots').all(), rootsBefore);
    // Structural changes are refused, with the job's name and what to do.
    await refused(busy.dispatch('roots.add', { libraryId: busy.libraryId, path: join(busy.dir, 'Elsewhere') }), /^Cannot add a folder/);
    await refused(busy.dispatch('roots.remove', { rootId: busy.rootId }), /^Cannot remove a folder/);
    await refused(busy.dispatch('libraries.remove', { libraryId: busy.libraryId, confirmed: true }), /^Cannot remove the library/);
    await refused(busy.dispatch('photos.trash', { imageHashes: [someone] }), /^Cannot move photos to the trash/);
    await refused(busy.dispatch('photos.restore', { imageHashes: [someone] }), /^Cannot restore photos/);
    await refused(busy.dispatch('photos.deleteForever', { imageHashes: [someone], confirmed: true }), /^Cannot delete photos for good/);
    await refused(busy.dispatch('matches.resolve', { matchId, accept: true }), /^Cannot accept a match/);
    // The media handler found a file gone: the report waits for the scan (which finds it gone too).
    busy.core.reportFileGone(gone);
    await sleep(20);
    assert.equal(db.prepare('SELECT missing FROM files WHERE hash = ?').pluck().get(gone), 0, 'not flagged under the running scan');
    // Locate folder is a job of its own: queued behind the scan.
    const located = busy.dispatch('roots.locate', { libraryId: busy.libraryId, from: join(busy.root, 'Trip'), to: join(busy.root, '2019', 'Trip') });

    const busyResult = await busy.core.waitForJob(jobId);
    assert.equal(busyResult.status, 'succeeded');
    await located;
    await busy.core.close(); // waits for the queued report
    assert.deepEqual(resultOf(busyResult), resultOf(aloneResult));
    assert.equal((busyResult.result as { relinked: number }).relinked, 60);
    await alone.core.close();

    // Reopened read-only copies of both libraries hold the same photos, files, roots and counts.
    const reopen = (story: Story) => openKeepsake({ dataDir: join(story.dir, 'data'), access: 'read' });
    const a = reopen(alone);
    const b = reopen(busy);
    try {
      assert.deepEqual(digest({ ...busy, core: b }), digest({ ...alone, core: a }));
      const order = b.db.prepare(`SELECT type, started_at, finished_at FROM jobs ORDER BY created_at, rowid`).all() as { type: string; started_at: string; finished_at: string }[];
      const scan = order.filter((job) => job.type === 'scan_photos').at(-1)!;
      const locate = order.find((job) => job.type === 'locate_folder')!;
      assert.ok(locate.started_at >= scan.finished_at, 'Locate folder ran after the scan, not inside it');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
