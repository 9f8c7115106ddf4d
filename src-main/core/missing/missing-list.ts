import { dirname, sep } from 'node:path';
import type { Page } from '../../../src-shared/contract.ts';
import type { MissingPhoto } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { assertLibrary } from '../library/libraries.ts';
import { PHOTO_SUMMARY_COLUMNS, toPhotoSummary, type PhotoSummaryRow } from '../photos/photo-summary.ts';

/**
 * The file that says where a photo was: its main file, else any file linked to it, else the file
 * whose hash is the photo's own (a scan may have detached it). `p` is the photo.
 */
export const KNOWN_FILE = `coalesce(
  p.main_file,
  (SELECT pf.file_hash FROM photo_files pf WHERE pf.image_hash = p.image_hash LIMIT 1),
  (SELECT f.hash FROM files f WHERE f.hash = p.image_hash)
)`;

/**
 * The list's order: most recently gone first (what the last Scan for Missing found is what the user
 * came to see), then by hash — unique, so pages never overlap or skip. Index
 * photos_library_availability_since (migrations 004, 009) holds exactly this order, so a page is read off
 * the index without sorting the library. Photos gone in the same scan share a time; the folder
 * filter groups them by where they were.
 */
const ORDER = 'p.missing_since DESC, p.image_hash';

/**
 * One missing (or offline) photo of ONE library per row; the library is bound inside the only WHERE.
 * `<> 'present'` is the partial index's own term (migration 009): with `= @kind` alone SQLite cannot
 * prove the index holds the rows asked for.
 */
export const PHOTOS_OF_KIND = `photos p WHERE p.library_id = @libraryId AND p.availability = @kind AND p.availability <> 'present'`;

const FILTERS = `(@rootId IS NULL OR kf.root_id = @rootId) AND (@prefix IS NULL OR substr(kf.path, 1, @prefixLength) = @prefix)`;

/** The picked page's rows described: summary, last known path, root, since when. In list order (or `order`). */
const describePage = (order = 'page.missing_since DESC, page.image_hash') => `
  SELECT ${PHOTO_SUMMARY_COLUMNS}, kf.path AS last_known_path, kf.root_id, r.path AS root_path, p.missing_since
  FROM page JOIN photos p ON p.image_hash = page.image_hash
  LEFT JOIN files mf ON mf.hash = p.main_file
  LEFT JOIN files kf ON kf.hash = ${KNOWN_FILE}
  LEFT JOIN roots r ON r.id = kf.root_id
  ORDER BY ${order}`;
const DESCRIBE_PAGE = describePage();
const DESCRIBE_GROUP_PAGE = describePage('page.sort_path, page.image_hash');

/**
 * A group's photos (see missing-groups.ts), in path order: the files under its folder are read off
 * the files' (library_id, path) key as a range, and each is kept when it is where its missing photo
 * was last seen. Without subfolders, only the folder's own files. The photos are looked up by key
 * (their hash): `+` keeps SQLite from walking the library's missing photos for every file instead.
 */
const GROUP_PHOTOS = `FROM files kf JOIN photos p ON p.image_hash IN (SELECT pf.image_hash FROM photo_files pf WHERE pf.file_hash = kf.hash UNION ALL SELECT kf.hash)
  WHERE kf.library_id = @libraryId AND kf.path >= @low AND kf.path < @high
    AND (@withSubfolders = 1 OR instr(substr(kf.path, @lowLength + 1), @sep) = 0)
    AND +p.library_id = @libraryId AND +p.availability = @kind AND ${KNOWN_FILE} = kf.hash`;
/** The group of photos no file of which is known (nothing to range over: rare). */
const UNPLACED_PHOTOS = `FROM ${PHOTOS_OF_KIND} AND ${KNOWN_FILE} IS NULL`;

interface MissingRow extends PhotoSummaryRow {
  last_known_path: string | null;
  root_id: number | null;
  root_path: string | null;
  missing_since: string | null;
}

/** The request of 'missing.list'. */
export interface MissingListRequest {
  libraryId: number;
  rootId?: number | undefined;
  folder?: string | undefined;
  kind: 'missing' | 'offline';
  /** One group of 'missing.groups', as it gave it. */
  group?: { folder: string | null; withSubfolders: boolean } | undefined;
  offset: number;
  limit: number;
}

/** Bound parameters for a folder filter: a path prefix ending in a separator (a range, never LIKE). */
function folderPrefix(folder: string | undefined): { prefix: string | null; prefixLength: number } {
  if (folder === undefined) return { prefix: null, prefixLength: 0 };
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  return { prefix, prefixLength: prefix.length };
}

/**
 * A page of a library's missing photos (or, with kind 'offline', of its photos on drives that are not
 * online), most recently gone first, each with its last known path, root and since when it is
 * missing. Filters: a root, and a folder (recursive) the last known path lies in.
 * Unfiltered, the page comes straight off an index and the total from the library's counters, so the
 * first page costs the same at 100 or 100,000 missing photos; a filter walks the library's missing
 * photos in list order, looking up each one's last known file.
 */
