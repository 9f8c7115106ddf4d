/**
 * A search's first page and date groups in one pass over the photos table. A search is read by
 * scanning the table (photo-filter.ts); the page and the groups would be two scans, and a search
 * is asked for at each key typed. Most searches match few photos: one pass takes them all (at most
 * FEW), and their order, groups and first page are made from those rows. A search that matches
 * more (the first letters typed) stops that pass at FEW + 1 rows — a small part of the table, since
 * they match everywhere — and is answered the usual way, by the indexes' two passes.
 */
import type { DateGroup, PhotoSummary } from '../../../src-shared/domain.ts';
import type { Page } from '../../../src-shared/contract.ts';
import type { Db } from '../db/open-database.ts';
import { filterSql, type PhotoFilter } from './photo-filter.ts';
import { listDateGroups } from './photo-groups.ts';
import { listPhotos } from './photo-queries.ts';
import { PHOTO_SUMMARY_COLUMNS, toPhotoSummary, type PhotoSummaryRow } from './photo-summary.ts';

/** A search matching at most this many photos is answered from one pass. */
const FEW = 40_000;

type Row = [imageHash: string, capturedAt: string | null, addedAt: string];

/** SQLite's order of the two date sorts (NULL lowest: last in a descending order), as in ORDERS. */
const byCaptured = (a: Row, b: Row): number =>
  a[1] === b[1] ? byAdded(a, b) : a[1] === null ? 1 : b[1] === null ? -1 : a[1] < b[1] ? 1 : -1;
const byAdded = (a: Row, b: Row): number => (a[2] === b[2] ? (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0) : a[2] < b[2] ? 1 : -1);

/**
 * The first page (and groups) of a search in the capture or added order from one pass, or null when
 * this list is not such a search or matches more than FEW photos (then: listPhotos and listDateGroups).
 */
export function searchFirstPage(
  db: Db,
  request: PhotoFilter & { offset: number; limit: number; by: 'day' | 'month' },
): (Page<PhotoSummary> & { groups: DateGroup[] }) | null {
  const { where, params, sort, scan } = filterSql(request);
  if (!scan || (sort !== 'captured' && sort !== 'added')) return null;
  const rows = db
    .prepare(`SELECT p.image_hash, p.captured_at, p.added_at FROM photos p WHERE ${where} LIMIT ${FEW + 1}`)
    .raw()
    .all(params) as Row[];
  if (rows.length > FEW) return null;
  rows.sort(sort === 'captured' ? byCaptured : byAdded);
  const length = request.by === 'day' ? 10 : 7;
  const groups: DateGroup[] = [];
  for (const row of rows) {
    const date = sort === 'captured' ? row[1] : row[2];
    const key = date === null ? null : date.slice(0, length);
    const last = groups.at(-1);
    if (last !== undefined && last.key === key) groups[groups.length - 1] = { key, count: last.count + 1 };
    else groups.push({ key, count: 1 });
  }
  const page = rows.slice(request.offset, request.offset + request.limit).map((row) => row[0]);
  const found = db
    .prepare(
      `SELECT ${PHOTO_SUMMARY_COLUMNS} FROM photos p LEFT JOIN files mf ON mf.hash = p.main_file
       WHERE p.image_hash IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(page)) as PhotoSummaryRow[];
  const byHash = new Map(found.map((row) => [row.image_hash, row]));
  const items = page.flatMap((hash) => {
    const row = byHash.get(hash);
    return row === undefined ? [] : [toPhotoSummary(row)];
  });
  return { total: rows.length, offset: request.offset, items, groups };
}

/**
 * The grid's first page with its date groups, both from one moment, in one answer (photos.list
 * with `groups`): a search that matches few photos from one pass; otherwise the groups add up to the
 * total, which is then not counted again.
 */
export function firstPageWithGroups(db: Db, request: PhotoFilter & { offset: number; limit: number; by: 'day' | 'month' }): Page<PhotoSummary> & { groups: DateGroup[] } {
  const searched = searchFirstPage(db, request);
  if (searched !== null) return searched;
  const groups = listDateGroups(db, request);
  const dated = request.view !== 'trash' && request.sort !== 'name';
  const total = dated ? groups.reduce((sum, group) => sum + group.count, 0) : undefined;
  return { ...listPhotos(db, request, total), groups };
}
