import type { Db } from '../db/open-database.ts';
import type { FilePresence, FoundFile } from '../files/file-presence.ts';
import type { CopiesOfGone } from './copies-of-gone.ts';

/** What pages found, ready to be written: gone files by path, the others by hash. */
export interface PageChanges {
  readonly gone: readonly string[];
  /** The gone files' hashes, read only when the library has copies (a copy may take a file's place). */
  readonly goneHashes: readonly string[];
  readonly lockedOut: readonly string[];
  readonly readableAgain: readonly string[];
  readonly back: readonly FoundFile[];
}

/**
 * Changes found by pages and not written yet. Consecutive pages' changes are written together: a
 * write's cost is mostly the pages it dirties (the links and index entries of its photos, by hash,
 * are spread over their whole b-trees), which a larger set shares (measured before migration 016
 * stored photos in folder order: 10,000 files of a moved folder in one transaction of ~180 ms
 * instead of two of ~115). Nothing waits unwritten across a cancel: the job writes what is pending first.
 */
export class PendingFindings {
  readonly #db: Db;
  readonly #presence: FilePresence;
  readonly #copies: CopiesOfGone;
  #pages: PageChanges[] = [];
  /** Changed files pending. */
  files = 0;

  constructor(db: Db, presence: FilePresence, copies: CopiesOfGone) {
    this.#db = db;
    this.#presence = presence;
    this.#copies = copies;
  }

  add(changes: PageChanges): void {
    const files = changes.gone.length + changes.lockedOut.length + changes.readableAgain.length + changes.back.length;
    if (files === 0) return;
    this.#pages.push(changes);
    this.files += files;
  }

  /** Writes every pending change in one transaction, settled. Returns how many files went missing and came back. */
  write(): { newlyMissing: number; restored: number } {
    const pages = this.#pages;
    this.#pages = [];
    this.files = 0;
    if (pages.length === 0) return { newlyMissing: 0, restored: 0 };
    const presence = this.#presence;
    return this.#db.transaction(() => {
      // A known copy of a gone file's content takes its place (its row moves to the copy's path);
      // the files still recorded at the gone paths are missing.
      presence.flagFound(this.#copies.takePlaceOf(pages.flatMap((page) => page.goneHashes)));
      const newlyMissing = presence.flagMissingAt(pages.flatMap((page) => page.gone));
      presence.flagUnreadable(pages.flatMap((page) => page.lockedOut));
      presence.flagReadable(pages.flatMap((page) => page.readableAgain));
      const restored = presence.flagFound(pages.flatMap((page) => page.back));
      presence.settle();
      return { newlyMissing, restored };
    })();
  }
}
