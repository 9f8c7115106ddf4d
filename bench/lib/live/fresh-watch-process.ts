import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { BenchRow } from '../types.ts';
import type { WatchChildReport } from './watch-child.ts';

const CHILD = fileURLToPath(new URL('./watch-child.ts', import.meta.url));
const IDLE_BAR_PERCENT = 1;
const CATCH_UP_BAR = 2;

/** The child's report, and when its "caught-up" line arrived (seconds after spawn). */
interface ChildRun {
  readonly report: WatchChildReport;
  readonly spawnToCaughtUpSeconds: number | null;
}

function runWatchChild(dataDir: string, rootId: number, idleSeconds: number, workers: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const spawned = performance.now();
    const child = spawn(process.execPath, [CHILD, dataDir, String(rootId), String(idleSeconds), String(workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let caughtUp: number | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (caughtUp === null && stdout.includes('caught-up\n')) caughtUp = (performance.now() - spawned) / 1000;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${CHILD} exited with ${code}`));
      try {
        resolve({ report: JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as WatchChildReport, spawnToCaughtUpSeconds: caughtUp });
      } catch (error) {
        reject(new Error(`the watch child printed no report: ${(error as Error).message}`));
      }
    });
  });
}

/**
 * Rows 3 and 4, fresh process: a new Node process opens the library with the live library on (as
 * the app at launch), catches up, then watches with nothing changing for `idleSeconds` (the issue:
 * "Idle watching of 100,000 files in 1,000 folders: < 1% of one core over 60 s, resident memory
 * reported"). Its file workers never start: nothing needs them.
 */
export async function freshWatchProcessRows(dataDir: string, rootId: number, files: number, idleSeconds: number, find: { seconds: number; cpuSeconds: number }, workers: number): Promise<BenchRow[]> {
  const findSeconds = find.seconds;
  const { report, spawnToCaughtUpSeconds } = await runWatchChild(dataDir, rootId, idleSeconds, workers);
  const { idle } = report;
  const ratio = report.openToCaughtUpSeconds / findSeconds;
  const folders = report.watchedFolders === null ? '?' : String(report.watchedFolders);
  return [
    {
      suite: 'live',
      id: 'live_idle_watching',
      metric: `idle watching, ${files} files in ${folders} watched folders: CPU over ${idle.seconds.toFixed(0)} s (fresh process, all threads)`,
      measured: { value: idle.percentOfCore, unit: '% of a core' },
      limit: null,
      bar: '< 1% of one core',
      pass: idle.percentOfCore < IDLE_BAR_PERCENT && report.watch === 'watching',
      notes: [
        `resident memory: rss ${report.rssMiB.toFixed(1)} MiB at the end (${report.rssMiBAfterCatchUp.toFixed(1)} MiB right after the catch-up), peak VmHWM ${report.vmHwmMiB?.toFixed(1) ?? '?'} MiB, JS heap ${report.heapUsedMiB.toFixed(1)} MiB`,
        `cpu: user ${idle.userMs.toFixed(0)} ms + system ${idle.systemMs.toFixed(0)} ms over ${idle.seconds.toFixed(1)} s; changes told ${idle.changes}, file-worker requests ${idle.workerRequests} (the pool never started)`,
        `watch mode: ${report.watch ?? '?'}`,
      ],
      details: { ...report },
    },
    {
      suite: 'live',
      id: 'live_catch_up_at_launch_fresh_process',
      metric: `catch-up at launch, ${files} files unchanged, fresh process: openKeepsake → catch-up done`,
      measured: { value: report.openToCaughtUpSeconds, unit: 's' },
      limit: { value: findSeconds, unit: 's', what: "find -printf '%s %T@ %i' over the tree" },
      bar: '<= 2x find',
      checked: { value: ratio, unit: 'x' },
      pass: ratio <= CATCH_UP_BAR && report.foldersListedAtLaunch === 0,
      notes: [
        `whole process: spawn → caught up ${spawnToCaughtUpSeconds?.toFixed(3) ?? '?'} s (start-up + loading the core's modules ${report.loadSeconds.toFixed(3)} s, then the launch itself)`,
        `every folder watched at +${report.watchingSeconds?.toFixed(3) ?? '?'} s after openKeepsake; folders reconciled at launch: ${report.foldersListedAtLaunch}`,
        `CPU: the launch's main thread ${(report.openToCaughtUpMainCpuSeconds * 1000).toFixed(0)} ms; find -printf ${(find.cpuSeconds * 1000).toFixed(0)} ms (user + system, best of 3)`,
      ],
      details: { ...report, spawnToCaughtUpSeconds, findSeconds, findCpuSeconds: find.cpuSeconds },
    },
  ];
}
