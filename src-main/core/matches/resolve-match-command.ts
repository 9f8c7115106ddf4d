import { rm } from 'node:fs/promises';
import type { Db } from '../db/open-database.ts';
import { previewPath, thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import { resolveMatch } from './resolve-match.ts';

/**
 * 'matches.resolve': accepts or rejects a suggestion; on accept the merged missing photo's thumbnail
 * is removed from disk after the commit. Returns the library for the caller's 'library.changed'.
 */
export async function resolveMatchCommand(db: Db, dataDir: string, request: { matchId: number; accept: boolean }, now: Date): Promise<{ resolved: true; libraryId: number }> {
  const result = resolveMatch(db, request.matchId, request.accept, now);
  if (result.removedImageHash !== null) {
    await Promise.all([rm(thumbnailPath(dataDir, result.removedImageHash), { force: true }), rm(previewPath(dataDir, result.removedImageHash), { force: true })]);
  }
  return { resolved: true, libraryId: result.libraryId };
}
