import { randomUUID } from 'node:crypto';
import { JOB_TYPE_CODES, type JobRecord, type JobStatus, type JobType } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { CoreError, conflict, notFound } from '../errors.ts';
import { JOB_LABELS } from '../../../src-shared/job-labels.ts';
import { silentLog, type Logger } from '../log/log-file.ts';
import type { CoreEvents } from './core-events.ts';
import type { JobContext } from './job-context.ts';
import { getJob } from './job-record.ts';

/** What a job returns; stored as JSON in `jobs.result`. */
export type JobResult = NonNullable<JobRecord['result']>;

/** A job to run: its type, its library and the work itself. */
export interface JobSpec {
  readonly type: JobType;
  readonly libraryId: number;
  /** Requests with the same key while one is still queued get that job's id instead of a second job. */
  readonly dedupeKey?: string;
  run(ctx: JobContext): Promise<JobResult>;
}

interface QueuedJob {
  readonly kind: 'job';
  readonly id: string;
  readonly spec: JobSpec;
  readonly controller: AbortController;
}

/**
 * A write that is not a job (no history row, no progress): a root added, a file reported gone, a
 * probe's findings. It waits its turn in the same queue, so it never runs inside a job's awaits.
 */
interface QueuedTask {
  readonly kind: 'task';
  readonly libraryId: number | null;
  /** Same key while still queued: the later request shares the queued one's run. */
  readonly key: string | undefined;
  readonly run: () => Promise<void>;
  readonly abandon: (reason: Error) => void;
  readonly done: Promise<unknown>;
}

type QueueItem = QueuedJob | QueuedTask;

/** How often progress reaches the database and the UI at most (the last value always does). */
const PROGRESS_INTERVAL_MS = 250;

/**
 * The one job runner: a FIFO queue that runs one job at a time (so there is one writer), keeps
 * every job's history in `jobs`, throttles progress into 'job.progress' events, cancels through an
 * AbortController per job and announces each end with 'job.finished'. A job that throws is recorded
 * as failed; it never takes the process down.
 */
export class JobRunner {
  readonly #db: Db;
  readonly #dataDir: string;
  readonly #events: CoreEvents;
  readonly #now: () => Date;
  readonly #log: Logger;
  readonly #queue: QueueItem[] = [];
  readonly #waiters = new Map<string, ((record: JobRecord) => void)[]>();
  #running: { item: QueueItem; done: Promise<void> } | null = null;
  /** Libraries an exclusive write is working on (how many at once): their jobs wait for it. */
  readonly #held = new Map<number, number>();
  #closed = false;

  constructor(options: { db: Db; dataDir: string; events: CoreEvents; now: () => Date; log?: Logger }) {
    this.#db = options.db;
    this.#dataDir = options.dataDir;
    this.#events = options.events;
    this.#now = options.now;
    this.#log = options.log ?? silentLog();
  }

