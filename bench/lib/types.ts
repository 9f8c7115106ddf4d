/** A measured figure or a machine limit, with its unit. */
export interface Figure {
  readonly value: number;
  readonly unit: string;
}

/** One line of the bench table: a figure beside the machine's own limit and the bar. */
export interface BenchRow {
  readonly suite: string;
  /** Stable key for results JSON, e.g. "rescan_unchanged". */
  readonly id: string;
  readonly metric: string;
  readonly measured: Figure | null;
  /** The machine's own limit (or floor) measured in the same run, and what it is. */
  readonly limit: (Figure & { readonly what: string }) | null;
  /** The bar as the issue states it, e.g. ">= 0.9x md5sum". */
  readonly bar: string;
  /** null when there is no pass/fail (informational rows, or skipped). */
  readonly pass: boolean | null;
  /** The number the bar is checked against when it differs from `measured` (e.g. a ratio). */
  readonly checked?: Figure;
  readonly notes?: readonly string[];
  /** Anything else worth keeping in results JSON. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Options every suite sees. */
export interface BenchOptions {
  /** Files of the small-file library (rescan, Scan for Missing, Delete Missing). */
  readonly files: number;
  /** MiB of 1 MiB files for the hashing-throughput scan. */
  readonly hashMb: number;
  /** Photos synthesised for the stats figure (0 = skip). */
  readonly statsPhotos: number;
  /** Files of the peak-memory scan (0 = skip; only with --full by default). */
  readonly memoryFiles: number;
  /** Hashing workers / parallel md5sum processes. */
  readonly cores: number;
  /** Where the temporary libraries go. */
  readonly workDir: string;
  /** Keep the generated files after the run. */
  readonly keep: boolean;
  /** Suites to run (by name); empty = all found. */
  readonly suites: readonly string[];
}

/** What a suite is given. */
export interface BenchContext {
  readonly options: BenchOptions;
  /** A fresh folder for this suite, removed after the run unless --keep. */
  readonly dir: string;
  /** Progress notes for the person running the bench (stderr). */
  log(message: string): void;
}

/**
 * A group of benchmarks. Drop a file `bench/suites/<name>.bench.ts` whose default export is a
 * BenchSuite and `npm run bench` runs it (this is the hook for the renderer benchmark).
 */
export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}

/** What one run of the bench produced (also written to bench/results/latest.json). */
export interface BenchReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Readonly<Record<string, unknown>>;
  readonly options: BenchOptions;
  readonly rows: readonly BenchRow[];
  /** Suites that threw, with the error. */
  readonly failures: readonly { readonly suite: string; readonly error: string }[];
}
