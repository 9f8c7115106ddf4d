import type { Stats } from 'node:fs';
import type { Db } from '../db/open-database.ts';
import type { FoundFile } from '../files/file-presence.ts';
import type { StatOutcome } from './stat-for-missing.ts';

/** A stat as the presence flags take it. */
export const statOf = (info: Stats): NonNullable<FoundFile['stat']> => ({ size: info.size, mtimeMs: info.mtimeMs, dev: info.dev, ino: info.ino });

/**
 * Known copies of gone files (file_copies, recorded by Scan Photos): where a copy still holds the
 * content, the file moves there and the copy record goes. Most libraries have no copies: then
 * nothing is read.
 */
export class CopiesOfGone {
  readonly #db: Db;
  readonly #libraryId: number;
  readonly #stat: (path: string) => StatOutcome;
  /** The library has copies at all (checked once: Scan for Missing adds none). */
  readonly any: boolean;

  constructor(db: Db, libraryId: number, stat: (path: string) => StatOutcome) {
    this.#db = db;
    this.#libraryId = libraryId;
    this.#stat = stat;
    this.any = db.prepare('SELECT EXISTS (SELECT 1 FROM file_copies WHERE library_id = ?)').pluck().get(libraryId) === 1;
  }

  /** The gone files a copy replaces, each pointed at its copy (the copy records are deleted). */
  takePlaceOf(hashes: readonly string[]): FoundFile[] {
    if (!this.any || hashes.length === 0) return [];
    const copies = this.#db
      .prepare('SELECT hash, path, size FROM file_copies WHERE library_id = ? AND hash IN (SELECT value FROM json_each(?)) ORDER BY hash, path')
      .all(this.#libraryId, JSON.stringify(hashes)) as { hash: string; path: string; size: number }[];
    const moved: FoundFile[] = [];
    const deleteCopy = this.#db.prepare('DELETE FROM file_copies WHERE library_id = ? AND path = ?');
    for (const copy of copies) {
      if (moved.at(-1)?.hash === copy.hash) continue;
      const info = this.#stat(copy.path);
      if (info === 'gone' || info === 'unreadable' || info.size !== copy.size) continue;
      deleteCopy.run(this.#libraryId, copy.path);
      moved.push({ hash: copy.hash, path: copy.path, stat: statOf(info) });
    }
    return moved;
  }
}
