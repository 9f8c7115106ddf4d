import type { Album, Face, FileType, PhotoDetail, PhotoFile, PhotoSummary } from '../../../src-shared/domain.ts';
import type { Page } from '../../../src-shared/contract.ts';
import type { Db } from '../db/open-database.ts';
import { notFound } from '../errors.ts';
import { listAlbumsOfPhoto } from '../albums/albums.ts';
import { listFaces } from '../faces/faces.ts';
import { filterSql, type PhotoFilter } from './photo-filter.ts';
import { PHOTO_SUMMARY_COLUMNS, toPhotoSummary, type PhotoSummaryRow } from './photo-summary.ts';

/**
 * A page of a library's photos as the grid shows them (see photo-filter.ts): the library view (not
 * in the trash), newest capture first and photos without a capture time last, then newest added —
 * or newest added first, or by file name; maybe narrowed by a search, a date range, a folder or an
 * album. Or the trash view, most recently trashed first.
 */
export function listPhotos(db: Db, request: PhotoFilter & { offset: number; limit: number }, knownTotal?: number): Page<PhotoSummary> {
  const { where, params, order } = filterSql(request);
  // The page is picked from the indexes alone (a search: one pass over the table, keeping only the
  // page's rows in its sort); only its rows are then joined and described. In the plain library
  // order that is exactly the photos_library_order index read backwards.
  const rows = db
    .prepare(
      `SELECT ${PHOTO_SUMMARY_COLUMNS} FROM (
         SELECT p.image_hash FROM photos p WHERE ${where}
         ORDER BY ${order} LIMIT @limit OFFSET @offset
       ) page JOIN photos p ON p.image_hash = page.image_hash LEFT JOIN files mf ON mf.hash = p.main_file
       ORDER BY ${order}`,
    )
    .all({ ...params, limit: request.limit, offset: request.offset }) as PhotoSummaryRow[];
  // The caller may know the total already (the sum of the date groups it read in the same moment).
  const total = knownTotal ?? (db.prepare(`SELECT COUNT(*) FROM photos p WHERE ${where}`).pluck().get(params) as number);
  return { total, offset: request.offset, items: rows.map(toPhotoSummary) };
}

/** One photo as lists show it; not_found for an unknown hash. */
export function getPhotoSummary(db: Db, imageHash: string): PhotoSummary {
  const row = db
    .prepare(`SELECT ${PHOTO_SUMMARY_COLUMNS} FROM photos p LEFT JOIN files mf ON mf.hash = p.main_file WHERE p.image_hash = ?`)
    .get(imageHash) as PhotoSummaryRow | undefined;
  if (row === undefined) throw notFound(`No photo ${imageHash}`);
  return toPhotoSummary(row);
}

interface FileRow {
  hash: string;
  path: string;
  type: string;
  missing: number;
  unreadable: number;
  size: number;
  mtime_ms: number;
  missing_since: string | null;
  error: string | null;
}

/**
 * A photo's files: those linked to it, plus its main file even when a scan detached it (a missing
 * main file is what tells the user where the photo was).
 */
export function listPhotoFiles(db: Db, imageHash: string, mainFile: string | null): PhotoFile[] {
  const rows = db
    .prepare(
      `SELECT f.hash, f.path, f.type, f.missing, f.unreadable, f.size, f.mtime_ms, f.missing_since, f.error FROM files f
       WHERE f.hash IN (SELECT file_hash FROM photo_files WHERE image_hash = @imageHash UNION SELECT @mainFile)
       ORDER BY f.hash = @mainFile DESC, f.path`,
    )
    .all({ imageHash, mainFile }) as FileRow[];
  return rows.map((row) => ({
    hash: row.hash,
    path: row.path,
    type: row.type as FileType,
    missing: row.missing === 1,
    unreadable: row.unreadable === 1,
    size: row.size,
    mtimeMs: row.mtime_ms,
    missingSince: row.missing_since,
    error: row.error,
    isMain: row.hash === mainFile,
  }));
}

/** Everything about one photo (files, faces, albums), for the lightbox. */
export function getPhotoDetail(db: Db, imageHash: string): PhotoDetail {
  const summary = getPhotoSummary(db, imageHash);
  const files: PhotoFile[] = listPhotoFiles(db, imageHash, summary.mainFileHash);
  const faces: Face[] = listFaces(db, imageHash);
  const albums: Album[] = listAlbumsOfPhoto(db, imageHash);
  return { ...summary, files, faces, albums };
}
