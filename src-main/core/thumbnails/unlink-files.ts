import { unlink } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** From this many files on, the unlinks run in a worker thread (below, starting one costs more than it saves). */
export const WORKER_FROM = 1000;

/** The worker module next to this one, with this module's own extension (.ts in tests, .js when built). */
const workerUrl = (): URL => new URL(`./unlink-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Deletes files, ignoring those already gone; resolves with how many were there. A long list is
 * handled by a worker thread, so it goes on while the main thread is busy (blocked in SQLite).
 */
export function unlinkFiles(paths: readonly string[]): Promise<number> {
  if (paths.length >= WORKER_FROM) return unlinkInWorker(paths);
  return unlinkEach(paths);
}

/** Deletes files in this thread, a few at a time (the disk, not the loop, is the limit); returns how many were there. */
export async function unlinkEach(paths: readonly string[]): Promise<number> {
  let removed = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++] as string;
      try {
        await unlink(path);
        removed++;
      } catch {
        // Never made, or already gone.
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  return removed;
}

function unlinkInWorker(paths: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl());
    let settled = false;
    worker.once('message', ({ removed }: { removed: number }) => {
      settled = true;
      resolve(removed);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (settled) return;
      settled = true;
      // The files are still to be removed: do it here rather than leave litter nobody can reach.
      unlinkEach(paths).then(resolve, () => reject(error));
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      unlinkEach(paths).then(resolve, () => reject(new Error(`unlink worker exited with code ${code}`)));
    });
    worker.postMessage({ paths });
  });
}
