/**
 * The viewer's Info panel (`photos.info`): what the database knows of a photo — path, size,
 * dimensions, capture date, a video's length, the colour label a sidecar gave it — and what the main file's EXIF says about the camera,
 * read now in a file worker (never on the main thread). A file that is missing, offline or
 * unreadable is not touched; one that does not answer in time, or has no EXIF, still gets what the
 * database knows, with the reason in `unread`.
 */
import type { CameraInfo, FileType, PhotoInfo } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { notFound } from '../errors.ts';
import type { FileWorkers } from '../file-workers/file-workers.ts';

/** How long the Info panel waits for the file (a sleeping network drive): then it shows what the database knows. */
export const INFO_READ_TIMEOUT_MS = 10_000;

interface InfoRow {
  path: string | null;
  type: string | null;
  size: number | null;
  missing: number | null;
  unreadable: number | null;
  availability: string;
  width: number | null;
  height: number | null;
  captured_at: string | null;
  duration_s: number | null;
  color_label: string;
}

const EXIF_TYPES: ReadonlySet<string> = new Set<FileType>(['IMAGE', 'RAW_FILE']);

/** The answer of `read`, or `null` after `ms` (the timer never holds the process). */
async function within<T>(ms: number, read: Promise<T>): Promise<{ value: T } | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    timer.unref();
  });
  try {
    return await Promise.race([read.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why a file read failed, in words for the panel. */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'the file is not where it was';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if ((error as Error | null)?.name === 'NotRegularFileError') return 'not a regular file';
  return `could not be read: ${((error as Error | null)?.message ?? String(error)).split('\n')[0]}`;
}

/** A photo's Info panel; not_found for an unknown hash. */
export async function getPhotoInfo(db: Db, workers: () => FileWorkers, imageHash: string, options: { timeoutMs?: number } = {}): Promise<PhotoInfo> {
  const row = db
    .prepare(
      `SELECT mf.path, mf.type, mf.size, mf.missing, mf.unreadable, p.availability, p.width, p.height, p.captured_at, p.duration_s, p.color_label
       FROM photos p LEFT JOIN files mf ON mf.hash = p.main_file WHERE p.image_hash = ?`,
    )
    .get(imageHash) as InfoRow | undefined;
  if (row === undefined) throw notFound(`No photo ${imageHash}`);
  const known = {
    imageHash,
    path: row.path,
    type: row.type as FileType | null,
    fileSize: row.size,
    width: row.width,
    height: row.height,
    capturedAt: row.captured_at,
    durationS: row.duration_s,
    colorLabel: row.color_label === '' ? null : row.color_label,
  };
  const unread = (reason: string | null, camera: CameraInfo | null = null): PhotoInfo => ({ ...known, camera, unread: reason });
  if (row.path === null || row.type === null) return unread('the photo has no main file');
  if (row.type === 'VIDEO') return unread(null);
  if (!EXIF_TYPES.has(row.type)) return unread('not a picture Keepsake reads camera information from');
  if (row.missing === 1 || row.availability === 'missing') return unread('the file is missing');
  if (row.availability === 'offline') return unread('its drive is not connected');
  if (row.unreadable === 1) return unread('permission denied');
  try {
    const answer = await within(options.timeoutMs ?? INFO_READ_TIMEOUT_MS, workers().cameraInfo(row.path));
    if (answer === null) return unread('the file did not answer in time');
    return unread(null, answer.value);
  } catch (error) {
    return unread(readFailure(error));
  }
}
