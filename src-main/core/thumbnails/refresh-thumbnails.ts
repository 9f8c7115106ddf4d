/**
 * Refresh Thumbnails: remakes the thumbnails an older Keepsake wrote (see old-thumbnails.ts), in the background, so an existing library gets HEIC, RAW-preview and video
 * thumbnails at HiDPI size without a rescan. Resumable by construction: each answer raises its
 * photo's version, so a cancelled or killed run picks up where it stopped. A photo whose file is
 * not reachable now keeps its old thumbnail (the only face a missing photo has) and waits.
 */
import type { FileType, RefreshThumbnailsResult } from '../../../src-shared/domain.ts';
import type { Description } from '../file-workers/file-worker-messages.ts';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { ScanStore } from '../scan/scan-store.ts';
import { videoToolsOf } from '../video/video-tools-setting.ts';
import { countThumbnailsToRefresh, REDO_WHERE } from './old-thumbnails.ts';
import { thumbnailPath } from './thumbnail-path.ts';

/** Photos asked for per batch: enough to keep every worker busy, few enough that cancel is quick. */
const BATCH = 64;

interface RedoRow {
  image_hash: string;
  file_hash: string;
  path: string;
  type: string;
  online: number;
}

export async function refreshThumbnails(ctx: JobContext, workers: FileWorkers): Promise<RefreshThumbnailsResult> {
  const { db, libraryId, signal } = ctx;
  const store = new ScanStore(db, libraryId);
  const page = db.prepare(`SELECT p.image_hash, f.hash AS file_hash, f.path, f.type,
      (f.missing = 0 AND f.unreadable = 0 AND r.state = 'online') AS online
    FROM photos p JOIN files f ON f.hash = p.main_file LEFT JOIN roots r ON r.id = f.root_id
    WHERE ${REDO_WHERE} AND p.image_hash > ? ORDER BY p.image_hash LIMIT ${BATCH}`);
  const total = countThumbnailsToRefresh(db, libraryId);
  const onAbort = () => workers.abandon();
  signal.addEventListener('abort', onAbort, { once: true });
  const result = { refreshed: 0, failed: 0, waiting: 0 };
  let tools: Awaited<ReturnType<typeof videoToolsOf>> | undefined;
  let after = '';
  let answered = 0;
  const progressed = () => ctx.progress('thumbnails', ++answered, total);
  try {
    ctx.progress('thumbnails', 0, total);
    for (;;) {
      signal.throwIfAborted();
      const rows = page.all(libraryId, after) as RedoRow[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.image_hash;
      if (tools === undefined && rows.some((row) => row.type === 'VIDEO')) tools = await videoToolsOf(db).catch(() => null);
      const answers = await Promise.all(rows.map(async (row): Promise<[RedoRow, Description | null]> => {
        if (row.online !== 1 || (row.type === 'VIDEO' && !tools)) {
          progressed();
          return [row, null];
        }
        try {
          const value = await workers.describe(row.path, thumbnailPath(ctx.dataDir, row.image_hash), row.type as FileType, tools ?? null);
          progressed();
          return [row, value];
        } catch {
          signal.throwIfAborted();
          progressed();
          return [row, null]; // gone or unreadable since it was listed: the next scan sees to it
        }
      }));
      signal.throwIfAborted();
      db.transaction(() => {
        for (const [row, value] of answers) {
          if (value === null) {
            result.waiting++;
            continue;
          }
          store.describe(row.image_hash, value);
          store.setFileError(row.file_hash, value.error);
          if (value.hasThumbnail) result.refreshed++;
          else if (value.error !== null) result.failed++;
          // else: nothing to make (a photo that is only a sidecar): done for this version.
        }
      })();
    }
    return result;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
