import type { LocateResult } from '../../../src-shared/domain.ts';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { findSuggestedMatches } from '../matches/find-matches.ts';
import { deleteMissing } from '../missing/delete-missing.ts';
import type { JobSpec } from '../jobs/job-runner.ts';
import { VerifiedFolders } from '../scan/verified-folders.ts';

/**
 * Scan Photos (LibrePhotos job 1). Scan for Missing runs by itself afterwards, as in LibrePhotos: as
 * the second phase of this same job (one queue slot, one history row, one cancel button), and the
 * scan's `missing` count (missing files) is the one that second phase found. scanPhotos records
 * `last_scan_at`. The scan modules load on first use. Suggested matches are looked for at the end:
 * new photos may be edited versions of missing ones.
 */
export function scanPhotosJob(libraryId: number, getWorkers: () => FileWorkers): JobSpec {
  return {
    type: 'scan_photos',
    libraryId,
    dedupeKey: `scan_photos:${libraryId}`,
    run: async (ctx) => {
      // The workers start before the modules load: they take longest to be ready (~25 ms each).
      const workers = getWorkers();
      const [{ scanPhotos }, { scanMissing }] = await Promise.all([import('../scan/scan-photos.ts'), import('../missing/scan-missing.ts')]);
      const verifiedFolders = new VerifiedFolders();
      const scanned = await scanPhotos(ctx, workers, { verifiedFolders });
      ctx.signal.throwIfAborted();
      const missing = await scanMissing(ctx, { verifiedFolders });
      findSuggestedMatches(ctx.db, libraryId, ctx.now());
      return { ...scanned, missing: missing.missing };
    },
  };
}

/** Scan for Missing Photos (LibrePhotos job 14), then a look for suggested matches of what went missing. */
export function scanMissingJob(libraryId: number): JobSpec {
  return {
    type: 'scan_missing',
    libraryId,
    dedupeKey: `scan_missing:${libraryId}`,
    run: async (ctx) => {
      const { scanMissing } = await import('../missing/scan-missing.ts');
      const result = await scanMissing(ctx);
      findSuggestedMatches(ctx.db, libraryId, ctx.now());
      return result;
    },
  };
}

/** Delete Missing Photos (LibrePhotos job 5); the caller has the user's confirmation. */
export function deleteMissingJob(libraryId: number, includeOffline: boolean): JobSpec {
  return {
    type: 'delete_missing',
    libraryId,
    dedupeKey: `delete_missing:${libraryId}:${includeOffline}`,
    run: (ctx) => deleteMissing(ctx, { includeOffline }),
  };
}

/**
 * Locate folder: relinks a moved folder's files (the volumes work). It runs through the queue like
 * every writer, so it never interleaves with a scan; 'roots.locate' waits for it and answers.
 */
export function locateFolderJob(libraryId: number, run: (ctx: JobContext) => Promise<LocateResult>): JobSpec {
  return { type: 'locate_folder', libraryId, run };
}

/**
 * Refresh Thumbnails: remakes thumbnails an older Keepsake wrote (see thumbnails/refresh-thumbnails.ts).
 * Started by the app when it opens a library that has some, and by `keepsake thumbnails`.
 */
export function refreshThumbnailsJob(libraryId: number, getWorkers: () => FileWorkers): JobSpec {
  return {
    type: 'refresh_thumbnails',
    libraryId,
    dedupeKey: `refresh_thumbnails:${libraryId}`,
    run: async (ctx) => {
      const { refreshThumbnails } = await import('../thumbnails/refresh-thumbnails.ts');
      return refreshThumbnails(ctx, getWorkers());
    },
  };
}
