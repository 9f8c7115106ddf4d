import type { Album, Face, FileType, PhotoAvailability, PhotoDetail, PhotoFile, PhotoSummary } from '../../../src-shared/domain.ts';
import type { Page } from '../../../src-shared/contract.ts';
import type { Db } from '../db/open-database.ts';
import { notFound } from '../errors.ts';
import { listAlbumsOfPhoto } from '../albums/albums.ts';
import { listFaces } from '../faces/faces.ts';
import { PHOTO_SUMMARY_COLUMNS, toPhotoSummary, type PhotoSummaryRow } from './photo-summary.ts';

/**
 * A page of a library's photos: the library view (not in the trash), newest capture first and photos
 * without a capture time last, then newest added; or the trash view, most recently trashed first.
 */
export function listPhotos(
  db: Db,
  request: { libraryId: number; view: 'all' | 'trash'; availability?: PhotoAvailability | undefined; offset: number; limit: number },
): Page<PhotoSummary> {
  const trash = request.view === 'trash' ? 1 : 0;
  const availability = request.availability ?? null;
  const only = availability === null ? '' : ' AND p.availability = @availability';
  // SQLite sorts NULL lowest, so DESC puts photos without a capture time last. The library order is
  // exactly the photos_library_order index read backwards (image_hash is its last, implicit column).
  const order = trash === 1 ? 'p.trashed_at DESC, p.image_hash' : 'p.captured_at DESC, p.added_at DESC, p.image_hash DESC';
  // The page is picked from the index alone; only its rows are then joined and described.
  const rows = db
    .prepare(
      `SELECT ${PHOTO_SUMMARY_COLUMNS} FROM (
         SELECT p.image_hash FROM photos p WHERE p.library_id = @libraryId AND p.in_trashcan = @trash${only}
         ORDER BY ${order} LIMIT @limit OFFSET @offset
       ) page JOIN photos p ON p.image_hash = page.image_hash LEFT JOIN files mf ON mf.hash = p.main_file
       ORDER BY ${order}`,
    )
    .all({ libraryId: request.libraryId, trash, limit: request.limit, offset: request.offset, ...(availability === null ? {} : { availability }) }) as PhotoSummaryRow[];
  const total = db
    .prepare(`SELECT COUNT(*) FROM photos p WHERE p.library_id = @libraryId AND p.in_trashcan = @trash${only}`)
    .pluck()
    .get({ libraryId: request.libraryId, trash, ...(availability === null ? {} : { availability }) }) as number;
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
