import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { EventPayloads } from '../../../src-shared/contract.ts';
import type { ScanMissingResult } from '../../../src-shared/domain.ts';
import { openDatabase, type Db } from '../db/open-database.ts';
import { makeTempDir, seedLibrary } from '../../../test/support/seed-database.ts';
import { isCoreError } from '../errors.ts';
import { CoreEvents } from './core-events.ts';
import { getJob, markInterruptedJobs } from './job-record.ts';
import { JobRunner, type JobSpec } from './job-runner.ts';

const temp = makeTempDir();
after(temp.cleanup);
let n = 0;

function setup(): { db: Db; runner: JobRunner; events: CoreEvents; libraryId: number } {
  const db = openDatabase(join(temp.dir, `jobs-${++n}.sqlite`));
  const { libraryId } = seedLibrary(db, 'L', '/l');
  const events = new CoreEvents();
  const runner = new JobRunner({ db, dataDir: temp.dir, events, now: () => new Date() });
  return { db, runner, events, libraryId };
}

const result = (checked: number): ScanMissingResult => ({ checked, missing: 0, newly_missing: 0, restored: 0, unreadable: 0, skipped_roots: 0 });
const tick = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A job that records when it starts and ends, and waits for `release` (or its cancel signal). */
function trackedJob(libraryId: number, name: string, log: string[], release: Promise<void> = tick()): JobSpec {
  return {
    type: 'scan_missing',
    libraryId,
    run: async (ctx) => {
      log.push(`start ${name}`);
      await Promise.race([release, new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))))]);
      log.push(`end ${name}`);
      return result(1);
    },
  };
}

describe('job runner', () => {
  it('returns an id at once and runs jobs one at a time, in the order they came', async () => {
    const { runner, db, libraryId } = setup();
    const log: string[] = [];
    const ids = ['a', 'b', 'c'].map((name) => runner.start(trackedJob(libraryId, name, log)));
    for (const id of ids) assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(getJob(db, ids[0]!)?.status, 'queued');
    const records = await Promise.all(ids.map((id) => runner.waitFor(id)));
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    for (const record of records) {
      assert.equal(record.status, 'succeeded');
      assert.equal(record.typeCode, 14);
      assert.deepEqual(record.result, result(1));
      assert.ok(record.startedAt !== null && record.finishedAt !== null);
    }
  });

  it('cancels a queued job before it runs, and a running one through its signal', async () => {
    const { runner, libraryId } = setup();
    const log: string[] = [];
    const never = new Promise<void>(() => {});
    const running = runner.start(trackedJob(libraryId, 'running', log, never));
    const queued = runner.start(trackedJob(libraryId, 'queued', log));
    await tick();
    assert.equal(runner.cancel(queued), true);
    assert.equal(runner.cancel(running), true);
    const [r, q] = await Promise.all([runner.waitFor(running), runner.waitFor(queued)]);
    assert.equal(r.status, 'cancelled');
    assert.equal(q.status, 'cancelled');
    assert.deepEqual(log, ['start running']);
    assert.equal(runner.cancel(running), false, 'a finished job cannot be cancelled');
  });

  it('records a failing job with its error and goes on with the next one', async () => {
    const { runner, libraryId } = setup();
    const failing = runner.start({ type: 'scan_photos', libraryId, run: async () => Promise.reject(new Error('disk on fire')) });
    const next = runner.start(trackedJob(libraryId, 'next', []));
    const failed = await runner.waitFor(failing);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error, 'disk on fire');
    assert.equal(failed.typeCode, 1);
    assert.equal((await runner.waitFor(next)).status, 'succeeded');
  });

  it('saves progress in the jobs row and emits it (throttled, last value always)', async () => {
    const { runner, db, events, libraryId } = setup();
    const seen: EventPayloads['job.progress'][] = [];
    const finished: string[] = [];
    events.on('job.progress', (payload) => seen.push(payload));
    const off = events.on('job.finished', (record) => finished.push(record.status));
    const id = runner.start({
      type: 'delete_missing',
      libraryId,
      run: async (ctx) => {
        for (let i = 1; i <= 1000; i++) ctx.progress('deleting', i, 1000);
        return { status: true, job_id: ctx.jobId, removed: { photos: 0, faces: 0, album_links: 0, files: 0, thumbnails: 0, offline_photos: 0 } };
      },
    });
    const record = await runner.waitFor(id);
    assert.ok(seen.length >= 1 && seen.length < 100, `throttled: ${seen.length} events for 1000 updates`);
    assert.deepEqual(seen.at(-1), { jobId: id, type: 'delete_missing', libraryId, phase: 'deleting', current: 1000, total: 1000 });
    assert.equal(record.current, 1000);
    assert.equal(db.prepare('SELECT total FROM jobs WHERE id = ?').pluck().get(id), 1000);
    assert.deepEqual(finished, ['succeeded']);
    off();
  });

  it('waitFor refuses an unknown job with not_found', async () => {
    const { runner } = setup();
    await assert.rejects(runner.waitFor('00000000-0000-4000-8000-000000000000'), (error) => isCoreError(error) && error.code === 'not_found');
  });

  it('close() cancels queued jobs, stops the running one and refuses new ones', async () => {
    const { runner, libraryId } = setup();
    const log: string[] = [];
    const running = runner.start(trackedJob(libraryId, 'running', log, new Promise(() => {})));
    const queued = runner.start(trackedJob(libraryId, 'queued', log));
    await tick();
    assert.equal(runner.isBusy(libraryId), true);
    await runner.close();
    assert.equal((await runner.waitFor(running)).status, 'cancelled');
    assert.equal((await runner.waitFor(queued)).status, 'cancelled');
    assert.throws(() => runner.start(trackedJob(libraryId, 'late', log)), (error) => isCoreError(error) && error.code === 'unavailable');
  });

  it('marks jobs a crash left running or queued as interrupted, and only those', () => {
    const { db, libraryId } = setup();
    const insert = db.prepare(`INSERT INTO jobs (id, type, type_code, library_id, status, created_at) VALUES (?, 'scan_photos', 1, ?, ?, 'x')`);
    for (const status of ['running', 'queued', 'succeeded', 'failed']) insert.run(status, libraryId, status);
    assert.equal(markInterruptedJobs(db, new Date('2025-01-01T00:00:00Z')), 2);
    const statuses = Object.fromEntries((db.prepare('SELECT id, status FROM jobs').all() as { id: string; status: string }[]).map((r) => [r.id, r.status]));
    assert.deepEqual(statuses, { running: 'interrupted', queued: 'interrupted', succeeded: 'succeeded', failed: 'failed' });
    assert.equal(getJob(db, 'running')?.finishedAt, '2025-01-01T00:00:00.000Z');
  });
});

