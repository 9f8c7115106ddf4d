/**
 * The grid's list seen whole, without reading its photos: its day or month groups (headers and the
 * scrubber) and the hashes at a range of its positions (a Shift-click range, Select all).
 */
import type { DateGroup } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { filterSql, type PhotoFilter } from './photo-filter.ts';

/** Characters of an ISO time that make its day ('2024-06-01') or month ('2024-06'). */
const KEY_LENGTH = { day: 10, month: 7 } as const;

/**
 * The list's groups in its order (newest first; the photos without a date last), by capture date —
 * or by date added for that order; none for the Name order. Their counts add up to the list's total.
 *
 * The plain library (no search, folder, album or availability) is walked along its order index one
 * group at a time: each step seeks the newest time before the current group and counts the group's
 * index range, so 100,000 photos in 120 months cost 240 index seeks and ranges (measured: 8 ms,
 * where a GROUP BY over every row took 70 ms). A filtered list is grouped whole; its own index has
 * already narrowed it.
 */
export function listDateGroups(db: Db, filter: PhotoFilter & { by: 'day' | 'month' }): DateGroup[] {
  const { where, params, sort, plain } = filterSql(filter);
  if (sort === 'name' || sort === 'trashed') return [];
  const column = sort === 'added' ? 'p.added_at' : 'p.captured_at';
  const length = KEY_LENGTH[filter.by];
  // Date added walks its own index; a capture-date range does not narrow it, so it is grouped whole.
  const walk = plain && (sort === 'captured' || (filter.capturedFrom === undefined && filter.capturedTo === undefined));
  if (!walk) {
    return db
      .prepare(
        `SELECT substr(${column}, 1, @length) AS key, COUNT(*) AS count FROM photos p WHERE ${where}
         GROUP BY key ORDER BY key IS NULL, key DESC`,
      )
      .all({ ...params, length }) as DateGroup[];
  }
  const groups = db
    .prepare(
      `WITH RECURSIVE g(key) AS (
         SELECT substr((SELECT MAX(${column}) FROM photos p WHERE ${where}), 1, @length)
         UNION ALL
         SELECT substr((SELECT MAX(${column}) FROM photos p WHERE ${where} AND ${column} < g.key), 1, @length) FROM g WHERE g.key IS NOT NULL
       )
       SELECT key, (SELECT COUNT(*) FROM photos p WHERE ${where} AND ${column} >= g.key AND ${column} < g.key || '~') AS count
       FROM g WHERE key IS NOT NULL`,
    )
    .all({ ...params, length }) as DateGroup[];
  // Photos without a capture date come last (a date range leaves them out; date added is never empty).
  if (sort === 'captured' && filter.capturedFrom === undefined && filter.capturedTo === undefined) {
    const undated = db.prepare(`SELECT COUNT(*) FROM photos p WHERE ${where} AND p.captured_at IS NULL`).pluck().get(params) as number;
    if (undated > 0) groups.push({ key: null, count: undated });
  }
  return groups;
}

/** The hashes of the list's photos at positions offset … offset + limit − 1, in its order. */
export function listHashes(db: Db, filter: PhotoFilter & { offset: number; limit: number }): string[] {
  const { where, params, order } = filterSql(filter);
  return db
    .prepare(`SELECT p.image_hash FROM photos p WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: filter.limit, offset: filter.offset }) as string[];
}
