/**
 * The lightbox's full-size previews of formats Chromium cannot show, made on demand by the file
 * workers and cached in `<dataDir>/previews` (see previewPath). A cache, not library data: it is
 * written by whichever process shows the photo (a read-only app too), never holds the only copy of
 * anything, and goes with its photo (removePreviewsOf, called wherever thumbnails are removed or held).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileType } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import { lookupFile, type MediaFile } from '../photos/media-source.ts';
import { previewPath } from './thumbnail-path.ts';

/** What a preview request found: the preview, or why there is none. */
export type PreviewLookup =
  | { readonly kind: 'ok'; readonly file: MediaFile }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'missing' }
  /** The database thought the main file present, but it is not on disk: the caller reports it. */
  | { readonly kind: 'gone'; readonly fileHash: string }
  | { readonly kind: 'undecodable'; readonly reason: string };

const PREVIEW_TYPES: ReadonlySet<string> = new Set<FileType>(['IMAGE', 'RAW_FILE']);

/** Previews being made, so that two requests for one photo (a prefetch and a click) make it once. */
const making = new Map<string, Promise<PreviewLookup>>();

async function cached(path: string): Promise<MediaFile | null> {
  try {
    const info = await stat(path);
    return info.isFile() && info.size > 0 ? { path, mime: 'image/jpeg', size: info.size } : null;
  } catch {
    return null;
  }
}

/** A photo's preview: from the cache, else made now from its main file (~0.1–2 s). */
export function previewSource(db: Db, dataDir: string, workers: () => FileWorkers, imageHash: string): Promise<PreviewLookup> {
  const row = db.prepare('SELECT p.main_file, f.type FROM photos p LEFT JOIN files f ON f.hash = p.main_file WHERE p.image_hash = ?').get(imageHash) as
    | { main_file: string | null; type: string | null }
    | undefined;
  if (row === undefined || row.main_file === null || row.type === null || !PREVIEW_TYPES.has(row.type)) return Promise.resolve({ kind: 'unknown' });
  const { main_file: fileHash, type } = row;
  const dest = previewPath(dataDir, imageHash);
  const running = making.get(dest);
  if (running !== undefined) return running;
  const made = (async (): Promise<PreviewLookup> => {
    const found = lookupFile(db, fileHash);
    if (found.kind === 'missing' || found.kind === 'unknown') return { kind: found.kind };
    if (found.kind === 'gone') return { kind: 'gone', fileHash };
    const hit = await cached(dest);
    if (hit !== null) return { kind: 'ok', file: hit };
    try {
      await workers().preview(found.file.path, dest, type as FileType);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'gone', fileHash };
      return { kind: 'undecodable', reason: ((error as Error).message ?? String(error)).split('\n')[0] ?? 'cannot decode' };
    }
    const file = await cached(dest);
    return file === null ? { kind: 'undecodable', reason: 'the preview was not written' } : { kind: 'ok', file };
  })().finally(() => making.delete(dest));
  making.set(dest, made);
  return made;
}

/** Drops a photo's cached preview (its main file changed: the next view makes it afresh). */
export async function dropPreview(dataDir: string, imageHash: string): Promise<void> {
  await rm(previewPath(dataDir, imageHash), { force: true });
}

/**
 * Removes the cached previews of photos that are being removed. Lists the cache rather than trying
 * every photo's path: it holds only photos someone opened in the viewer, so this reads a few
 * hundred names instead of failing 100,000 unlinks after a Delete Missing.
 */
export async function removePreviewsOf(dataDir: string, imageHashes: readonly string[]): Promise<number> {
  if (imageHashes.length === 0) return 0;
  const root = join(dataDir, 'previews');
  const buckets = await readdir(root).catch(() => [] as string[]);
  if (buckets.length === 0) return 0;
  const doomed = new Set(imageHashes);
  let removed = 0;
  for (const bucket of buckets) {
    const names = await readdir(join(root, bucket)).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.jpg') || !doomed.has(name.slice(0, -4))) continue;
      await rm(join(root, bucket, name), { force: true });
      removed++;
    }
  }
  return removed;
}
