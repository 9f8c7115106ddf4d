import { join } from 'node:path';
import type { ScanResult } from '../../src-shared/domain.ts';
import { addLibrary, openCore, runTimedJob } from '../lib/core-driver.ts';
import { generateTree } from '../lib/generate-files.ts';
import { catchUpRow, settleForLaunch, storedReconciledAt } from '../lib/live/catch-up-at-launch.ts';
import { findPrintfCpuSeconds } from '../lib/live/find-cpu.ts';
import { freshWatchProcessRows } from '../lib/live/fresh-watch-process.ts';
import { openLiveCore, rootOf, settleLive } from '../lib/live/live-core.ts';
import { liveSizes } from '../lib/live/live-sizes.ts';
import { newPhotosRow } from '../lib/live/new-photos.ts';
import { renamesRow } from '../lib/live/renames.ts';
import { findPrintfSeconds } from '../lib/machine-limits.ts';
import type { BenchContext, BenchRow, BenchSuite } from '../lib/types.ts';

const SUITE = 'live';

/** A step that threw, as a failed row: the other steps still run. */
function errorRow(context: BenchContext, name: string, error: unknown): BenchRow {
  context.log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
  return { suite: SUITE, id: `error_${name.replace(/\W+/g, '_')}`, metric: `${name}: could not run`, measured: null, limit: null, bar: '-', pass: false, notes: [(error as Error).message] };
}

async function step(context: BenchContext, rows: BenchRow[], name: string, run: () => Promise<BenchRow | BenchRow[]>): Promise<boolean> {
  try {
    const produced = await run();
    rows.push(...(Array.isArray(produced) ? produced : [produced]));
    return true;
  } catch (error) {
    rows.push(errorRow(context, name, error));
    return false;
  }
}

/**
 * The live library's speed (issue "Live library", Speed): renames and moves picked up unhashed,
 * new photos imported as fast as a scan, idle watching, and the catch-up at launch — on one
 * library of `--files` small files (100,000 in 1,000 folders by default), first scanned as the
 * core suite's, then opened with the live library on as the app opens it.
 */
const suite: BenchSuite = {
  name: SUITE,
  description: 'the live library: renames/moves, new photos copied in, idle watching, catch-up at launch; sizes: --files, BENCH_LIVE_PHOTOS, BENCH_LIVE_IDLE_S',
  async run(context) {
    const { options } = context;
    const sizes = liveSizes(options.files);
    const base = join(context.dir, 'live');
    const dataDir = join(base, 'data');
    const rows: BenchRow[] = [];

    context.log(`library: writing ${options.files} files of 1-4 KiB in folders of 100`);
    const tree = generateTree(join(base, 'root'), { files: options.files, minBytes: 1024, maxBytes: 4096 });
    context.log('library: first scan (live library off)');
    const first = await openCore(dataDir, options.cores);
    let libraryId: number;
    let root: { id: number; path: string };
    try {
      libraryId = await addLibrary(first, 'live bench', [tree.root]);
      const job = await runTimedJob(first, { type: 'scan_photos', libraryId });
      context.log(`library: first scan took ${job.seconds.toFixed(1)} s, hashed ${(job.record.result as ScanResult).hashed}`);
      root = rootOf(first, libraryId);
    } finally {
      await first.close();
    }

    context.log('live: opening the core with the live library on; waiting for the root to be watched and caught up');
    const live = await openLiveCore(dataDir, options.cores);
    try {
      const mode = await settleLive(live, libraryId, root.id, storedReconciledAt(dataDir, root.id));
      context.log(`live: root ${mode}`);
      context.log(`renames: ${sizes.renames} files renamed or moved`);
      await step(context, rows, 'renames and moves', () => renamesRow(live, libraryId, tree.root, tree.tree, sizes.renames, base));
      context.log(`new photos: ${sizes.photos} photos staged, scanned in a fresh library, copied into the watched root`);
      await step(context, rows, 'new photos copied in', () => newPhotosRow(live, libraryId, tree.root, join(base, 'photos'), sizes.photos, options.cores));
      context.log('catch-up: letting the last changes age past the catch-up slack');
      await step(context, rows, 'settle before the launches', async () => {
        const attempts = await settleForLaunch(live, root.id);
        context.log(`catch-up: settled after ${attempts} catch-up(s)`);
        return [];
      });
    } finally {
      await live.core.close();
    }

    context.log('catch-up: launches in this process');
    await step(context, rows, 'catch-up at launch', () => catchUpRow(dataDir, root.id, tree.root, options.files, options.cores));
    context.log(`idle: a fresh process catches up, then watches ${sizes.idleSeconds} s with nothing changing`);
    await step(context, rows, 'fresh watching process', () => freshWatchProcessRows(dataDir, root.id, options.files, sizes.idleSeconds, { seconds: findPrintfSeconds(tree.root), cpuSeconds: findPrintfCpuSeconds(tree.root) }, options.cores));
    return rows;
  },
};
export default suite;
