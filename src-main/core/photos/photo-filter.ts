/**
 * What the Library grid shows, as SQL over `photos p`: one library's photos (or its trash), maybe
 * only one availability, matching a search, taken within a date range, in a folder or an album, in
 * one of the grid's orders. Every command that reads the grid's list — its pages, its date groups,
 * the hashes of a Shift-click range — builds it here, so they all mean the same photos in the same order.
 *
 * Each filter is served by its own index (migration 015), never by reading the main file row of
 * every photo: a folder is a range of `photos_library_folder`, an album the album's own rows, a date
 * range a range of the grid's order index, and a search one pass over the photos table in storage
 * order (its folders, file name and caption are on the photo's row, as `search_text`).
 */
import { sep } from 'node:path';
import type { PhotoAvailability, PhotoSort } from '../../../src-shared/domain.ts';

/** A grid's list: the library, the view and the filters (see request-schemas.ts `photoFilter`). */
export interface PhotoFilter {
  readonly libraryId: number;
  readonly view: 'all' | 'trash';
  readonly availability?: PhotoAvailability | undefined;
  readonly search?: string | undefined;
  readonly capturedFrom?: string | undefined;
  readonly capturedTo?: string | undefined;
  readonly folder?: string | undefined;
  readonly albumId?: number | undefined;
  readonly sort?: PhotoSort | undefined;
}

/** The WHERE clause (over `photos p`), its parameters and the ORDER BY of a grid's list. */
export interface FilterSql {
  readonly where: string;
  readonly params: Record<string, string | number>;
  readonly order: string;
  /** The sort this list is in (the trash has its own: most recently trashed first). */
  readonly sort: PhotoSort | 'trashed';
  /** Whether only the library, the view and maybe a date range narrow it (the date groups then come from the order index alone). */
  readonly plain: boolean;
  /** Whether it is read in passes over the whole photos table (a search with nothing narrower). */
  readonly scan: boolean;
}

/** Search words at most (a longer query is cut: each word is one more look through each photo's text). */
const MAX_WORDS = 8;

/** The grid's orders. SQLite sorts NULL lowest: DESC puts photos without a capture time last. */
export const ORDERS: Readonly<Record<PhotoSort | 'trashed', string>> = {
  captured: 'p.captured_at DESC, p.added_at DESC, p.image_hash DESC',
  added: 'p.added_at DESC, p.image_hash DESC',
  name: 'p.main_name COLLATE NOCASE, p.image_hash',
  trashed: 'p.trashed_at DESC, p.image_hash',
};

/** The search's words (blank-separated, at most MAX_WORDS). */
export const searchWords = (search: string | undefined): string[] => (search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);

/**
 * The index range of a folder and everything under it in `main_dir` (folders are stored with their
 * trailing separator): [folder + sep, folder + the character after sep).
 */
export function folderRange(folder: string, separator: string = sep): { low: string; high: string } {
  const low = folder.endsWith('/') || folder.endsWith('\\') ? folder : folder + separator;
  const last = low.charCodeAt(low.length - 1);
  return { low, high: low.slice(0, -1) + String.fromCharCode(last + 1) };
}

/** The SQL of a grid's list. */
export function filterSql(filter: PhotoFilter): FilterSql {
  const sort: PhotoSort | 'trashed' = filter.view === 'trash' ? 'trashed' : (filter.sort ?? 'captured');
  const words = searchWords(filter.search);
  const params: Record<string, string | number> = { libraryId: filter.libraryId, trash: filter.view === 'trash' ? 1 : 0 };
  // A search with nothing narrower reads the table in storage order: the unary + keeps SQLite off
  // the (library, trash) indexes, which would cost one random row lookup per photo.
  const scan = words.length > 0 && filter.folder === undefined && filter.albumId === undefined;
  const terms = [scan ? '+p.library_id = @libraryId AND +p.in_trashcan = @trash' : 'p.library_id = @libraryId AND p.in_trashcan = @trash'];
  if (filter.availability !== undefined) {
    terms.push('p.availability = @availability');
    params['availability'] = filter.availability;
  }
  if (filter.capturedFrom !== undefined) {
    terms.push('p.captured_at >= @capturedFrom');
    params['capturedFrom'] = filter.capturedFrom;
  }
  if (filter.capturedTo !== undefined) {
    // The whole last day: every time on it sorts below the day followed by '~'.
    terms.push('p.captured_at < @capturedBefore');
    params['capturedBefore'] = `${filter.capturedTo}~`;
  }
  if (filter.folder !== undefined) {
    const { low, high } = folderRange(filter.folder);
    terms.push('p.main_dir >= @folderLow AND p.main_dir < @folderHigh');
    params['folderLow'] = low;
    params['folderHigh'] = high;
  }
  if (filter.albumId !== undefined) {
    terms.push('p.image_hash IN (SELECT ap.image_hash FROM album_photos ap WHERE ap.album_id = @albumId)');
    params['albumId'] = filter.albumId;
  }
  // Each word anywhere in the photo's search text (its path from its root's folder down, and its
  // caption, lower case; migration 015). SQLite's lower() on both sides: the same letters fold.
  words.forEach((word, i) => {
    terms.push(`instr(p.search_text, lower(@word${i})) > 0`);
    params[`word${i}`] = word;
  });
  const plain = filter.availability === undefined && words.length === 0 && filter.folder === undefined && filter.albumId === undefined;
  return { where: terms.join(' AND '), params, order: ORDERS[sort], sort, plain, scan };
}
