/**
 * What a search reads, kept in memory between keystrokes. A search matches words anywhere in each
 * photo's text (photo-filter.ts), so SQL answers it by reading the whole photos table: 40–150 ms at
 * 100,000 photos, at every key typed. The same rows — hash, dates, availability and search text, in
 * the grid's order — are read once into arrays and searched there (a few ms), as long as nothing in
 * the database has changed since: this connection's `total_changes()` (its own writes, triggers
 * included) and `PRAGMA data_version` (another connection's or process's commits) both still read
 * as when the rows were taken. Any write at all drops them; the next search reads them again.
 *
 * One list is kept (the last library, view and date order searched): about 200 bytes a photo.
 */
import type { PhotoAvailability } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { ORDERS } from './photo-filter.ts';

/** A library's photos of one view in one date order, column by column. */
export interface SearchRows {
  readonly hashes: readonly string[];
  readonly captured: readonly (string | null)[];
  readonly added: readonly string[];
  readonly availability: readonly PhotoAvailability[];
  /** `search_text` (migration 015): folders from the root down, file name, caption; ASCII lower case. */
  readonly texts: readonly string[];
}

interface Kept {
  readonly db: Db;
  readonly key: string;
  readonly changes: number;
  readonly dataVersion: number;
  readonly rows: SearchRows;
}

let kept: Kept | null = null;

const stamp = (db: Db): { changes: number; dataVersion: number } => ({
  changes: db.prepare('SELECT total_changes()').pluck().get() as number,
  dataVersion: db.pragma('data_version', { simple: true }) as number,
});

/** The rows of a library's photos (`trash`: its trash) in the capture or added order, from memory when nothing changed. */
export function searchRows(db: Db, libraryId: number, trash: boolean, sort: 'captured' | 'added'): SearchRows {
  const key = `${libraryId}|${trash ? 1 : 0}|${sort}`;
  const now = stamp(db);
  if (kept !== null && kept.db === db && kept.key === key && kept.changes === now.changes && kept.dataVersion === now.dataVersion) return kept.rows;
  kept = null; // the old arrays can go before the new ones are read
  const rows = db
    .prepare(
      `SELECT p.image_hash, p.captured_at, p.added_at, p.availability, p.search_text FROM photos p
       WHERE p.library_id = ? AND p.in_trashcan = ? ORDER BY ${ORDERS[sort]}`,
    )
    .raw()
    .all(libraryId, trash ? 1 : 0) as [string, string | null, string, PhotoAvailability, string | null][];
  const hashes = new Array<string>(rows.length);
  const captured = new Array<string | null>(rows.length);
  const added = new Array<string>(rows.length);
  const availability = new Array<PhotoAvailability>(rows.length);
  const texts = new Array<string>(rows.length);
  rows.forEach((row, i) => {
    hashes[i] = row[0];
    captured[i] = row[1];
    added[i] = row[2];
    availability[i] = row[3];
    texts[i] = row[4] ?? '';
  });
  const found: SearchRows = { hashes, captured, added, availability, texts };
  // Stamped before the read: a commit by another process during it makes the next search read again.
  kept = { db, key, ...now, rows: found };
  return found;
}

/** Forgets the kept rows (a closed database's, or in tests). */
export function forgetSearchRows(): void {
  kept = null;
}
