import type { Dir } from 'node:fs';
import { resolve } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import type { Db } from '../db/open-database.ts';
import { openFolder, scannableEntries } from '../files/list-folder.ts';

/**
 * How many files a Scan Photos will go through, known before it imports any, so that its progress
 * says "Importing 1,234 of 5,000" with a total that holds, not one that grows as the walk goes.
 *
 * A root the library knows files of is rescanned: its known files are the total (one count from
 * the database; files added since make it a little more, found as the walk goes). A root it knows
 * nothing of — a first scan — is counted first, by names only (the walk's own rules: no hidden
 * folder, no link followed, files of the kinds a scan imports; no stat), reporting the running
 * count ("Finding photos… 12,345 found"). That pass costs a listing of each folder, which the
 * walk that follows finds in the system's cache.
 */
export async function expectedFiles(
  db: Db,
  roots: readonly { id: number; path: string }[],
  skip: ReadonlySet<string>,
  options: { signal: AbortSignal; onFound: (found: number) => void },
): Promise<number> {
  // Two counts from indexes alone: the root's files (files_root) less its missing ones (the partial
  // index of missing files). `root_id = ? AND missing = 0` reads each of the root's rows from the
  // table to see `missing`: 160 ms for 100,000 files in a fresh process, before the walk can start.
  const known = db.prepare(`SELECT (SELECT count(*) FROM files WHERE root_id = @id) - (SELECT count(*) FROM files INDEXED BY files_missing_by_library
    WHERE library_id = (SELECT library_id FROM roots WHERE id = @id) AND missing = 1 AND root_id = @id)`).pluck();
  let total = 0;
  const unknown: string[] = [];
  for (const root of roots) {
    const count = known.get({ id: root.id }) as number;
    if (count > 0) total += count;
    else unknown.push(resolve(root.path));
  }
  if (unknown.length === 0) return total;
  const base = total;
  options.onFound(base);
  let found = 0;
  for (const rootPath of unknown) {
    found += await countFolderTree(rootPath, new Set([...skip].filter((path) => path !== rootPath)), options.signal, (n) => options.onFound(base + found + n));
  }
  return base + found;
}

/** How long the count works before it yields to the event loop (cancel and progress get through). */
const YIELD_EVERY_MS = 20;

/** Counts the scannable files under `rootPath` (names only), depth first; `onCount` hears the running count. */
async function countFolderTree(rootPath: string, skip: ReadonlySet<string>, signal: AbortSignal, onCount: (n: number) => void): Promise<number> {
  const stack = [rootPath];
  let count = 0;
  let lastYield = Date.now();
  while (stack.length > 0) {
    signal.throwIfAborted();
    const folder = stack.pop() as string;
    let dir: Dir;
    try {
      dir = openFolder(folder);
    } catch {
      continue; // the walk reports it, with its reason
    }
    try {
      for (const entry of scannableEntries(dir, folder, () => undefined)) {
        if (!entry.isFolder) count++;
        else if (!skip.has(entry.path)) stack.push(entry.path);
      }
    } finally {
      dir.closeSync();
    }
    if (Date.now() - lastYield > YIELD_EVERY_MS) {
      onCount(count);
      await nextTick();
      lastYield = Date.now();
    }
  }
  onCount(count);
  return count;
}
