import { mkdtempSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchOptions, BenchReport, BenchRow, BenchSuite } from './types.ts';

const SUITES_DIR = fileURLToPath(new URL('../suites/', import.meta.url));

/** Every suite in bench/suites/*.bench.ts (the hook other benchmarks plug into), by file name order. */
export async function findSuites(dir = SUITES_DIR): Promise<BenchSuite[]> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.bench.ts')).sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: BenchSuite };
    if (!module.default || typeof module.default.run !== 'function') throw new Error(`bench/suites/${file} has no default BenchSuite export`);
    suites.push(module.default);
  }
  return suites;
}

/** Runs the chosen suites in a temporary folder and returns the report (no printing, no files). */
export async function runBench(options: BenchOptions, log: (message: string) => void = () => {}): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  // Other work on the machine skews every figure (ours and the limits): say so up front.
  if (loadAtStart > cpus().length * 0.5) log(`note: load average is ${loadAtStart.toFixed(2)} on ${cpus().length} cores; figures will be noisy`);
  const all = await findSuites();
  const unknown = options.suites.filter((name) => !all.some((suite) => suite.name === name));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')} (have: ${all.map((suite) => suite.name).join(', ')})`);
  const chosen = options.suites.length === 0 ? all : all.filter((suite) => options.suites.includes(suite.name));
  mkdirSync(options.workDir, { recursive: true });
  const base = mkdtempSync(join(options.workDir, 'keepsake-bench-'));
  const rows: BenchRow[] = [];
  const failures: { suite: string; error: string }[] = [];
  try {
    for (const suite of chosen) {
      const dir = join(base, suite.name);
      mkdirSync(dir, { recursive: true });
      log(`== ${suite.name}: ${suite.description}`);
      try {
        rows.push(...(await suite.run({ options, dir, log: (message) => log(`[${suite.name}] ${message}`) })));
      } catch (error) {
        failures.push({ suite: suite.name, error: (error as Error).stack ?? String(error) });
        log(`${suite.name} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    if (options.keep) log(`kept the generated files in ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryMiB: Math.round(totalmem() / 1024 / 1024),
      kernel: release(),
      node: process.version,
      platform: process.platform,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg()[0] ?? 0,
    },
    options,
    rows,
    failures,
  };
}
