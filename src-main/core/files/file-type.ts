import { basename, extname } from 'node:path';
import type { FileType } from '../../../src-shared/domain.ts';

/** Extensions (lower case, no dot) of still images sharp or a viewer can show. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  'jpg', 'jpeg', 'jpe', 'jfif', 'png', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'heic', 'heif', 'hif', 'avif',
  'jxl', 'psd', 'svg', 'ico', 'jp2', 'j2k',
]);

/** Extensions of videos (LibrePhotos classifies by mime type; these are the video/* ones). */
export const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
  'mp4', 'm4v', 'mov', 'qt', 'avi', 'mkv', 'webm', 'wmv', 'asf', 'mts', 'm2ts', 'ts', 'dv', '3gp', '3g2',
  'mpg', 'mpeg', 'mpe', 'flv', 'ogv', 'vob', 'insv',
]);

/** Camera RAW extensions (LibrePhotos' RAW list plus a few more makes). */
export const RAW_EXTENSIONS: ReadonlySet<string> = new Set([
  '3fr', 'ari', 'arw', 'bay', 'braw', 'cr2', 'cr3', 'crw', 'cs1', 'cxr', 'dcr', 'dng', 'eip', 'erf', 'fff',
  'gpr', 'iiq', 'j6i', 'k25', 'kc2', 'kdc', 'mdc', 'mef', 'mfw', 'mos', 'mrw', 'nef', 'nrw', 'orf', 'ori',
  'pef', 'ptx', 'raf', 'raw', 'rw2', 'rwl', 'rwz', 'sr2', 'srf', 'srw', 'x3f',
]);

/** Sidecars that describe a photo without holding its pixels. */
export const METADATA_EXTENSIONS: ReadonlySet<string> = new Set(['xmp', 'aae']);

/** File names a scan never tracks, whatever their extension. */
const IGNORED_NAMES: ReadonlySet<string> = new Set(['thumbs.db', 'desktop.ini', 'icon\r']);

/** The lower-case extension of a path without its dot ('' when it has none). */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase();
}

/** Classifies a file by its extension, case-insensitively. */
export function classifyFile(path: string): FileType {
  const ext = extensionOf(path);
  if (IMAGE_EXTENSIONS.has(ext)) return 'IMAGE';
  if (RAW_EXTENSIONS.has(ext)) return 'RAW_FILE';
  if (VIDEO_EXTENSIONS.has(ext)) return 'VIDEO';
  if (METADATA_EXTENSIONS.has(ext)) return 'METADATA_FILE';
  return 'UNKNOWN';
}

/**
 * Whether a scan tracks this file: not hidden (dot files, which include our `.keepsake-root` marker
 * and macOS `._` resource forks), not a system file, and of a known type — a PDF or a ZIP in a photo
 * folder is not a photo, so it is neither hashed nor counted.
 */
export function isScannable(path: string): boolean {
  const name = basename(path);
  if (name.startsWith('.') || name.endsWith('~')) return false;
  if (IGNORED_NAMES.has(name.toLowerCase())) return false;
  return classifyFile(name) !== 'UNKNOWN';
}

/** Whether a folder is walked by a scan: hidden folders (`.git`, `.thumbnails`, `.Trash-1000`) are not. */
export function isScannableFolder(name: string): boolean {
  return !name.startsWith('.') && name !== '@eaDir' && name !== '$RECYCLE.BIN' && name !== 'System Volume Information';
}
