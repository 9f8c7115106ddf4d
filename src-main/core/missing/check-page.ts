import { sep } from 'node:path';
import type { Stats } from 'node:fs';
import type { Listing, StatOutcome } from './stat-for-missing.ts';

/** One row of a page, as little as the check needs: [path, missing, unreadable, root_id]. */
export type PageRow = readonly [path: string, missing: 0 | 1, unreadable: 0 | 1, rootId: number | null];

/** What one page's check found, by path; everything not listed is as its row says. */
export interface PageFindings {
  /** Rows under an online root. */
  checked: number;
  /** Files a stat could not read (permission denied), flagged or not. */
  unreadable: number;
  /** Present files whose path is gone. */
  readonly gone: string[];
  /** Readable files that may not be read any more. */
  readonly lockedOut: string[];
  /** Unreadable files that may be read again. */
  readonly readableAgain: string[];
  /** Missing files whose path holds a file again: theirs if its stat (or hash) matches the row's. */
  readonly back: { readonly path: string; readonly info: Stats }[];
}

/** Rows of one page in one folder from which listing the folder beats a stat per file. */
const LIST_FROM = 4;

/**
 * The folder of each row and where its name starts, as dirname and basename would give them (a
 * filesystem root keeps its separator: "/", "C:\\"). Rows come in path order, so a folder's rows
 * mostly follow each other: its string is made once and reused, not sliced again for every row.
 */
function foldersOf(rows: readonly PageRow[]): { folders: string[]; starts: number[] } {
  const folders: string[] = new Array(rows.length);
  const starts: number[] = new Array(rows.length);
  let folder = '';
  let prefix = -1; // length of `folder` plus its separator, or -1 before the first row
  for (let i = 0; i < rows.length; i++) {
    const path = (rows[i] as PageRow)[0];
    const start = path.lastIndexOf(sep) + 1;
    if (start !== prefix || !path.startsWith(folder)) {
      const bare = start <= 1 || path[start - 2] === ':';
      folder = path.slice(0, bare ? start : start - 1);
      prefix = start;
    }
    folders[i] = folder;
    starts[i] = start;
  }
  return { folders, starts };
}

/**
 * Decides, for each row of a page, whether its file is still there — by listing the folders that
 * hold several of the page's rows (one readdir answers for thousands of files) and a stat for the
 * rest. A listing lives while pages keep touching its folder. Touches no database.
 */
export class PageChecker {
  readonly #online: ReadonlySet<number>;
  readonly #verified: { has(folder: string): boolean };
  readonly #stat: (path: string) => StatOutcome;
  readonly #list: ((folder: string) => Listing) | undefined;
  #listings = new Map<string, Listing>();

  constructor(options: {
    online: ReadonlySet<number>;
    verified: { has(folder: string): boolean };
    stat: (path: string) => StatOutcome;
    list: ((folder: string) => Listing) | undefined;
  }) {
    this.#online = options.online;
    this.#verified = options.verified;
    this.#stat = options.stat;
    this.#list = options.list;
  }

  check(rows: readonly PageRow[]): PageFindings {
    const { folders, starts } = foldersOf(rows);
    const listings = this.#listFolders(folders);
    this.#listings = listings;
    const findings: PageFindings = { checked: 0, unreadable: 0, gone: [], lockedOut: [], readableAgain: [], back: [] };
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as PageRow;
      const path = row[0];
      const missing = row[1];
      const unreadable = row[2];
      const rootId = row[3];
      if (rootId !== null && !this.#online.has(rootId)) continue; // an offline drive loses nothing
      findings.checked++;
      const folder = folders[i] as string;
      if (missing === 0 && unreadable === 0 && this.#verified.has(folder)) continue;
      const listing = listings.get(folder);
      let info: StatOutcome | 'present';
      if (listing === undefined || listing === 'unlistable') info = this.#stat(path);
      else if (listing === 'gone' || !listing.has(path.slice(starts[i] as number))) info = 'gone';
      else info = missing === 1 ? this.#stat(path) : 'present'; // only a file that is back needs its size and date
      if (info === 'gone') {
        if (missing === 0) findings.gone.push(path);
      } else if (info === 'unreadable') {
        findings.unreadable++;
        if (unreadable === 0) findings.lockedOut.push(path);
      } else if (missing === 1 && info !== 'present') {
        findings.back.push({ path, info });
      } else if (unreadable === 1) {
        findings.readableAgain.push(path);
      }
    }
    return findings;
  }

  /** Listings of the page's folders that hold enough of its rows (kept from the last page when still in use). */
  #listFolders(folders: readonly string[]): Map<string, Listing> {
    const listings = new Map<string, Listing>();
    const list = this.#list;
    if (list === undefined) return listings;
    const perFolder = new Map<string, number>();
    for (const folder of folders) if (!this.#verified.has(folder)) perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
    for (const [folder, n] of perFolder) {
      if (n >= LIST_FROM) listings.set(folder, this.#listings.get(folder) ?? list(folder));
    }
    return listings;
  }
}
