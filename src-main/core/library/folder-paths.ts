import { readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { badRequest } from '../errors.ts';
import { isValidUtf8, readableName } from '../files/scan-problems.ts';

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
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const notUtf8 = notUtf8Name(folder);
      if (notUtf8 !== null) {
        throw badRequest(`The folder's name is not valid UTF-8, so Keepsake cannot open it: ${notUtf8}. Rename it with a UTF-8 name (for example in your file manager) and add it again`);
      }
      throw badRequest(`Folder does not exist: ${folder}`);
    }
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

/**
 * The readable path (bytes that are not UTF-8 as \xNN) of the folder a caller meant, when `folder`
 * does not exist because one of its names is not valid UTF-8: the caller's text then holds U+FFFD
 * where those bytes were (command lines and dialogs decode paths that way), and no string can name
 * it. Null when that is not why.
 */
export function notUtf8Name(folder: string): string | null {
  if (!folder.includes('\uFFFD')) return null;
  const parts = resolve(folder).split(sep);
  const at = parts.findIndex((part) => part.includes('\uFFFD'));
  const parent = parts.slice(0, at).join(sep) || sep;
  let names: Buffer[];
  try {
    names = readdirSync(parent, { encoding: 'buffer' });
  } catch {
    return null;
  }
  const meant = names.find((name) => !isValidUtf8(name) && name.toString('utf8') === parts[at]);
  if (meant === undefined) return null;
  return join(parent, readableName(meant), ...parts.slice(at + 1));
}