export function listMissing(db: Db, request: MissingListRequest): Page<MissingPhoto> {
  assertLibrary(db, request.libraryId);
  if (request.group !== undefined) return listGroup(db, request, request.group);
  const params = {
    libraryId: request.libraryId,
    kind: request.kind,
    rootId: request.rootId ?? null,
    ...folderPrefix(request.folder),
  };
  const unfiltered = params.rootId === null && params.prefix === null;
  // The page is picked first (hashes only), then only its rows are described.
  const page = unfiltered
    ? `SELECT p.image_hash, p.missing_since FROM ${PHOTOS_OF_KIND} ORDER BY ${ORDER} LIMIT @limit OFFSET @offset`
    : `SELECT p.image_hash, p.missing_since FROM ${PHOTOS_OF_KIND}
         AND EXISTS (SELECT 1 FROM files kf WHERE kf.hash = ${KNOWN_FILE} AND ${FILTERS})
       ORDER BY ${ORDER} LIMIT @limit OFFSET @offset`;
  const rows = db
    .prepare(`WITH page AS (${page}) ${DESCRIBE_PAGE}`)
    .all(unfiltered ? { libraryId: params.libraryId, kind: params.kind, limit: request.limit, offset: request.offset } : { ...params, limit: request.limit, offset: request.offset }) as MissingRow[];
  const total = unfiltered
    ? (db.prepare(`SELECT ${request.kind === 'missing' ? 'num_missing' : 'num_offline'} FROM library_counts WHERE library_id = ?`).pluck().get(request.libraryId) as number | undefined) ?? 0
    : (db
        .prepare(`SELECT COUNT(*) FROM ${PHOTOS_OF_KIND} AND EXISTS (SELECT 1 FROM files kf WHERE kf.hash = ${KNOWN_FILE} AND ${FILTERS})`)
        .pluck()
        .get(params) as number);
  return { total, offset: request.offset, items: rows.map(toMissingPhoto) };
}

const toMissingPhoto = (row: MissingRow): MissingPhoto => ({
  ...toPhotoSummary(row),
  lastKnownPath: row.last_known_path,
  rootId: row.root_id,
  rootPath: row.root_path,
  missingSince: row.missing_since,
});

/** A page of one group's photos, in path order (the photos of no known place: by hash). */
function listGroup(db: Db, request: MissingListRequest, group: { folder: string | null; withSubfolders: boolean }): Page<MissingPhoto> {
  const base = { libraryId: request.libraryId, kind: request.kind };
  if (group.folder === null) {
    const rows = db
      .prepare(`WITH page AS (SELECT p.image_hash, '' AS sort_path ${UNPLACED_PHOTOS} ORDER BY p.image_hash LIMIT @limit OFFSET @offset) ${DESCRIBE_GROUP_PAGE}`)
      .all({ ...base, limit: request.limit, offset: request.offset }) as MissingRow[];
    const total = db.prepare(`SELECT count(*) ${UNPLACED_PHOTOS}`).pluck().get(base) as number;
    return { total, offset: request.offset, items: rows.map(toMissingPhoto) };
  }
  const low = group.folder.endsWith(sep) ? group.folder : group.folder + sep;
  // The first path after every path that starts with `low`: its separator one code point up.
  const high = low.slice(0, -1) + String.fromCharCode(sep.charCodeAt(0) + 1);
  const params = { ...base, low, high, lowLength: low.length, sep, withSubfolders: group.withSubfolders ? 1 : 0 };
  const rows = db
    .prepare(`WITH page AS (SELECT p.image_hash, kf.path AS sort_path ${GROUP_PHOTOS} ORDER BY kf.path, p.image_hash LIMIT @limit OFFSET @offset) ${DESCRIBE_GROUP_PAGE}`)
    .all({ ...params, limit: request.limit, offset: request.offset }) as MissingRow[];
  const total = db.prepare(`SELECT count(*) ${GROUP_PHOTOS}`).pluck().get(params) as number;
  return { total, offset: request.offset, items: rows.map(toMissingPhoto) };
}

/** The folders a library's missing photos were last seen in, with how many photos each, by path. */
export function listMissingFolders(db: Db, libraryId: number): { folder: string; count: number }[] {
  assertLibrary(db, libraryId);
  const paths = db
    .prepare(`SELECT kf.path FROM photos p JOIN files kf ON kf.hash = ${KNOWN_FILE} WHERE p.library_id = @libraryId AND p.availability = @kind AND p.availability <> 'present'`)
    .pluck()
    .all({ libraryId, kind: 'missing' }) as string[];
  const counts = new Map<string, number>();
  for (const path of paths) {
    const folder = dirname(path);
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  return [...counts].map(([folder, count]) => ({ folder, count })).sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}
