import { THUMBNAIL_VERSION } from '../thumbnails/thumbnail-size.ts';

/** What the thumbnail problem is told from: a photo row and its main file's. */
export interface ThumbnailFacts {
  readonly has_thumbnail: number;
  readonly thumbnail_version: number;
  readonly needs_describe: number;
  readonly main_type: string | null;
  /** The main file's decode error (files.error), e.g. "cannot decode: …". */
  readonly main_error: string | null;
}

/**
 * Why a photo has no thumbnail, in words a person (and a script) can act on; null when it has one.
 * The one place this is decided, for the app and `keepsake photos` alike.
 */
export function thumbnailProblem(row: ThumbnailFacts): string | null {
  if (row.has_thumbnail === 1) return null;
  if (row.main_error !== null) return row.main_error;
  if (row.main_type === null) return 'no file of this photo holds a picture';
  if (row.main_type === 'METADATA_FILE') return 'only a sidecar is known: no file of this photo holds a picture';
  if (row.needs_describe === 1) return 'not made yet: the next scan makes it';
  if (row.main_type === 'VIDEO' && row.thumbnail_version < THUMBNAIL_VERSION) return 'no ffmpeg was found to read the video: install it, or set its path in Settings';
  if (row.thumbnail_version < THUMBNAIL_VERSION) return 'made by an older Keepsake: Refresh Thumbnails makes it again';
  return 'no picture could be made of this file';
}
