import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** A file to write: where, and how many bytes (a sidecar's own path and size, with a suffix of its own). */
export interface PlainFile {
  readonly path: string;
  readonly size: number;
}

/** Files in flight at once for the concurrent baseline: the libuv thread pool's default size is 4, more only queue. */
export const PLAIN_CONCURRENCY = 16;

/**
 * Flushes what earlier steps left dirty (`sync`), so that every timed run starts from the same
 * state: without it the run after another pays for the previous run's writeback and deletions.
 */
export function settleDisk(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No sync command (not Linux or macOS): the runs are only interleaved.
  }
}

const clean = (files: readonly PlainFile[], suffix: string): void => {
  for (const file of files) rmSync(`${file.path}${suffix}`, { force: true });
};

/** Times one way of writing the files (after settleDisk), then removes them; seconds. */
async function timedWrite(files: readonly PlainFile[], suffix: string, write: () => Promise<void> | void): Promise<number> {
  settleDisk();
  const start = performance.now();
  await write();
  const seconds = (performance.now() - start) / 1000;
  clean(files, suffix);
  return seconds;
}

/** Plain Node fs as most code writes files: writeFileSync, one after the other. */
export function plainSequential(files: readonly PlainFile[]): Promise<number> {
  return timedWrite(files, '.plain', () => {
    for (const file of files) writeFileSync(`${file.path}.plain`, Buffer.alloc(file.size, 0x20));
  });
}

/** Plain Node fs with the writes in flight together: fs.promises.writeFile, PLAIN_CONCURRENCY at a time (the libuv thread pool). */
export function plainConcurrent(files: readonly PlainFile[]): Promise<number> {
  return timedWrite(files, '.plain', async () => {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < files.length) {
        const file = files[next++] as PlainFile;
        await writeFile(`${file.path}.plain`, Buffer.alloc(file.size, 0x20));
      }
    };
    await Promise.all(Array.from({ length: PLAIN_CONCURRENCY }, lane));
  });
}

/** The floor of an atomic write: each file written to a temporary name and renamed, with blocking calls. */
export function atomicSequential(files: readonly PlainFile[]): Promise<number> {
  return timedWrite(files, '.plain', () => {
    for (const file of files) {
      writeFileSync(`${file.path}.tmp`, Buffer.alloc(file.size, 0x20), { flag: 'wx' });
      renameSync(`${file.path}.tmp`, `${file.path}.plain`);
    }
  });
}
