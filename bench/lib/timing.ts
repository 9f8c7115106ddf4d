import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Wall time of an async or sync function, in seconds, with its value. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - start) / 1000, value };
}

/** Runs a bash command line and returns its wall time in seconds; throws when it fails. */
export function timeShell(command: string): number {
  const start = performance.now();
  const result = spawnSync('bash', ['-c', `set -o pipefail; ${command}`], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`"${command}" failed (${result.status}): ${result.stderr?.toString().trim()}`);
  return seconds;
}

/** The best (lowest) of `runs` timings: the machine's limit, least disturbed by noise. */
export function bestOf(runs: number, measure: () => number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) best = Math.min(best, measure());
  return best;
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Single-quotes a path for bash. */
export const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
