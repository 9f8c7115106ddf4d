/**
 * The record of each undoable deletion: a `deletions` row (written in the delete's own transaction,
 * so it exists exactly when the delete happened) and, in `<dataDir>/deleted/<job id>/`, the list of
 * the photos it removed and their thumbnails, held for 30 days.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DeletionRecord } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';

/** How long a deletion can be undone. */
export const UNDO_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The folder of what deletions left behind to be undone. */
export const DELETED_DIR = 'deleted';

export const deletionDir = (dataDir: string, jobId: string): string => join(dataDir, DELETED_DIR, jobId);
export const heldThumbnailsDir = (dataDir: string, jobId: string): string => join(deletionDir(dataDir, jobId), 'thumbnails');
const listFile = (dataDir: string, jobId: string): string => join(deletionDir(dataDir, jobId), 'photos.json');

/**
 * Writes (and fsyncs) the list of the photos a deletion is about to remove, before it removes them:
 * if the delete then fails, the list names photos that still exist, which an undo simply skips.
 */
export function writeDeletedList(dataDir: string, jobId: string, imageHashes: readonly string[]): void {
  mkdirSync(heldThumbnailsDir(dataDir, jobId), { recursive: true });
  const fd = openSync(listFile(dataDir, jobId), 'w');
  try {
    writeSync(fd, JSON.stringify(imageHashes));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function readDeletedList(dataDir: string, jobId: string): string[] {
  try {
    return JSON.parse(readFileSync(listFile(dataDir, jobId), 'utf8')) as string[];
  } catch {
    return [];
  }
}

export interface DeletionRow {
  job_id: string;
  kind: 'delete_missing' | 'delete_forever';
  library_id: number;
  deleted_at: string;
  backup_name: string;
  photos: number;
  faces: number;
  album_links: number;
  thumbnails_held: number;
  undone_at: string | null;
}

/** Records a deletion; call it inside the delete's transaction. */
export function recordDeletion(db: Db, row: Omit<DeletionRow, 'thumbnails_held' | 'undone_at'>): void {
  db.prepare(
    `INSERT INTO deletions (job_id, kind, library_id, deleted_at, backup_name, photos, faces, album_links)
     VALUES (@job_id, @kind, @library_id, @deleted_at, @backup_name, @photos, @faces, @album_links)`,
  ).run(row);
}

export const undoableUntil = (deletedAt: string): string => new Date(Date.parse(deletedAt) + UNDO_DAYS * DAY_MS).toISOString();

const toRecord = (row: DeletionRow): DeletionRecord => ({
  jobId: row.job_id,
  kind: row.kind,
  libraryId: row.library_id,
  deletedAt: row.deleted_at,
  undoableUntil: undoableUntil(row.deleted_at),
  photos: row.photos,
  faces: row.faces,
  albumLinks: row.album_links,
  undoneAt: row.undone_at,
});

/** Deletions that can still be undone (not undone, not older than 30 days), newest first. */
export function listUndoable(db: Db, now: Date, libraryId?: number): DeletionRecord[] {
  const since = new Date(now.getTime() - UNDO_DAYS * DAY_MS).toISOString();
  const rows = db
    .prepare(
      `SELECT * FROM deletions WHERE undone_at IS NULL AND deleted_at > @since AND (@libraryId IS NULL OR library_id = @libraryId)
       ORDER BY deleted_at DESC, rowid DESC`,
    )
    .all({ since, libraryId: libraryId ?? null }) as DeletionRow[];
  return rows.map(toRecord);
}

export function getDeletion(db: Db, jobId: string): DeletionRow | undefined {
  return db.prepare('SELECT * FROM deletions WHERE job_id = ?').get(jobId) as DeletionRow | undefined;
}

/** The backups that undoable deletions rely on: kept past the usual last-10 rule. */
export function backupsInUse(db: Db, now: Date): string[] {
  const since = new Date(now.getTime() - UNDO_DAYS * DAY_MS).toISOString();
  return db.prepare('SELECT backup_name FROM deletions WHERE undone_at IS NULL AND deleted_at > ?').pluck().all(since) as string[];
}
