import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withTimeout } from './with-timeout.ts';

/** The marker file's name at the top of each root; the scanner skips it. */
export const ROOT_MARKER_NAME = '.keepsake-root';

/** What the marker file holds: the id of the folder, so it is known again wherever its drive is mounted. */
export interface RootMarker {
  readonly rootId: string;
  readonly createdAt: string;
}

/** Path of the marker file of a root folder. */
export const markerPath = (rootPath: string): string => join(rootPath, ROOT_MARKER_NAME);

/**
 * Reads a root's marker. Null when it is absent or not a Keepsake marker; throws on a timeout or a
 * permission error, which say something about the root's state (unreachable, unreadable).
 */
export async function readRootMarker(rootPath: string, timeoutMs = 3000, read: (path: string) => Promise<string> = (p) => readFile(p, 'utf8')): Promise<RootMarker | null> {
  let text: string;
  try {
    text = await withTimeout(read(markerPath(rootPath)), timeoutMs, `reading ${markerPath(rootPath)}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw error;
  }
  return parseRootMarker(text);
}

/** Parses marker text; null for anything that is not `{rootId: string, createdAt: string}`. */
export function parseRootMarker(text: string): RootMarker | null {
  try {
    const value = JSON.parse(text) as Partial<RootMarker> | null;
    if (value && typeof value.rootId === 'string' && value.rootId.length > 0 && value.rootId.length <= 100) {
      return { rootId: value.rootId, createdAt: typeof value.createdAt === 'string' ? value.createdAt : '' };
    }
  } catch {
    // Not JSON: not ours.
  }
  return null;
}

/**
 * Makes sure a root folder carries a marker and returns its id: an existing marker is kept (two
 * libraries sharing a folder share its id), else a new one is written atomically. Returns null when
 * the folder is not writable (read-only drive, no permission): such a root simply has no marker.
 */
export async function ensureRootMarker(rootPath: string, options: { timeoutMs?: number; now?: Date; id?: string } = {}): Promise<string | null> {
  const timeoutMs = options.timeoutMs ?? 3000;
  try {
    const existing = await readRootMarker(rootPath, timeoutMs);
    if (existing !== null) return existing.rootId;
    const marker: RootMarker = { rootId: options.id ?? randomUUID(), createdAt: (options.now ?? new Date()).toISOString() };
    const temp = `${markerPath(rootPath)}.${process.pid}.tmp`;
    await withTimeout(writeFile(temp, `${JSON.stringify(marker)}\n`, { flag: 'w' }), timeoutMs, `writing ${temp}`);
    await withTimeout(rename(temp, markerPath(rootPath)), timeoutMs, `renaming ${temp}`);
    return marker.rootId;
  } catch {
    return null;
  }
}
