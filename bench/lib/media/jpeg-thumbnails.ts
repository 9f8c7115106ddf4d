import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../../../src-shared/domain.ts';
import { ROOT_MARKER_NAME } from '../../../src-main/core/volumes/root-marker.ts';
import { thumbnailSize } from '../../../src-main/core/thumbnails/thumbnail-size.ts';
import { fastest, jobTimes, measureStartUp, processNote, runKeepsake, startUpNote, type CliRun, type JobTimes, type StartUp } from '../cli-process.ts';
import { addLibrary, openCore, phaseDurations, phaseNote, runTimedJob, type TimedJob } from '../core-driver.ts';
import { parallelMd5sumSeconds } from '../machine-limits.ts';
import type { BenchContext, BenchRow } from '../types.ts';
import { CAMERA_HEIGHT, CAMERA_WIDTH, writeCameraJpegs, type CameraJpegSet } from './camera-jpegs.ts';
import { censusProblems, thumbnailCensus, type ThumbnailCensus } from './library-check.ts';
import { findVipsthumbnail, parallelVipsthumbnail, vipsVersion, type VipsLimit } from './vips-limit.ts';

/** In-process first scans: the first is the warm-up, the best of the others is the figure (as for the limit). */
const RUNS = 3;
/**
 * Fresh `keepsake scan` processes, best kept. No warm-up of their own: the in-process scans just
 * read the same files (page cache), and a 12 MP scan is seconds long, so the compile cache a first
 * process may write is below the noise; a third scan of every photo would only lengthen the run.
 */
const CLI_RUNS = 2;

const BAR = 0.8;

interface Scan {
  readonly seconds: number;
  readonly result: ScanResult;
  readonly census: ThumbnailCensus;
}

/** The machine's limit for making these thumbnails and hashing these files, or why there is none. */
interface Limit {
  readonly vips: VipsLimit;
  readonly md5Seconds: number;
  /** files / (vipsthumbnail + md5sum). */
  readonly filesPerSecond: number;
  readonly version: string;
}

/**
 * "Thumbnails of 12 MP JPEGs": Keepsake's first scan (hash + thumbnail + EXIF date) of `count`
 * camera-like 4000×3000 JPEGs, end to end as the hashing row measures it (a new data folder, core
 * and workers each run; warm-up then best of 2), and as a fresh `keepsake scan` process, beside the
 * machine's own limit in the same run: `vipsthumbnail` in parallel making the same webp thumbnails,
 * then `md5sum` in parallel over the same files; limit = files / (t_vips + t_md5). Bar: ≥ 0.8×.
 * Where vipsthumbnail is absent, the figures are reported without a limit or a verdict.
 */
