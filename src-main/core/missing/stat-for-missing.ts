import { readdirSync, statSync, type Stats } from 'node:fs';

/** What a stat found: the file's stat, 'gone', or 'unreadable' (permission denied is never "gone"). */
export type StatOutcome = Stats | 'gone' | 'unreadable';

/** The real stat: cheap and synchronous (no promise per file: the job checks hundreds of thousands per second). */
export function statForMissing(path: string): StatOutcome {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined) return 'gone';
    return info.isFile() ? info : 'gone';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'gone';
    // EACCES, EPERM and anything else we cannot tell apart from "there but unreachable": never lose the file over it.
    return 'unreadable';
  }
}

/** A folder's file names, or why it cannot be listed. */
export type Listing = Set<string> | 'gone' | 'unlistable';

/** Lists a folder's entries that may be files (symlinks and unknown types included: a stat settles those). */
export function listForMissing(folder: string): Listing {
  try {
    const names = new Set<string>();
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory()) names.add(entry.name);
    }
    return names;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'gone' : 'unlistable';
  }
}
