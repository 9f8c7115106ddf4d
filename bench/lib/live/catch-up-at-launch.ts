import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { findPrintfSeconds } from '../machine-limits.ts';
import { findPrintfCpuSeconds } from './find-cpu.ts';
import type { BenchRow } from '../types.ts';
import { openLiveCore, quiet, reconciledAt, until, watchedFolders, type LiveCore } from './live-core.ts';

/** Reopens measured; the best is the figure (as `find -printf` is the best of 3). */
const RUNS = 3;
const BAR = 2;
/** The catch-up counts a folder touched within 2 s before the last reconciliation as changed (catch-up.ts SLACK_MS). */
const SLACK_MS = 2000;

/** reconciled_at of a root, read from the database file (no core open on it). */
export function storedReconciledAt(dataDir: string, rootId: number): string | null {
  const db = new Database(join(dataDir, 'keepsake.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT reconciled_at FROM roots WHERE id = ?').pluck().get(rootId) as string | null | undefined) ?? null;
  } finally {
    db.close();
  }
}

/**
 * Leaves the root as a user's is when nothing changed since Keepsake last looked: its last
 * reconciliation later than every folder's time by more than the catch-up's slack. (Right after
 * changes, folders touched less than 2 s before the last reconciliation still count as changed at
 * the next launch, which then reconciles them.) Asks the live library to catch up until a catch-up
 * finds nothing; returns how many it took.
 */
export async function settleForLaunch(live: LiveCore, rootId: number): Promise<number> {
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await sleep(SLACK_MS + 500);
    const before = reconciledAt(live.core, rootId);
    const listed = live.workers.listFolder;
    live.core.catchUp();
    // Nothing found: reconciled_at is set at once; otherwise the folders are reconciled first.
    if (reconciledAt(live.core, rootId) !== before && live.workers.listFolder === listed) return attempt;
    await until('the catch-up reconciliation', () => reconciledAt(live.core, rootId) !== before, 120_000);
    await quiet(live, 1000, 120_000);
  }
  throw new Error('the catch-up kept finding changed folders with nothing changing on disk');
}

interface Launch {
  /** openKeepsake → reconciled_at set by the catch-up (nothing found), seconds. */
  readonly seconds: number;
  /** CPU of the main thread (where the catch-up runs) over the same span, seconds. */
  readonly mainCpuSeconds: number;
  /** openKeepsake → the watch worker's "watching a root" (every folder watched). */
  readonly watchingSeconds: number | null;
  readonly foldersListed: number;
  readonly hashed: number;
  readonly changes: number;
  readonly watchedFolders: number | null;
}

/** One launch: open the core with the live library, until its catch-up is done; then close. */
async function launch(dataDir: string, rootId: number, cores: number): Promise<Launch> {
  const before = storedReconciledAt(dataDir, rootId);
  const cpuBefore = process.threadCpuUsage();
  const live = await openLiveCore(dataDir, cores);
  try {
    const done = await until('the catch-up at launch', () => reconciledAt(live.core, rootId) !== before, 120_000, 2);
    const cpu = process.threadCpuUsage(cpuBefore);
    const watching = await until('the watch worker watching the root', () => watchedFolders(live.logs) !== null, 60_000, 10).catch(() => null);
    const line = live.logs.find((entry) => entry.msg === 'watching a root');
    await quiet(live, 500, 60_000);
    return {
      seconds: (done - live.openedAt) / 1000,
      mainCpuSeconds: (cpu.user + cpu.system) / 1e6,
      watchingSeconds: watching === null || line === undefined ? null : (line.at - live.openedAt) / 1000,
      foldersListed: live.workers.listFolder,
      hashed: live.workers.identify,
      changes: live.changes.length,
      watchedFolders: watchedFolders(live.logs),
    };
  } finally {
    await live.core.close();
  }
}

/**
 * Row 4 (issue: "Catch-up at launch ... 100,000 files with nothing changed: <= 2x `find -printf`
 * over the tree"), in this process: the core is opened with the live library on (as the app is),
 * and timed from openKeepsake until the root's catch-up is done (roots.reconciled_at set because
 * no folder changed: live-library.ts #queueCatchUp); best of 3, each a new core, closed after.
 */
export async function catchUpRow(dataDir: string, rootId: number, rootPath: string, files: number, cores: number): Promise<BenchRow> {
  const findSeconds = findPrintfSeconds(rootPath);
  const findCpuSeconds = findPrintfCpuSeconds(rootPath);
  const launches: Launch[] = [];
  for (let i = 0; i < RUNS; i += 1) launches.push(await launch(dataDir, rootId, cores));
  const best = launches.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const ratio = best.seconds / findSeconds;
  const reconciled = launches.filter((run) => run.foldersListed > 0 || run.changes > 0);
  return {
    suite: 'live',
    id: 'live_catch_up_at_launch',
    metric: `catch-up at launch, ${files} files unchanged (in process): openKeepsake → catch-up done`,
    measured: { value: best.seconds, unit: 's' },
    limit: { value: findSeconds, unit: 's', what: "find -printf '%s %T@ %i' over the tree" },
    bar: '<= 2x find',
    checked: { value: ratio, unit: 'x' },
    pass: ratio <= BAR && reconciled.length === 0,
    notes: [
      `launches: ${launches.map((run) => `${run.seconds.toFixed(3)} s`).join(', ')} (best kept); every folder watched at +${best.watchingSeconds?.toFixed(3) ?? '?'} s (${best.watchedFolders ?? '?'} folders)`,
      `CPU: the launch's main thread ${launches.map((run) => `${(run.mainCpuSeconds * 1000).toFixed(0)} ms`).join(', ')}; find -printf ${(findCpuSeconds * 1000).toFixed(0)} ms (user + system, best of 3)`,
      reconciled.length === 0 ? 'nothing reconciled, nothing hashed (no folder listed)' : `${reconciled.length} launches reconciled folders (${reconciled.map((run) => run.foldersListed).join(', ')} listed): the catch-up found changes where there were none`,
    ],
    details: { findSeconds, findCpuSeconds, launches },
  };
}