export async function jpegThumbnails(context: BenchContext, count: number): Promise<BenchRow[]> {
  const { options } = context;
  context.log(`jpeg: writing ${count} camera-like 12 MP JPEGs`);
  const set = await writeCameraJpegs(join(context.dir, 'jpeg', 'root'), count);
  context.log(`jpeg: ${count} files, ${(set.bytes / count / 1e6).toFixed(2)} MB each on average, in ${set.seconds.toFixed(1)} s`);
  const size = thumbnailSize(CAMERA_WIDTH, CAMERA_HEIGHT);

  const binary = findVipsthumbnail();
  let limit: Limit | null = null;
  if (binary !== null) {
    context.log(`jpeg: vipsthumbnail -s ${size.width}x${size.height}, one process per core`);
    const vips = parallelVipsthumbnail(binary, set.tree, join(context.dir, 'jpeg', 'vips-out'), options.cores, size.width, size.height);
    context.log('jpeg: md5sum, one process per core');
    const md5Seconds = parallelMd5sumSeconds(set.tree, options.cores);
    limit = { vips, md5Seconds, filesPerSecond: count / (vips.vipsSeconds + md5Seconds), version: vipsVersion(binary) };
  }

  const runs: InProcessScan[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    context.log(`jpeg: Keepsake first scan ${run === 0 ? '(warm-up)' : `${run} of ${RUNS - 1}`}`);
    runs.push(await firstScanInProcess(join(context.dir, 'jpeg', `data-${run}`), set.root, options.cores));
  }
  const cli: FreshScan[] = [];
  let startUp: StartUp | null = null;
  for (let run = 0; run < CLI_RUNS; run += 1) {
    context.log(`jpeg: keepsake library add + keepsake scan (fresh processes) ${run + 1} of ${CLI_RUNS}`);
    const dataDir = join(context.dir, 'jpeg', `cli-data-${run}`);
    try {
      cli.push(freshScan(dataDir, set.root));
      if (run === 0) startUp = measureStartUp(dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(join(set.root, ROOT_MARKER_NAME), { force: true });
    }
  }
  return [inProcessRow(set, runs, limit, options.cores), freshProcessRow(set, cli, startUp as StartUp, limit, options.cores)];
}

type InProcessScan = Scan & { readonly job: TimedJob };

async function firstScanInProcess(dataDir: string, root: string, cores: number): Promise<InProcessScan> {
  const core = await openCore(dataDir, cores);
  let job: TimedJob;
  try {
    const libraryId = await addLibrary(core, 'camera', [root]);
    job = await runTimedJob(core, { type: 'scan_photos', libraryId });
  } finally {
    await core.close();
  }
  try {
    return { job, seconds: job.seconds, result: job.record.result as ScanResult, census: thumbnailCensus(dataDir) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(join(root, ROOT_MARKER_NAME), { force: true });
  }
}

interface FreshScan extends Scan {
  readonly add: CliRun;
  readonly scan: CliRun;
  readonly job: JobTimes;
}

function freshScan(dataDir: string, root: string): FreshScan {
  const add = runKeepsake(dataDir, ['library', 'add', 'camera', root]);
  const scan = runKeepsake(dataDir, ['scan']);
  return { add, scan, seconds: scan.seconds, result: scan.json as unknown as ScanResult, job: jobTimes(dataDir, scan.json.job_id), census: thumbnailCensus(dataDir) };
}

const limitFigure = (limit: Limit | null, cores: number) =>
  limit === null
    ? null
    : { value: limit.filesPerSecond, unit: 'files/s', what: `vipsthumbnail x${cores} processes + md5sum x${cores} (${limit.version})` };

function limitNotes(limit: Limit | null, set: CameraJpegSet): string[] {
  if (limit === null) return ['vipsthumbnail not installed (apt install libvips-tools): no machine limit, no verdict'];
  return [
    `limit = files / (vipsthumbnail ${limit.vips.vipsSeconds.toFixed(2)} s [best of ${limit.vips.vipsRuns.map((s) => s.toFixed(2)).join('/')}] + md5sum ${limit.md5Seconds.toFixed(2)} s); vipsthumbnail wrote ${limit.vips.thumbnails} thumbnails`,
    `the files: ${set.files} x 4000x3000 JPEG q90 with EXIF dates, ${(set.bytes / set.files / 1e6).toFixed(2)} MB each on average (${set.scenes} noisy real scenes, every file distinct)`,
  ];
}

/** "Keepsake's thumbnails: 533x400 webp, 31.1 kB each (vipsthumbnail's: 38.7 kB, of it 16.2 kB the source's EXIF)". */
function bytesNote(census: ThumbnailCensus, limit: Limit | null): string {
  const ours = census.thumbnailFiles > 0 ? census.thumbnailBytes / census.thumbnailFiles / 1000 : Number.NaN;
  const vips = limit?.vips;
  const theirs =
    vips !== undefined && vips.thumbnails > 0
      ? ` (vipsthumbnail's: ${(vips.thumbnailBytes / vips.thumbnails / 1000).toFixed(1)} kB, of it ${(vips.exifBytes / vips.thumbnails / 1000).toFixed(1)} kB the source's EXIF, which it copies in)`
      : '';
  return `Keepsake's thumbnails: ${census.sizes.join(', ')} webp, ${ours.toFixed(1)} kB each, no metadata${theirs}`;
}

function verdict(files: number, runs: readonly Scan[], ratio: number | null): { pass: boolean | null; problems: string[] } {
  const problems = runs.flatMap((run, i) => censusProblems(run.census, files, true).map((problem) => `run ${i + 1}: ${problem}`));
  if (ratio === null) return { pass: problems.length > 0 ? false : null, problems };
  return { pass: ratio >= BAR && problems.length === 0, problems };
}

function inProcessRow(set: CameraJpegSet, runs: readonly InProcessScan[], limit: Limit | null, cores: number): BenchRow {
  const [warmUp, ...timed] = runs as [InProcessScan, ...InProcessScan[]];
  const best = fastest(timed);
  const ours = set.files / best.seconds;
  const ratio = limit === null ? null : ours / limit.filesPerSecond;
  const ratioOf = (run: Scan) => (limit === null ? `${(set.files / run.seconds).toFixed(1)} files/s` : `${(set.files / run.seconds / limit.filesPerSecond).toFixed(3)}x`);
  const { pass, problems } = verdict(set.files, runs, ratio);
  return {
    suite: 'media',
    id: 'jpeg_12mp_first_scan',
    metric: `first scan, ${set.files} x 12 MP JPEGs (hash + thumbnail + EXIF, end to end)`,
    measured: { value: ours, unit: 'files/s' },
    limit: limitFigure(limit, cores),
    bar: `>= ${BAR}x vipsthumbnail + md5sum`,
    ...(ratio === null ? {} : { checked: { value: ratio, unit: 'x' } }),
    pass,
    notes: [
      `best of ${timed.length} after a warm-up: ${timed.map(ratioOf).join(', ')}; the warm-up (this process' first scan of them) ${ratioOf(warmUp)}; ${cores} file workers`,
      phaseNote(best.job),
      bytesNote(best.census, limit),
      ...limitNotes(limit, set),
      ...problems,
    ],
    details: {
      seconds: best.seconds,
      runSeconds: timed.map((run) => run.seconds),
      warmUpSeconds: warmUp.seconds,
      phases: phaseDurations(best.job),
      result: best.result,
      census: best.census,
      limit,
      files: set.files,
      bytes: set.bytes,
    },
  };
}

function freshProcessRow(set: CameraJpegSet, runs: readonly FreshScan[], startUp: StartUp, limit: Limit | null, cores: number): BenchRow {
  const best = fastest(runs);
  const ours = set.files / best.seconds;
  const ratio = limit === null ? null : ours / limit.filesPerSecond;
  const minusStartUp = set.files / (best.seconds - startUp.seconds);
  const withAdd = set.files / (best.seconds + best.add.seconds);
  const asRatio = (filesPerSecond: number) => (limit === null ? '' : ` (${(filesPerSecond / limit.filesPerSecond).toFixed(3)}x)`);
  const { pass, problems } = verdict(set.files, runs, ratio);
  const workers = availableParallelism();
  return {
    suite: 'media',
    id: 'jpeg_12mp_first_scan_fresh_process',
    metric: `first scan, ${set.files} x 12 MP JPEGs, fresh \`keepsake scan\` process (whole process)`,
    measured: { value: ours, unit: 'files/s' },
    limit: limitFigure(limit, cores),
    bar: `>= ${BAR}x vipsthumbnail + md5sum`,
    ...(ratio === null ? {} : { checked: { value: ratio, unit: 'x' } }),
    pass,
    notes: [
      `the \`keepsake scan\` process, start to exit (after a fresh \`keepsake library add\`: ${best.add.seconds.toFixed(3)} s; both together ${withAdd.toFixed(1)} files/s${asRatio(withAdd)}); best of ${runs.length}: ${runs.map((run) => `${(set.files / run.seconds).toFixed(1)}`).join(', ')} files/s`,
      `minus start-up: ${minusStartUp.toFixed(1)} files/s${asRatio(minusStartUp)}; ${startUpNote(startUp)}`,
      processNote(best.seconds, startUp, best.job),
      bytesNote(best.census, limit),
      ...(workers === cores ? [] : [`the CLI starts ${workers} file workers (one per core), the limit ran ${cores} processes`]),
      ...problems,
    ],
    details: {
      seconds: best.seconds,
      runSeconds: runs.map((run) => run.seconds),
      libraryAddSeconds: runs.map((run) => run.add.seconds),
      jobSeconds: runs.map((run) => run.job.runSeconds),
      startUp,
      result: best.result,
      census: best.census,
      files: set.files,
    },
  };
}
