import { dirname, sep } from 'node:path';
import type { Page } from '../../../src-shared/contract.ts';
import type { MissingPhoto } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { assertLibrary } from '../library/libraries.ts';
import { PHOTO_SUMMARY_COLUMNS, toPhotoSummary, type PhotoSummaryRow } from '../photos/photo-summary.ts';

/**
 * For each missing (or offline) photo of ONE library, the file that says where it was: its main file,
 * else any file linked to it, else the file whose hash is the photo's own (a scan may have detached
 * it). The library is bound here, inside the only WHERE — never or-ed with anything.
 */
const KNOWN_FILE_CTE = `
  known AS (
    SELECT p.image_hash, coalesce(
      p.main_file,
      (SELECT pf.file_hash FROM photo_files pf WHERE pf.image_hash = p.image_hash LIMIT 1),
      (SELECT f.hash FROM files f WHERE f.hash = p.image_hash)
    ) AS file_hash
    FROM photos p WHERE p.library_id = @libraryId AND p.availability = @kind
  )`;

const FILTERS = `(@rootId IS NULL OR kf.root_id = @rootId) AND (@prefix IS NULL OR substr(kf.path, 1, @prefixLength) = @prefix)`;

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
 * online), by last known path, each with its last known path, root and since when it is missing.
 * Filters: a root, and a folder (recursive) the last known path lies in.
 */
export function listMissing(db: Db, request: MissingListRequest): Page<MissingPhoto> {
  assertLibrary(db, request.libraryId);
  const params = {
    libraryId: request.libraryId,
    kind: request.kind,
    rootId: request.rootId ?? null,
    ...folderPrefix(request.folder),
  };
  // The page is picked first (hash and last known path only), then only its rows are described.
  const rows = db
    .prepare(
      `WITH ${KNOWN_FILE_CTE},
       page AS (
         SELECT k.image_hash, k.file_hash, kf.path FROM known k LEFT JOIN files kf ON kf.hash = k.file_hash
         WHERE ${FILTERS} ORDER BY kf.path, k.image_hash LIMIT @limit OFFSET @offset
       )
       SELECT ${PHOTO_SUMMARY_COLUMNS}, kf.path AS last_known_path, kf.root_id, r.path AS root_path, p.missing_since
       FROM page JOIN photos p ON p.image_hash = page.image_hash
       LEFT JOIN files mf ON mf.hash = p.main_file
       LEFT JOIN files kf ON kf.hash = page.file_hash
       LEFT JOIN roots r ON r.id = kf.root_id
       ORDER BY page.path, page.image_hash`,
    )
    .all({ ...params, limit: request.limit, offset: request.offset }) as MissingRow[];
  const unfiltered = params.rootId === null && params.prefix === null;
  const total = unfiltered
    ? (db.prepare('SELECT COUNT(*) FROM photos WHERE library_id = ? AND availability = ?').pluck().get(request.libraryId, request.kind) as number)
    : (db
        .prepare(`WITH ${KNOWN_FILE_CTE} SELECT COUNT(*) FROM known k LEFT JOIN files kf ON kf.hash = k.file_hash WHERE ${FILTERS}`)
        .pluck()
        .get(params) as number);
  return {
    total,
    offset: request.offset,
    items: rows.map((row) => ({
      ...toPhotoSummary(row),
      lastKnownPath: row.last_known_path,
      rootId: row.root_id,
      rootPath: row.root_path,
      missingSince: row.missing_since,
    })),
  };
}

/** The folders a library's missing photos were last seen in, with how many photos each, by path. */
export function listMissingFolders(db: Db, libraryId: number): { folder: string; count: number }[] {
  assertLibrary(db, libraryId);
  const paths = db
    .prepare(`WITH ${KNOWN_FILE_CTE} SELECT kf.path FROM known k JOIN files kf ON kf.hash = k.file_hash`)
    .pluck()
    .all({ libraryId, kind: 'missing' }) as string[];
  const counts = new Map<string, number>();
  for (const path of paths) {
    const folder = dirname(path);
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  return [...counts].map(([folder, count]) => ({ folder, count })).sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}