  /** Queues a job and returns its id at once. */
  start(spec: JobSpec): string {
    if (this.#closed) throw new CoreError('unavailable', 'Keepsake is closing: no new job can start');
    if (spec.dedupeKey !== undefined) {
      const same = this.#jobs().find((job) => job.spec.dedupeKey === spec.dedupeKey);
      if (same !== undefined) return same.id;
    }
    const id = randomUUID();
    this.#db
      .prepare(`INSERT INTO jobs (id, type, type_code, library_id, status, created_at) VALUES (?, ?, ?, ?, 'queued', ?)`)
      .run(id, spec.type, JOB_TYPE_CODES[spec.type], spec.libraryId, this.#now().toISOString());
    this.#queue.push({ kind: 'job', id, spec, controller: new AbortController() });
    queueMicrotask(() => this.#pump());
    return id;
  }

  /**
   * A write that must not overlap a job of its library (a root added or removed, photos trashed or
   * deleted, a match resolved, a probe that stores what it finds): refused with 'conflict' while a
   * job of the library is queued or running; otherwise run at once — not behind another library's
   * scan — with the library held, so that no job of it starts until the write is done.
   */
  async exclusive<T>(libraryId: number, action: string, fn: () => T | Promise<T>): Promise<T> {
    if (this.#closed) throw new CoreError('unavailable', 'Keepsake is closing: no new change can be made');
    const job = this.#busyJob(libraryId);
    if (job !== undefined) throw conflict(`Cannot ${action} while ${JOB_LABELS[job.spec.type]} is running; wait for it to finish or cancel it`);
    this.#held.set(libraryId, (this.#held.get(libraryId) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      const left = (this.#held.get(libraryId) ?? 1) - 1;
      if (left === 0) this.#held.delete(libraryId);
      else this.#held.set(libraryId, left);
      queueMicrotask(() => this.#pump());
    }
  }

  /**
   * A write that waits its turn behind the jobs already queued (a file found gone while serving it,
   * a drive found at a new mount point). With a `key`, a request while the same one is still queued
   * joins it. Rejects with 'unavailable' when Keepsake closes before it ran.
   */
  enqueue<T>(libraryId: number | null, key: string | undefined, fn: () => T | Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new CoreError('unavailable', 'Keepsake is closing: no new change can be made'));
    if (key !== undefined) {
      const same = this.#queue.find((item): item is QueuedTask => item.kind === 'task' && item.key === key);
      if (same !== undefined) return same.done as Promise<T>;
    }
    let settle!: { resolve: (value: T) => void; reject: (error: unknown) => void };
    const done = new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.#queue.push({
      kind: 'task',
      libraryId,
      key,
      done,
      abandon: (reason) => settle.reject(reason),
      run: async () => {
        try {
          settle.resolve(await fn());
        } catch (error) {
          settle.reject(error);
        }
      },
    });
    queueMicrotask(() => this.#pump());
    return done;
  }
  /** Cancels a queued job at once, or asks a running one to stop. False when the job is not active. */
  cancel(jobId: string): boolean {
    const queued = this.#jobs().find((job) => job.id === jobId);
    if (queued !== undefined) {
      this.#queue.splice(this.#queue.indexOf(queued), 1);
      queued.controller.abort();
      this.#finish(jobId, queued.spec, 'cancelled', null, 'cancelled before it started');
      return true;
    }
    const running = this.#runningJob();
    if (running?.id === jobId) {
      running.controller.abort();
      return true;
    }
    return false;
  }

  /** Resolves with the job's record once it has ended. */
  waitFor(jobId: string): Promise<JobRecord> {
    const record = getJob(this.#db, jobId);
    if (record === null) return Promise.reject(notFound(`no job ${jobId}`));
    const active = this.#runningJob()?.id === jobId || this.#jobs().some((job) => job.id === jobId);
    if (!active) return Promise.resolve(record);
    return new Promise((resolve) => {
      const list = this.#waiters.get(jobId) ?? [];
      list.push(resolve);
      this.#waiters.set(jobId, list);
    });
  }

  /** Whether a job of this library is queued or running. */
  isBusy(libraryId: number): boolean {
    return this.#busyJob(libraryId) !== undefined;
  }

  /** The running (else the first queued) job of a library, or of any library for null. */
  #busyJob(libraryId: number | null): QueuedJob | undefined {
    const running = this.#runningJob();
    if (running !== null && (libraryId === null || running.spec.libraryId === libraryId)) return running;
    return this.#jobs().find((job) => libraryId === null || job.spec.libraryId === libraryId);
  }

  #runningJob(): QueuedJob | null {
    const item = this.#running?.item;
    return item?.kind === 'job' ? item : null;
  }

  #jobs(): QueuedJob[] {
    return this.#queue.filter((item): item is QueuedJob => item.kind === 'job');
  }

