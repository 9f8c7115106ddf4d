import { FILE_TYPES, type FileType, type LibraryStats, type Stats, type StatsReport } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { assertLibrary } from '../library/libraries.ts';

interface CountsRow {
  library_id: number;
  library_name: string;
  num_photos: number;
  num_missing: number;
  num_offline: number;
  num_trashed: number;
  last_scan_at: string | null;
}

interface FileCountsRow {
  library_id: number;
  type: string;
  num_files: number;
  bytes: number;
}

const zeroByType = (): Record<FileType, number> => Object.fromEntries(FILE_TYPES.map((type) => [type, 0])) as Record<FileType, number>;

/**
 * Statistics per library and across all libraries (LibrePhotos' admin view), read from the counters
 * that triggers keep (library_counts, library_file_counts): constant time, never a COUNT over photos
 * or files. `libraries` holds the asked library only when one is given; `all` always totals every
 * library.
 */
export function getStats(db: Db, libraryId?: number): StatsReport {
  if (libraryId !== undefined) assertLibrary(db, libraryId);
  const counts = db
    .prepare(
      `SELECT c.library_id, l.name AS library_name, c.num_photos, c.num_missing, c.num_offline, c.num_trashed, c.last_scan_at
       FROM library_counts c JOIN libraries l ON l.id = c.library_id ORDER BY l.name COLLATE NOCASE, l.id`,
    )
    .all() as CountsRow[];
  const fileCounts = db.prepare('SELECT library_id, type, num_files, bytes FROM library_file_counts').all() as FileCountsRow[];

  const all = { num_photos: 0, num_missing_photos: 0, num_offline_photos: 0, num_trashed_photos: 0, files_by_type: zeroByType(), bytes_by_type: zeroByType(), total_bytes: 0, last_scan_at: null as string | null };
  const libraries: LibraryStats[] = [];
  for (const row of counts) {
    const files_by_type = zeroByType();
    const bytes_by_type = zeroByType();
    let total_bytes = 0;
    for (const file of fileCounts) {
      if (file.library_id !== row.library_id || !(file.type in files_by_type)) continue;
      const type = file.type as FileType;
      files_by_type[type] += file.num_files;
      bytes_by_type[type] += file.bytes;
      total_bytes += file.bytes;
      all.files_by_type[type] += file.num_files;
      all.bytes_by_type[type] += file.bytes;
    }
    all.num_photos += row.num_photos;
    all.num_missing_photos += row.num_missing;
    all.num_offline_photos += row.num_offline;
    all.num_trashed_photos += row.num_trashed;
    all.total_bytes += total_bytes;
    if (row.last_scan_at !== null && (all.last_scan_at === null || row.last_scan_at > all.last_scan_at)) all.last_scan_at = row.last_scan_at;
    if (libraryId === undefined || row.library_id === libraryId) {
      libraries.push({
        library_id: row.library_id,
        library_name: row.library_name,
        num_photos: row.num_photos,
        num_missing_photos: row.num_missing,
        num_offline_photos: row.num_offline,
        num_trashed_photos: row.num_trashed,
        files_by_type,
        bytes_by_type,
        total_bytes,
        last_scan_at: row.last_scan_at,
      });
    }
  }
  const total: Stats = all;
  return { libraries, all: total };
}
