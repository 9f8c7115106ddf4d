import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { pino, type Logger } from 'pino';
import type { FileWorkers } from '../../../src-main/core/file-workers/file-workers.ts';
import type { Keepsake } from '../../../src-main/core/keepsake.ts';
import type { ScanChange } from '../../../src-main/core/scan/scan-work.ts';

/** How many requests of each kind the core sent its file workers: `identify` is one file hashed. */
export interface WorkerCounts {
  identify: number;
  describe: number;
  listFolder: number;
  other: number;
  /** Each hash and thumbnail request: when it was asked and answered (performance.now()). */
  readonly timeline: { kind: 'identify' | 'describe'; asked: number; answered: number }[];
}

/** A request's span, recorded when it settles. */
function timed<T>(into: WorkerCounts['timeline'], kind: 'identify' | 'describe', request: Promise<T>): Promise<T> {
  const entry = { kind, asked: performance.now(), answered: Number.NaN };
  into.push(entry);
  const settle = () => {
    entry.answered = performance.now();
  };
  request.then(settle, settle);
  return request;
}

/** When thumbnails were asked of the workers and the last request answered, in seconds after `from` (requests asked in [from, to]). */
export function workerPipeline(counts: WorkerCounts, from: number, to: number): { firstDescribeAsked: number | null; lastDescribeAsked: number | null; lastAnswered: number | null } {
  const spans = counts.timeline.filter((entry) => entry.asked >= from && entry.asked <= to);
  const describes = spans.filter((entry) => entry.kind === 'describe');
  const since = (at: number | undefined) => (at === undefined ? null : (at - from) / 1000);
  const answered = spans.map((entry) => entry.answered).filter((at) => !Number.isNaN(at));
  return {
    firstDescribeAsked: since(describes[0]?.asked),
    lastDescribeAsked: since(describes.at(-1)?.asked),
    lastAnswered: since(answered.length > 0 ? Math.max(...answered) : undefined),
  };
}

/** One line the core logged (pino's JSON, parsed). */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly at: number;
  readonly [key: string]: unknown;
}

/** A core opened the way the app opens it (live), with what the bench needs to see from outside. */
export interface LiveCore {
  readonly core: Keepsake;
  /** Requests made of the file workers since the core opened (0 identify = nothing hashed). */
  readonly workers: WorkerCounts;
  /** Each change the live library applied, with the time (performance.now()) it was told. */
  readonly changes: { change: ScanChange; at: number }[];
  /** What the core logged at info and above ("watching a root", "a burst of changes…"). */
  readonly logs: LogLine[];
  /** performance.now() at the openKeepsake call. */
  readonly openedAt: number;
}

/**
 * The real file-worker pool behind a counting front: the core's `fileWorkers` seam, so the bench
 * can say how many files a reconciliation hashed without any change to the core.
 */
function countingWorkers(size: number, counts: WorkerCounts, log: Logger, create: (options: { size: number; log: Logger }) => FileWorkers): () => FileWorkers {
  return () => {
    const pool = create({ size, log });
    return {
      identify: (path) => {
        counts.identify += 1;
        return timed(counts.timeline, 'identify', pool.identify(path));
      },
      describe: (source, dest, type, tools) => {
        counts.describe += 1;
        return timed(counts.timeline, 'describe', pool.describe(source, dest, type, tools));
      },
      listFolder: (folder, maxFiles) => {
        counts.listFolder += 1;
        return pool.listFolder(folder, maxFiles);
      },
      preview: (source, dest, type) => {
        counts.other += 1;
        return pool.preview(source, dest, type);
      },
      sidecar: (path) => {
        counts.other += 1;
        return pool.sidecar(path);
      },
      cameraInfo: (path) => {
        counts.other += 1;
        return pool.cameraInfo(path);
      },
      writeSidecars: (writes) => {
        counts.other += 1;
        return pool.writeSidecars(writes);
      },
      get pending() {
        return pool.pending;
      },
      abandon: () => pool.abandon(),
      close: () => pool.close(),
    };
  };
}

/** A pino logger whose lines (info and above) land in `into`. */
export function capturingLog(into: LogLine[]): Logger {
  return pino(
    { level: 'info' },
    {
      write(line: string) {
        try {
          into.push({ ...(JSON.parse(line) as { level: number; msg: string }), at: performance.now() });
        } catch {
          // not JSON: ignored
        }
      },
    },
  );
}