  /** Stops taking jobs, cancels the queued ones, asks the running one to stop and waits for it. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const item of this.#queue.splice(0)) {
      if (item.kind === 'task') {
        item.abandon(new CoreError('unavailable', 'Keepsake closed before this change could be made'));
        continue;
      }
      item.controller.abort();
      this.#finish(item.id, item.spec, 'cancelled', null, 'cancelled: Keepsake closed before it started');
    }
    const running = this.#running;
    if (running !== null) {
      if (running.item.kind === 'job') running.item.controller.abort();
      await running.done;
    }
  }

  #pump(): void {
    if (this.#running !== null) return;
    const next = this.#queue[0];
    if (next === undefined) return;
    // An exclusive write is at work on this library: its next item waits (the write ends in moments).
    const libraryOf = next.kind === 'job' ? next.spec.libraryId : next.libraryId;
    if (this.#held.size > 0 && (libraryOf === null || this.#held.has(libraryOf))) return;
    const item = this.#queue.shift() as QueueItem;
    const done = (item.kind === 'job' ? this.#execute(item) : item.run()).finally(() => {
      // #execute already let go; a listener of 'job.finished' may have started the next job since.
      if (this.#running?.item === item) this.#running = null;
      this.#pump();
    });
    this.#running = { item, done };
  }

  async #execute(job: QueuedJob): Promise<void> {
    const { id, spec, controller } = job;
    const db = this.#db;
    db.prepare(`UPDATE jobs SET status = 'running', started_at = ? WHERE id = ?`).run(this.#now().toISOString(), id);
    this.#log.info({ jobId: id, type: spec.type, libraryId: spec.libraryId }, 'job started');
    const saveProgress = db.prepare('UPDATE jobs SET phase = ?, current = ?, total = ? WHERE id = ?');
    let last = { phase: '', current: 0, total: 0 };
    let lastFlush = 0;
    let pending = false;
    const flush = (): void => {
      pending = false;
      lastFlush = Date.now();
      saveProgress.run(last.phase, last.current, last.total, id);
      this.#events.emit('job.progress', { jobId: id, type: spec.type, libraryId: spec.libraryId, ...last });
    };
    const ctx: JobContext = {
      db,
      jobId: id,
      libraryId: spec.libraryId,
      dataDir: this.#dataDir,
      signal: controller.signal,
      now: this.#now,
      progress: (phase, current, total) => {
        const phaseChanged = phase !== last.phase;
        last = { phase, current, total };
        pending = true;
        // Throttled on the wall clock (not the injectable clock): this is about UI load only.
        if (phaseChanged || Date.now() - lastFlush >= PROGRESS_INTERVAL_MS) flush();
      },
    };
    let outcome: { status: JobStatus; result: JobResult | null; error: string | null };
    try {
      if (controller.signal.aborted) throw controller.signal.reason;
      const result = await spec.run(ctx);
      if (pending) flush();
      // A job may stop early on its own when cancelled and still say what it did: keep that result.
      outcome = controller.signal.aborted ? { status: 'cancelled', result, error: 'cancelled' } : { status: 'succeeded', result, error: null };
    } catch (error) {
      try {
        if (pending) flush();
      } catch {
        // The progress row is not worth hiding the job's own error for.
      }
      outcome = controller.signal.aborted ? { status: 'cancelled', result: null, error: 'cancelled' } : { status: 'failed', result: null, error: errorMessage(error) };
    }
    // Not running any more before anyone hears it ended: a waiter may act on the library at once.
    this.#running = null;
    this.#finish(id, spec, outcome.status, outcome.result, outcome.error);
  }

  #finish(id: string, spec: JobSpec, status: JobStatus, result: JobResult | null, error: string | null): void {
    const finishedAt = this.#now().toISOString();
    let record: JobRecord | null = null;
    try {
      this.#db
        .prepare('UPDATE jobs SET status = ?, finished_at = ?, result = ?, error = ? WHERE id = ?')
        .run(status, finishedAt, result === null ? null : JSON.stringify(result), error, id);
      record = getJob(this.#db, id);
    } catch (dbError) {
      this.#log.error({ err: dbError, jobId: id }, 'could not record the end of the job');
    }
    // Waiters hear of the end even when the row could not be written (the database went away).
    record ??= {
      id, type: spec.type, typeCode: JOB_TYPE_CODES[spec.type], libraryId: spec.libraryId, status,
      phase: '', current: 0, total: 0, startedAt: null, finishedAt, error, result,
    };
    const line = { jobId: id, type: spec.type, libraryId: spec.libraryId, status, result, error };
    if (status === 'failed') this.#log.error(line, 'job failed');
    else this.#log.info(line, 'job ended');
    this.#events.emit('job.finished', record);
    this.#events.emit('library.changed', { libraryId: record.libraryId, reason: `job ${record.type} ${status}` });
    const waiters = this.#waiters.get(id) ?? [];
    this.#waiters.delete(id);
    for (const resolve of waiters) resolve(record);
  }
}

/** A readable one-line message for any thrown value. */
function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
