/**
 * A fresh process as the app is at launch and then at rest: opens the core with the live library on,
 * says "caught-up" (one line on stdout) the moment the root's catch-up is done, lets the watches
 * settle, then does nothing for IDLE_SECONDS while the live library watches, and prints one JSON
 * line: where the launch's time went, the CPU the whole process used while idle (process.cpuUsage:
 * every thread, the watch worker's included) and its resident memory.
 *
 *   node bench/lib/live/watch-child.ts DATA_DIR ROOT_ID IDLE_SECONDS WORKERS
 */
import { enableCompileCache } from 'node:module';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** performance.now() counts from the process' start (timeOrigin). */
const processStart = 0;
// As bin/keepsake.js and the Electron main do: compiled modules are cached between runs.
enableCompileCache();

export interface WatchChildReport {
  /** Process start → the core's modules loaded, seconds. */
  readonly loadSeconds: number;
  /** openKeepsake → catch-up done (reconciled_at set, nothing found), seconds. */
  readonly openToCaughtUpSeconds: number;
  /** Process start → catch-up done, seconds. */
  readonly processToCaughtUpSeconds: number;
  /** CPU of the main thread from openKeepsake to the catch-up done, seconds. */
  readonly openToCaughtUpMainCpuSeconds: number;
  readonly watchingSeconds: number | null;
  readonly watchedFolders: number | null;
  readonly watch: string | null;
  readonly foldersListedAtLaunch: number;
  readonly idle: { readonly seconds: number; readonly userMs: number; readonly systemMs: number; readonly percentOfCore: number; readonly changes: number; readonly workerRequests: number };
  readonly rssMiBAfterCatchUp: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  readonly vmHwmMiB: number | null;
}

function vmHwmMiB(): number | null {
  try {
    const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return line?.[1] ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const MiB = 1024 * 1024;
const [dataDir, rootIdArg, idleArg, workersArg] = process.argv.slice(2);
if (!dataDir || !rootIdArg || !idleArg) {
  process.stderr.write('usage: node bench/lib/live/watch-child.ts DATA_DIR ROOT_ID IDLE_SECONDS [WORKERS]\n');
  process.exit(2);
}
const rootId = Number(rootIdArg);
const { storedReconciledAt } = await import('./catch-up-at-launch.ts');
const live = await import('./live-core.ts');
await import('../../../src-main/core/keepsake.ts');
const loaded = performance.now();
const before = storedReconciledAt(dataDir, rootId);
const cpuAtOpen = process.threadCpuUsage();
const opened = await live.openLiveCore(dataDir, workersArg ? Number(workersArg) : 2);
const caughtUp = await live.until('the catch-up at launch', () => live.reconciledAt(opened.core, rootId) !== before, 120_000, 2);
const launchCpu = process.threadCpuUsage(cpuAtOpen);
process.stdout.write('caught-up\n');
const rssAfterCatchUp = process.memoryUsage().rss / MiB;
const foldersListedAtLaunch = opened.workers.listFolder;
await live.until('the watch worker watching the root', () => live.watchedFolders(opened.logs) !== null, 60_000, 10).catch(() => null);
const watchingLine = opened.logs.find((entry) => entry.msg === 'watching a root');
const libraryId = opened.core.db.prepare('SELECT library_id FROM roots WHERE id = ?').pluck().get(rootId) as number;
const watch = (await live.watchOf(opened.core, libraryId, rootId)) ?? null;
// Let start-up's leftovers (a collection, the watches' first reports) pass before measuring rest.
await live.quiet(opened, 1000, 60_000);

const idleSeconds = Number(idleArg);
const requests = () => opened.workers.identify + opened.workers.describe + opened.workers.listFolder + opened.workers.other;
const changesBefore = opened.changes.length;
const requestsBefore = requests();
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
await sleep(idleSeconds * 1000);
const cpu = process.cpuUsage(cpuBefore);
const wall = (performance.now() - wallBefore) / 1000;
const memory = process.memoryUsage();
const report: WatchChildReport = {
  loadSeconds: (loaded - processStart) / 1000,
  openToCaughtUpSeconds: (caughtUp - opened.openedAt) / 1000,
  processToCaughtUpSeconds: (caughtUp - processStart) / 1000,
  openToCaughtUpMainCpuSeconds: (launchCpu.user + launchCpu.system) / 1e6,
  watchingSeconds: watchingLine === undefined ? null : (watchingLine.at - opened.openedAt) / 1000,
  watchedFolders: live.watchedFolders(opened.logs),
  watch,
  foldersListedAtLaunch,
  idle: {
    seconds: wall,
    userMs: cpu.user / 1000,
    systemMs: cpu.system / 1000,
    percentOfCore: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
    changes: opened.changes.length - changesBefore,
    workerRequests: requests() - requestsBefore,
  },
  rssMiBAfterCatchUp: rssAfterCatchUp,
  rssMiB: memory.rss / MiB,
  heapUsedMiB: memory.heapUsed / MiB,
  vmHwmMiB: vmHwmMiB(),
};
await opened.core.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