describe('job runner, chained', () => {
  it('a job started by a job.finished listener still runs alone, after the first', async () => {
    const { runner, events, libraryId } = setup();
    const log: string[] = [];
    const chained: string[] = [];
    events.on('job.finished', (record) => {
      if (chained.length < 2) chained.push(runner.start(trackedJob(libraryId, `chained-${record.id.slice(0, 4)}`, log)));
    });
    const first = runner.start(trackedJob(libraryId, 'first', log));
    const other = runner.start(trackedJob(libraryId, 'other', log));
    await runner.waitFor(first);
    await runner.waitFor(other);
    await Promise.all(chained.map((id) => runner.waitFor(id)));
    // Never two "start" lines in a row: one job at a time.
    for (let i = 0; i < log.length; i += 2) {
      assert.match(log[i]!, /^start /);
      assert.equal(log[i + 1], log[i]!.replace('start', 'end'));
    }
    assert.equal(log.length, 8);
  });
});

describe('job runner: writes that are not jobs', () => {
  it('refuses an exclusive write while a job of its library runs, with the job named, and runs it at once otherwise', async () => {
    const { runner, libraryId, db } = setup();
    const other = seedLibrary(db, 'Other', '/o').libraryId;
    let release!: () => void;
    const log: string[] = [];
    const id = runner.start(trackedJob(libraryId, 'scan', log, new Promise<void>((resolve) => (release = resolve))));
    await tick();
    await assert.rejects(runner.exclusive(libraryId, 'add a folder', () => 'done'), (error: unknown) => {
      assert.ok(isCoreError(error));
      assert.equal(error.code, 'conflict');
      assert.equal(error.message, 'Cannot add a folder while Scan for Missing Photos is running; wait for it to finish or cancel it');
      return true;
    });
    // Another library's write is not kept waiting behind this scan.
    assert.equal(await runner.exclusive(other, 'add a folder', () => 'done'), 'done');
    release();
    await runner.waitFor(id);
    assert.equal(await runner.exclusive(libraryId, 'add a folder', () => 'done'), 'done');
  });

  it('holds the library while an exclusive write awaits: a job of it queued meanwhile starts after the write', async () => {
    const { runner, libraryId } = setup();
    const log: string[] = [];
    let finishWrite!: () => void;
    const write = runner.exclusive(libraryId, 'delete photos', async () => {
      log.push('write start');
      await new Promise<void>((resolve) => (finishWrite = resolve));
      log.push('write end');
    });
    await tick();
    const id = runner.start(trackedJob(libraryId, 'scan', log));
    await tick(20);
    assert.deepEqual(log, ['write start'], 'the job waits for the write');
    finishWrite();
    await write;
    await runner.waitFor(id);
    assert.deepEqual(log, ['write start', 'write end', 'start scan', 'end scan']);
  });

  it('queues a background write behind the running job, joins a repeated one, and abandons it when closing', async () => {
    const { runner, libraryId } = setup();
    const log: string[] = [];
    let release!: () => void;
    const id = runner.start(trackedJob(libraryId, 'scan', log, new Promise<void>((resolve) => (release = resolve))));
    await tick();
    let runs = 0;
    const first = runner.enqueue(null, 'file-gone:x', () => {
      runs++;
      log.push('report');
    });
    const second = runner.enqueue(null, 'file-gone:x', () => void runs++);
    await tick(20);
    assert.deepEqual(log, ['start scan']);
    release();
    await Promise.all([runner.waitFor(id), first, second]);
    assert.deepEqual(log, ['start scan', 'end scan', 'report']);
    assert.equal(runs, 1, 'a repeated report while queued shares the queued run');

    let releaseAgain!: () => void;
    runner.start(trackedJob(libraryId, 'again', log, new Promise<void>((resolve) => (releaseAgain = resolve))));
    await tick();
    const abandoned = runner.enqueue(null, undefined, () => log.push('never'));
    const closed = runner.close();
    releaseAgain();
    await closed;
    await assert.rejects(abandoned, /closed before this change could be made/);
    assert.ok(!log.includes('never'));
  });
});
