import type { FileType, PhotoAvailability, PhotoSummary } from '../../../src-shared/domain.ts';
import { thumbnailProblem } from './thumbnail-problem.ts';

/**
 * The columns every photo list selects (photos `p`, its main file `mf`), so that one mapper turns any
 * of them into a PhotoSummary. driveName is the root that makes an offline photo offline.
 */
export const PHOTO_SUMMARY_COLUMNS = `
  p.image_hash, p.library_id, p.main_file, mf.path AS main_path, mf.type AS main_type, p.availability,
  p.in_trashcan, p.rating, p.caption, p.captured_at, p.added_at, p.has_thumbnail,
  p.thumbnail_width, p.thumbnail_height, p.thumbnail_version, p.duration_s, p.needs_describe, mf.error AS main_error,
  CASE WHEN p.availability = 'offline' THEN (
    SELECT coalesce(r.volume_label, r.path) FROM photo_files pf
    JOIN files f ON f.hash = pf.file_hash JOIN roots r ON r.id = f.root_id
    WHERE pf.image_hash = p.image_hash AND r.state <> 'online'
    ORDER BY f.hash = p.main_file DESC LIMIT 1
  ) END AS drive_name`;

/** A row selected with PHOTO_SUMMARY_COLUMNS. */
export interface PhotoSummaryRow {
  image_hash: string;
  library_id: number;
  main_file: string | null;
  main_path: string | null;
  main_type: string | null;
  availability: string;
  in_trashcan: number;
  rating: number;
  caption: string;
  captured_at: string | null;
  added_at: string;
  has_thumbnail: number;
  thumbnail_width: number | null;
  thumbnail_height: number | null;
  thumbnail_version: number;
  duration_s: number | null;
  needs_describe: number;
  main_error: string | null;
  drive_name: string | null;
}

/** LibrePhotos-style labels for a photo's availability. */
export function availabilityLabels(availability: PhotoAvailability): string[] {
  if (availability === 'missing') return ['Missing'];
  if (availability === 'offline') return ['Offline'];
  return [];
}

/** Turns a PHOTO_SUMMARY_COLUMNS row into the contract's PhotoSummary. */
export function toPhotoSummary(row: PhotoSummaryRow): PhotoSummary {
  const availability = row.availability as PhotoAvailability;
  return {
    imageHash: row.image_hash,
    libraryId: row.library_id,
    mainFileHash: row.main_file,
    mainPath: row.main_path,
    mainType: row.main_type as FileType | null,
    availability,
    labels: availabilityLabels(availability),
    inTrash: row.in_trashcan === 1,
    rating: row.rating,
    caption: row.caption,
    capturedAt: row.captured_at,
    addedAt: row.added_at,
    hasThumbnail: row.has_thumbnail === 1,
    thumbnailWidth: row.has_thumbnail === 1 ? row.thumbnail_width : null,
    thumbnailHeight: row.has_thumbnail === 1 ? row.thumbnail_height : null,
    thumbnailProblem: thumbnailProblem(row),
    durationS: row.duration_s,
    driveName: availability === 'offline' ? row.drive_name : null,
  };
}
