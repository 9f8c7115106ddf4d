/**
 * A search's pages, date groups and hashes from the rows kept in memory (search-rows.ts), in one
 * pass over them: a search is asked for at each key typed, and read from SQL it reads the whole
 * photos table. Only a search with nothing narrower (no folder, no album: those read their own
 * index) in a date order; the Name order and everything else go to photo-queries.ts / photo-groups.ts.
 */
import type { DateGroup, PhotoSummary } from '../../../src-shared/domain.ts';
import type { Page } from '../../../src-shared/contract.ts';
import type { Db } from '../db/open-database.ts';
import { asciiLower } from './browse-columns.ts';
import { filterSql, searchWords, type PhotoFilter } from './photo-filter.ts';
import { listDateGroups } from './photo-groups.ts';
import { listPhotos } from './photo-queries.ts';
import { PHOTO_SUMMARY_COLUMNS, toPhotoSummary, type PhotoSummaryRow } from './photo-summary.ts';
import { searchRows } from './search-rows.ts';

/** The matching photos' positions in the kept rows, and the rows. */
function matching(db: Db, filter: PhotoFilter): { positions: number[]; sort: 'captured' | 'added'; rows: ReturnType<typeof searchRows> } | null {
  const { sort, scan } = filterSql(filter);
  if (!scan || (sort !== 'captured' && sort !== 'added')) return null;
  const rows = searchRows(db, filter.libraryId, filter.view === 'trash', sort);
  // As photo-filter.ts: SQLite's lower() folds ASCII letters only, on both sides.
  const words = searchWords(filter.search).map(asciiLower);
  const from = filter.capturedFrom;
  const before = filter.capturedTo === undefined ? undefined : `${filter.capturedTo}~`;
  const positions: number[] = [];
  const { texts, captured, availability } = rows;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    if (!words.every((word) => text.includes(word))) continue;
    if (filter.availability !== undefined && availability[i] !== filter.availability) continue;
    if (from !== undefined || before !== undefined) {
      const at = captured[i];
      if (at === null || at === undefined || (from !== undefined && at < from) || (before !== undefined && at >= before)) continue;
    }
    positions.push(i);
  }
  return { positions, sort, rows };
}

/** The hashes at positions offset … offset + limit − 1 of what matched. */
const hashesAt = (found: { positions: number[]; rows: { hashes: readonly string[] } }, offset: number, limit: number): string[] =>
  found.positions.slice(offset, offset + limit).map((i) => found.rows.hashes[i]!);

/** The summaries of these photos, in this order. */
function summaries(db: Db, hashes: readonly string[]): PhotoSummary[] {
  if (hashes.length === 0) return [];
  const found = db
    .prepare(
      `SELECT ${PHOTO_SUMMARY_COLUMNS} FROM photos p LEFT JOIN files mf ON mf.hash = p.main_file
       WHERE p.image_hash IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(hashes)) as PhotoSummaryRow[];
  const byHash = new Map(found.map((row) => [row.image_hash, row]));
  return hashes.flatMap((hash) => {
    const row = byHash.get(hash);
    return row === undefined ? [] : [toPhotoSummary(row)];
  });
}

/**
 * A page (and the date groups) of a search in the capture or added order, or null when this list
 * is not such a search (then: listPhotos and listDateGroups).
 */
export function searchFirstPage(
  db: Db,
  request: PhotoFilter & { offset: number; limit: number; by: 'day' | 'month' },
): (Page<PhotoSummary> & { groups: DateGroup[] }) | null {
  const found = matching(db, request);
  if (found === null) return null;
  const { positions, sort, rows } = found;
  const dates = sort === 'captured' ? rows.captured : rows.added;
  const length = request.by === 'day' ? 10 : 7;
  const groups: DateGroup[] = [];
  for (const i of positions) {
    const date = dates[i];
    const key = date === null || date === undefined ? null : date.slice(0, length);
    const last = groups.at(-1);
    if (last !== undefined && last.key === key) groups[groups.length - 1] = { key, count: last.count + 1 };
    else groups.push({ key, count: 1 });
  }
  return { total: positions.length, offset: request.offset, items: summaries(db, hashesAt(found, request.offset, request.limit)), groups };
}

/** A page of a search (no groups), or null when it is not such a search. */
export function searchPage(db: Db, request: PhotoFilter & { offset: number; limit: number }): Page<PhotoSummary> | null {
  const found = matching(db, request);
  if (found === null) return null;
  return { total: found.positions.length, offset: request.offset, items: summaries(db, hashesAt(found, request.offset, request.limit)) };
}

/** The hashes at positions offset … offset + limit − 1 of a search, or null when it is not such a search. */
export function searchHashes(db: Db, request: PhotoFilter & { offset: number; limit: number }): string[] | null {
  const found = matching(db, request);
  if (found === null) return null;
  return hashesAt(found, request.offset, request.limit);
}

/**
 * The grid's first page with its date groups, both from one moment, in one answer (photos.list
 * with `groups`): a search from the kept rows; otherwise the groups add up to the total, which is
 * then not counted again.
 */
export function firstPageWithGroups(db: Db, request: PhotoFilter & { offset: number; limit: number; by: 'day' | 'month' }): Page<PhotoSummary> & { groups: DateGroup[] } {
  const searched = searchFirstPage(db, request);
  if (searched !== null) return searched;
  const groups = listDateGroups(db, request);
  const dated = request.view !== 'trash' && request.sort !== 'name';
  const total = dated ? groups.reduce((sum, group) => sum + group.count, 0) : undefined;
  return { ...listPhotos(db, request, total), groups };
}
