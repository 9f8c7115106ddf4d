import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { thumbnailPath } from '../../../src-main/core/thumbnails/thumbnail-path.ts';

/** What a scanned data folder holds: whether every file became its own photo with a thumbnail. */
export interface ThumbnailCensus {
  readonly photos: number;
  readonly withThumbnail: number;
  /** Thumbnail files present on disk, and their bytes. */
  readonly thumbnailFiles: number;
  readonly thumbnailBytes: number;
  /** With a capture date read from the file. */
  readonly dated: number;
  /** Distinct stored thumbnail sizes, e.g. ["533x400"]. */
  readonly sizes: readonly string[];
  /** Files the scan could not make a picture of, with why. */
  readonly errors: readonly string[];
}

/**
 * Counts photos, thumbnails (rows and files) and capture dates in a data folder, read-only (a
 * fresh `keepsake` process or child has closed it, or an open core shares it under WAL).
 */
export function thumbnailCensus(dataDir: string): ThumbnailCensus {
  const db = new Database(join(dataDir, 'keepsake.db'), { fileMustExist: true, readonly: true });
  try {
    const rows = db
      .prepare('SELECT image_hash AS hash, has_thumbnail AS has, thumbnail_width AS w, thumbnail_height AS h, captured_at AS captured FROM photos')
      .all() as { hash: string; has: number; w: number | null; h: number | null; captured: string | null }[];
    let thumbnailFiles = 0;
    let thumbnailBytes = 0;
    const sizes = new Set<string>();
    for (const row of rows) {
      if (row.has === 1) sizes.add(`${row.w}x${row.h}`);
      const file = thumbnailPath(dataDir, row.hash);
      if (!existsSync(file)) continue;
      thumbnailFiles += 1;
      thumbnailBytes += statSync(file).size;
    }
    const errors = (db.prepare('SELECT path, error FROM files WHERE error IS NOT NULL LIMIT 5').all() as { path: string; error: string }[]).map(
      (row) => `${row.path}: ${row.error}`,
    );
    return {
      photos: rows.length,
      withThumbnail: rows.filter((row) => row.has === 1).length,
      thumbnailFiles,
      thumbnailBytes,
      dated: rows.filter((row) => row.captured !== null).length,
      sizes: [...sizes].sort(),
      errors,
    };
  } finally {
    db.close();
  }
}

/** Why a census falls short of `files` distinct photos with thumbnails (and dates, when `dates`); empty when it does not. */
export function censusProblems(census: ThumbnailCensus, files: number, dates: boolean): string[] {
  const problems: string[] = [];
  if (census.photos !== files) problems.push(`${census.photos} photos from ${files} files`);
  if (census.withThumbnail !== files || census.thumbnailFiles !== files) problems.push(`${census.withThumbnail} with a thumbnail, ${census.thumbnailFiles} thumbnail files, of ${files}`);
  if (dates && census.dated !== files) problems.push(`${census.dated} of ${files} with a capture date`);
  if (census.errors.length > 0) problems.push(`could not decode: ${census.errors.join('; ')}`);
  return problems;
}
