import { bestOf, shellQuote, timeShell } from './timing.ts';

/**
 * Seconds for `md5sum` run as parallel processes (one per core) over every file under `dir`:
 * the machine's hashing limit for the same files. Best of `runs` (page cache warm).
 */
export function parallelMd5sumSeconds(dir: string, cores: number, runs = 2): number {
  const command = `find ${shellQuote(dir)} -type f -print0 | xargs -0 -P ${cores} -n 500 md5sum > /dev/null`;
  timeShell(command); // warm the page cache and the binaries
  return bestOf(runs, () => timeShell(command));
}

/**
 * Seconds for `find DIR -printf '%s %T@ %i\n'`: one stat per file, the machine's limit for walking
 * the tree and reading what a rescan compares (size, mtime, inode). Best of `runs`, warm.
 */
export function findPrintfSeconds(dir: string, runs = 3): number {
  const command = `find ${shellQuote(dir)} -printf '%s %T@ %i\\n' > /dev/null`;
  timeShell(command);
  return bestOf(runs, () => timeShell(command));
}

/** Seconds for `rm` of every file under `dir` (a machine reference for thumbnail removal). */
export function rmTreeSeconds(dir: string): number {
  return timeShell(`rm -rf ${shellQuote(dir)}`);
}
