import { isAbsolute, join, relative, sep } from 'node:path';

/**
 * Maps a URL path onto a file inside `root`, or null when it would leave `root`. Each segment is
 * decoded and checked on its own, so `..`, `%2e%2e`, encoded slashes (`%2f`, `%5c`) and NUL bytes
 * are refused rather than normalised away.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  const segments: string[] = [];
  for (const raw of urlPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment) || (sep === '\\' && segment.includes(':'))) return null;
    segments.push(segment);
  }
  const full = join(root, ...segments);
  return isInside(root, full) ? full : null;
}

/** True when `candidate` is `root` itself or lies inside it (both already resolved). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
