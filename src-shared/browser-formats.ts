import type { FileType } from './domain.ts';

/**
 * Picture formats Chromium (and so Electron) shows itself. Everything else that Keepsake calls a
 * picture — TIFF, HEIC/HEIF, JPEG XL, PSD, every RAW — is shown through a preview the core makes
 * (`/media/preview/<id>`). Chromium dropped JPEG XL in 2022 and never had HEIC or TIFF.
 */
const SHOWN_BY_CHROMIUM: ReadonlySet<string> = new Set(['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'apng', 'gif', 'webp', 'avif', 'bmp', 'ico', 'svg']);

/** Whether the viewer shows this file through a preview rather than the file itself. */
export function needsPreview(path: string | null, type: FileType | null): boolean {
  if (path === null) return false;
  if (type === 'RAW_FILE') return true;
  if (type !== 'IMAGE') return false;
  const dot = path.lastIndexOf('.');
  return !SHOWN_BY_CHROMIUM.has(dot < 0 ? '' : path.slice(dot + 1).toLowerCase());
}