/** Opens the core on `dataDir` with the live library on (as the app does), instrumented. */
export async function openLiveCore(dataDir: string, workers: number, live = true): Promise<LiveCore> {
  const { openKeepsake } = await import('../../../src-main/core/keepsake.ts');
  const { createFileWorkers } = await import('../../../src-main/core/file-workers/file-workers.ts');
  const counts: WorkerCounts = { identify: 0, describe: 0, listFolder: 0, other: 0, timeline: [] };
  const changes: { change: ScanChange; at: number }[] = [];
  const logs: LogLine[] = [];
  const log = capturingLog(logs);
  const openedAt = performance.now();
  const core = openKeepsake({
    dataDir,
    workers,
    log,
    live,
    fileWorkers: countingWorkers(workers, counts, log, createFileWorkers),
    liveLimits: { onChange: (_libraryId, change) => changes.push({ change, at: performance.now() }) },
  });
  return { core, workers: counts, changes, logs, openedAt };
}

/** Waits until `check` holds, looking every `everyMs`; returns performance.now() when it held, or throws after `timeoutMs`. */
export async function until(what: string, check: () => boolean, timeoutMs: number, everyMs = 50): Promise<number> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    if (check()) return performance.now();
    if (performance.now() > end) throw new Error(`not within ${(timeoutMs / 1000).toFixed(0)} s: ${what}`);
    await sleep(everyMs);
  }
}

/** The root of a library (the bench's libraries have one). */
export function rootOf(core: Keepsake, libraryId: number): { id: number; path: string } {
  const root = core.db.prepare('SELECT id, path FROM roots WHERE library_id = ? ORDER BY id LIMIT 1').get(libraryId) as { id: number; path: string } | undefined;
  if (root === undefined) throw new Error(`library ${libraryId} has no root`);
  return root;
}

/** roots.reconciled_at: set by a scan, and by the live library when a catch-up or reconciliation is done. */
export function reconciledAt(core: Keepsake, rootId: number): string | null {
  return (core.db.prepare('SELECT reconciled_at FROM roots WHERE id = ?').pluck().get(rootId) as string | null | undefined) ?? null;
}

/** How the live library keeps the root up to date now (what Settings shows). */
export async function watchOf(core: Keepsake, libraryId: number, rootId: number): Promise<string | undefined> {
  return (await core.handlers['roots.list']({ libraryId, probe: false })).find((root) => root.id === rootId)?.watch;
}

/** The folders the watch worker said it watches ("watching a root"), the latest report. */
export function watchedFolders(logs: readonly LogLine[]): number | null {
  const line = logs.findLast((entry) => entry.msg === 'watching a root');
  return typeof line?.folders === 'number' ? line.folders : null;
}

/**
 * Waits until the live library has the root watched (the worker's "watching a root" report) and
 * its catch-up is done (reconciled_at moved past `before`), then until nothing changed for `quietMs`;
 * returns the root's watch mode ('watching', or 'polling-limit' on a machine short of watches).
 */
export async function settleLive(live: LiveCore, libraryId: number, rootId: number, before: string | null, timeoutMs = 120_000, quietMs = 1000): Promise<string> {
  let mode: string | undefined;
  const end = performance.now() + timeoutMs;
  while ((mode = await watchOf(live.core, libraryId, rootId)) === 'not-watched' || mode === undefined) {
    if (performance.now() > end) throw new Error(`the live library did not take up the root (${mode ?? 'not in roots.list'})`);
    await sleep(50);
  }
  // 'watching' is said as the folders are handed to the worker; its own report says they are watched.
  if (mode === 'watching') await until('the watch worker watching the root', () => watchedFolders(live.logs) !== null || live.logs.some((l) => /watch limit/.test(l.msg)), timeoutMs);
  await until('the catch-up at launch', () => reconciledAt(live.core, rootId) !== before, timeoutMs);
  await quiet(live, quietMs, timeoutMs);
  return (await watchOf(live.core, libraryId, rootId)) ?? 'not-watched';
}

/** Waits until the live library told no change and the workers got no request for `quietMs`. */
export async function quiet(live: LiveCore, quietMs: number, timeoutMs: number): Promise<void> {
  const signature = () => `${live.changes.length}/${live.workers.identify}/${live.workers.describe}/${live.workers.listFolder}`;
  let seen = signature();
  let since = performance.now();
  await until(
    'the live library to go quiet',
    () => {
      const now = signature();
      if (now !== seen) {
        seen = now;
        since = performance.now();
      }
      return performance.now() - since >= quietMs;
    },
    timeoutMs,
  );
}
