import { statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Db } from '../db/open-database.ts';
import { preparedOnce } from '../db/prepared.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';

/** Where a media request's bytes live on disk (same shape as the facade's MediaSource). */
export interface MediaFile {
  readonly path: string;
  readonly mime: string;
  readonly size: number;
  /** For a user's file: who it was when last scanned, and its root, to tell it from what took its place. */
  readonly identity?: FileIdentity;
}

/** A tracked file's device and inode as last seen, and the folder of its root. */
export interface FileIdentity {
  readonly dev: number | null;
  readonly ino: number | null;
  readonly rootPath: string | null;
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', jfif: 'image/jpeg', png: 'image/png', gif: 'image/gif',
  bmp: 'image/bmp', webp: 'image/webp', avif: 'image/avif', heic: 'image/heic', heif: 'image/heif', hif: 'image/heif',
  tif: 'image/tiff', tiff: 'image/tiff', jxl: 'image/jxl', svg: 'image/svg+xml', ico: 'image/x-icon', psd: 'image/vnd.adobe.photoshop',
  jp2: 'image/jp2', j2k: 'image/jp2',
  mp4: 'video/mp4', m4v: 'video/x-m4v', mov: 'video/quicktime', qt: 'video/quicktime', webm: 'video/webm',
  mkv: 'video/x-matroska', avi: 'video/x-msvideo', wmv: 'video/x-ms-wmv', asf: 'video/x-ms-asf', mts: 'video/mp2t',
  m2ts: 'video/mp2t', ts: 'video/mp2t', '3gp': 'video/3gpp', '3g2': 'video/3gpp2', mpg: 'video/mpeg', mpeg: 'video/mpeg',
  ogv: 'video/ogg', flv: 'video/x-flv', dv: 'video/x-dv',
  xmp: 'application/rdf+xml', aae: 'application/xml',
  cr2: 'image/x-canon-cr2', cr3: 'image/x-canon-cr3', crw: 'image/x-canon-crw', nef: 'image/x-nikon-nef', arw: 'image/x-sony-arw',
  dng: 'image/x-adobe-dng', raf: 'image/x-fuji-raf', rw2: 'image/x-panasonic-rw2', orf: 'image/x-olympus-orf', pef: 'image/x-pentax-pef',
};

/** The MIME type of a file, from its extension (octet-stream when unknown). */
export function mimeOf(path: string): string {
  return MIME_BY_EXTENSION[extname(path).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

/** The size of a regular file, or null when it is not there (or not a regular file). */
function sizeOf(path: string): number | null {
  try {
    const info = statSync(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** A photo's thumbnail on disk, or null when the photo or its thumbnail is unknown. */
export function thumbnailSource(db: Db, dataDir: string, imageHash: string): MediaFile | null {
  // Prepared once: a grid asks for dozens of thumbnails at once.
  if (preparedOnce(db, 'SELECT 1 FROM photos WHERE image_hash = ?').get(imageHash) === undefined) return null;
  const path = thumbnailPath(dataDir, imageHash);
  const size = sizeOf(path);
  return size === null ? null : { path, mime: 'image/webp', size };
}

/** What fileSource found: the file, or why there is none. */
export type FileLookup = { kind: 'ok'; file: MediaFile } | { kind: 'unknown' } | { kind: 'missing' } | { kind: 'gone' };

/**
 * A file the database knows, by hash only (no path from outside ever reaches the disk). 'gone' means
 * the database thought it present but it is not on disk: the caller reports it.
 */
export function lookupFile(db: Db, fileHash: string): FileLookup {
  const row = db.prepare('SELECT f.path, f.missing, f.dev, f.ino, r.path AS root FROM files f LEFT JOIN roots r ON r.id = f.root_id WHERE f.hash = ?').get(fileHash) as
    | { path: string; missing: number; dev: number | null; ino: number | null; root: string | null }
    | undefined;
  if (row === undefined) return { kind: 'unknown' };
  if (row.missing === 1) return { kind: 'missing' };
  const size = sizeOf(row.path);
  if (size === null) return { kind: 'gone' };
  return { kind: 'ok', file: { path: row.path, mime: mimeOf(row.path), size, identity: { dev: row.dev, ino: row.ino, rootPath: row.root } } };
}
