import { availableParallelism, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchOptions } from './types.ts';

/** Usage of `npm run bench -- [options]`. */
export const BENCH_USAGE = `Usage: npm run bench -- [options]     (or: node bench/run-bench.ts [options])

  --files N         files in the small-file libraries (rescan, Scan for Missing, Delete Missing;
                    one driven in process, one through fresh "keepsake" processes)         [100000]
  --hash-mb N       MiB of 1 MiB files for first-scan hashing throughput                      [1024]
  --stats-photos N  photos synthesised for the stats figure                                    [1000000]
  --skip-1m         skip the 1,000,000-photo stats synthesis (stats measured at --files photos)
  --full            also measure peak memory of a 1,000,000-file first scan (slow)
  --memory-files N  files for the peak-memory scan (implies it runs)                          [1000000 with --full]
  --cores N         hashing workers and parallel md5sum processes                              [all cores]
  --suite NAME      run only this suite (repeatable; e.g. core, renderer)                      [all]
  --work-dir DIR    where the temporary libraries go                                           [$TMPDIR]
  --out FILE        results JSON                                                               [bench/results/latest.json]
  --keep            keep the generated files
Environment: BENCH_FILES, BENCH_HASH_MB, BENCH_STATS_PHOTOS, BENCH_MEMORY_FILES, BENCH_FULL=1, BENCH_CORES.`;

export interface ParsedBenchArgs {
  readonly options: BenchOptions;
  readonly out: string | undefined;
  readonly help: boolean;
}

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number >= 0 (got "${value}")`);
  return parsed;
}

/** Parses the bench's command line, with environment fallbacks. */
export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedBenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      files: { type: 'string' },
      'hash-mb': { type: 'string' },
      'stats-photos': { type: 'string' },
      'skip-1m': { type: 'boolean' },
      full: { type: 'boolean' },
      'memory-files': { type: 'string' },
      cores: { type: 'string' },
      suite: { type: 'string', multiple: true },
      'work-dir': { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const files = count('--files', values.files) ?? count('BENCH_FILES', env.BENCH_FILES) ?? 100_000;
  const full = values.full === true || env.BENCH_FULL === '1';
  const skip1m = values['skip-1m'] === true;
  const statsPhotos = count('--stats-photos', values['stats-photos']) ?? count('BENCH_STATS_PHOTOS', env.BENCH_STATS_PHOTOS) ?? (skip1m ? files : 1_000_000);
  const memoryFiles = count('--memory-files', values['memory-files']) ?? count('BENCH_MEMORY_FILES', env.BENCH_MEMORY_FILES) ?? (full ? 1_000_000 : 0);
  return {
    help: values.help === true,
    out: values.out,
    options: {
      files,
      hashMb: count('--hash-mb', values['hash-mb']) ?? count('BENCH_HASH_MB', env.BENCH_HASH_MB) ?? 1024,
      statsPhotos,
      memoryFiles,
      cores: count('--cores', values.cores) ?? count('BENCH_CORES', env.BENCH_CORES) ?? availableParallelism(),
      workDir: values['work-dir'] ?? tmpdir(),
      keep: values.keep === true,
      suites: values.suite ?? [],
    },
  };
}
