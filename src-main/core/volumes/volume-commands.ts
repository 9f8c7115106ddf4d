/**
 * The volumes work as the core handlers call it: one function per contract command, each taking
 * what the facade owns (db, data folder, clock). Kept here so that core-handlers.ts stays a table.
 */
import { rm } from 'node:fs/promises';
import type { LocateResult } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { resolveMatch } from '../matches/resolve-match.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import { locateFolder } from './locate-folder.ts';

/** 'roots.locate': relinks the files recorded under `from` to `to` (see locateFolder). */
export function locateCommand(db: Db, request: { libraryId: number; from: string; to: string }, now: Date): Promise<LocateResult> {
  return locateFolder(db, request.libraryId, request.from, request.to, { now });
}

/**
 * 'matches.resolve': accepts or rejects a suggestion; on accept the merged missing photo's thumbnail
 * is removed from disk after the commit. Returns the library for the caller's 'library.changed'.
 */
export async function resolveMatchCommand(db: Db, dataDir: string, request: { matchId: number; accept: boolean }, now: Date): Promise<{ resolved: true; libraryId: number }> {
  const result = resolveMatch(db, request.matchId, request.accept, now);
  if (result.removedImageHash !== null) await rm(thumbnailPath(dataDir, result.removedImageHash), { force: true });
  return { resolved: true, libraryId: result.libraryId };
}
