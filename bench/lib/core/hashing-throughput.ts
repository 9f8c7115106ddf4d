import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../../../src-shared/domain.ts';
import { ROOT_MARKER_NAME } from '../../../src-main/core/volumes/root-marker.ts';
import { addLibrary, openCore, phaseDurations, phaseNote, runTimedJob, type TimedJob } from '../core-driver.ts';
import { generateTree, type GeneratedTree } from '../generate-files.ts';
import { parallelMd5sumSeconds } from '../machine-limits.ts';
import type { BenchContext, BenchRow } from '../types.ts';

const MIB = 1024 * 1024;

/** Timed first scans: the first is the warm-up, the best of the others is the figure (as for md5sum). */
const RUNS = 3;

/**
 * (1) First-scan hashing throughput on 1 MiB files, end to end (starting the hashing workers, walk,
 * hashing, no thumbnail or EXIF attempt (random bytes start like no image format: see
 * image-signature.ts), database writes, and the Scan for Missing that follows a full scan), beside
 * `md5sum` run as one process per core over the same files.
 *
 * Both sides are measured the same way: a warm-up run, then the best of the next ones
 * (`parallelMd5sumSeconds` warms "the page cache and the binaries"; here the warm-up loads and
 * compiles the core's modules in this process). Every run is a real first scan: a new data folder,
 * a new core and so new hashing workers, whose start is timed, and no root marker left behind. The
 * warm-up's own figure (a first scan in a process that has run none) is reported beside it.
 */
export async function hashingThroughput(context: BenchContext): Promise<BenchRow[]> {
  const { options } = context;
  const tree = hashingSet(context);
  const files = tree.files;
  context.log('hashing: md5sum, one process per core');
  const md5Seconds = parallelMd5sumSeconds(tree.tree, options.cores);
  const runs: { job: TimedJob; result: ScanResult }[] = [];
  for (let run = 0; run < RUNS; run++) {
    context.log(`hashing: Keepsake first scan ${run === 0 ? '(warm-up)' : `${run} of ${RUNS - 1}`}`);
    runs.push(await firstScan(join(context.dir, 'hash', `data-${run}`), tree.root, options.cores));
  }
  const [warmUp, ...timed] = runs as [(typeof runs)[number], ...typeof runs];
  const best = timed.reduce((a, b) => (b.job.seconds < a.job.seconds ? b : a));
  const { job, result } = best;
  const mib = tree.bytes / MIB;
  const limit = mib / md5Seconds;
  const ours = mib / job.seconds;
  const ratio = ours / limit;
  const allHashed = runs.every((run) => run.result.hashed >= files);
  const ratioOf = (run: (typeof runs)[number]) => mib / run.job.seconds / limit;
  return [
    {
      suite: 'core',
      id: 'first_scan_hashing_throughput',
      metric: `first scan, ${files} x 1 MiB files (end to end)`,
      measured: { value: ours, unit: 'MiB/s' },
      limit: { value: limit, unit: 'MiB/s', what: `md5sum x${options.cores} processes` },
      bar: '>= 0.9x md5sum',
      checked: { value: ratio, unit: 'x' },
      pass: ratio >= 0.9 && allHashed,
      notes: [
        'measured end to end: worker start + hashing + db + the Scan for Missing after it (random bytes: no image signature, so no decoding attempt)',
        `best of ${timed.length} after a warm-up, as md5sum: ${timed.map((run) => `${ratioOf(run).toFixed(3)}x`).join(', ')}; the warm-up (the first scan this process ran) ${ratioOf(warmUp).toFixed(3)}x`,
        phaseNote(job),
        ...(allHashed ? [] : [`not every file hashed in every run (hashed: ${runs.map((run) => run.result.hashed).join(', ')} of ${files})`]),
      ],
      details: {
        seconds: job.seconds,
        runSeconds: timed.map((run) => run.job.seconds),
        warmUpSeconds: warmUp.job.seconds,
        md5sumSeconds: md5Seconds,
        bytes: tree.bytes,
        result,
        phases: phaseDurations(job),
      },
    },
  ];
}

const sets = new Map<string, GeneratedTree>();

/**
 * The hashing set: `--hash-mb` files of 1 MiB of random bytes named `.jpg`, 50 per folder, written
 * once per suite folder and shared by the steps that scan it (in this process and in a fresh one).
 */
export function hashingSet(context: BenchContext): GeneratedTree {
  const root = join(context.dir, 'hash', 'root');
  const made = sets.get(root);
  if (made !== undefined && existsSync(made.tree)) return made;
  const files = Math.max(1, context.options.hashMb);
  context.log(`hashing: writing ${files} files of 1 MiB`);
  const tree = generateTree(root, { files, minBytes: MIB, maxBytes: MIB, perFolder: 50 });
  sets.set(root, tree);
  return tree;
}

/** One first scan of `root` in a new data folder (new core, new workers); the root's marker is removed after. */
async function firstScan(dataDir: string, root: string, cores: number): Promise<{ job: TimedJob; result: ScanResult }> {
  const core = await openCore(dataDir, cores);
  try {
    const libraryId = await addLibrary(core, 'hashing', [root]);
    const job = await runTimedJob(core, { type: 'scan_photos', libraryId });
    return { job, result: job.record.result as ScanResult };
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(join(root, ROOT_MARKER_NAME), { force: true });
  }
}
