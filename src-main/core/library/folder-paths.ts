import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { badRequest } from '../errors.ts';

/** A folder path made absolute and normalised, without a trailing separator (except a bare root). */
export function normaliseFolder(folder: string): string {
  const absolute = resolve(folder);
  return absolute.length > 1 && absolute.endsWith(sep) ? absolute.slice(0, -1) : absolute;
}

/** Whether `inner` is `outer` itself or lies inside it (by whole path segments, never by prefix). */
export function isSameOrInside(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  const base = outer.endsWith(sep) ? outer : outer + sep;
  return inner.startsWith(base);
}

/** Checks that a folder exists and is a directory; throws a bad_request naming it otherwise. */
export function assertFolder(folder: string): void {
  let info;
  try {
    info = statSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw badRequest(`Folder does not exist: ${folder}`);
    if (code === 'EACCES' || code === 'EPERM') throw badRequest(`Folder cannot be read (permission denied): ${folder}`);
    throw badRequest(`Folder cannot be used: ${folder} (${(error as Error).message})`);
  }
  if (!info.isDirectory()) throw badRequest(`Not a folder: ${folder}`);
}

/** The first pair of folders where one is the other or lies inside it, or null. */
export function findOverlap(folders: readonly string[], existing: readonly string[] = []): [string, string] | null {
  const all = [...existing, ...folders];
  for (let i = existing.length; i < all.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = all[i] as string;
      const b = all[j] as string;
      if (isSameOrInside(a, b) || isSameOrInside(b, a)) return [a, b];
    }
  }
  return null;
}
