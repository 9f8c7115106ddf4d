/**
 * The photos whose sidecar is still to be written: an edit (rating, caption, album, face) of a
 * photo in a library that keeps sidecars marks it, in the edit's own transaction, and the mark stays
 * until the sidecar is written — through a restart, an unplugged drive or a read-only folder.
 */
import type { Db } from '../db/open-database.ts';
import { preparedOnce } from '../db/prepared.ts';

/** One photo waiting for its sidecar. */
export interface PendingRow {
  readonly imageHash: string;
  readonly changedAt: string;
  /** Why the last try did not write it (null: not tried since its last edit). */
  readonly reason: string | null;
}

/** Marks photos as edited now (only those of libraries that keep sidecars; unknown hashes are ignored). */
export function markSidecarsPending(db: Db, imageHashes: readonly string[], now: Date): void {
  if (imageHashes.length === 0) return;
  preparedOnce(db, `INSERT INTO sidecar_pending (image_hash, library_id, changed_at)
      SELECT p.image_hash, p.library_id, @at FROM photos p JOIN libraries l ON l.id = p.library_id
      WHERE l.write_sidecars = 1 AND p.image_hash IN (SELECT value FROM json_each(@hashes))
    ON CONFLICT (image_hash) DO UPDATE SET changed_at = excluded.changed_at, tried_at = NULL, reason = NULL`)
    .run({ at: now.toISOString(), hashes: JSON.stringify(imageHashes) });
}

/** The photos of a library waiting for their sidecar: all, or only those not tried since their last edit. */
export function listPending(db: Db, libraryId: number, options: { untriedOnly: boolean; limit?: number }): PendingRow[] {
  const where = options.untriedOnly ? 'AND tried_at IS NULL' : '';
  return db
    .prepare(`SELECT image_hash AS imageHash, changed_at AS changedAt, reason FROM sidecar_pending WHERE library_id = ? ${where} ORDER BY changed_at LIMIT ?`)
    .all(libraryId, options.limit ?? 1_000_000) as PendingRow[];
}

/** Whether a library has photos not tried since their last edit. */
export function hasUntried(db: Db, libraryId: number): boolean {
  return preparedOnce(db, 'SELECT EXISTS (SELECT 1 FROM sidecar_pending WHERE library_id = ? AND tried_at IS NULL)').pluck().get(libraryId) === 1;
}

/** The libraries with photos waiting for their sidecar. */
export function librariesWithPending(db: Db): number[] {
  return preparedOnce(db, 'SELECT DISTINCT library_id FROM sidecar_pending').pluck().all() as number[];
}

/** The photo's sidecar was written: it waits no more — unless it was edited again meanwhile. */
export function settlePending(db: Db, imageHash: string, changedAt: string): void {
  preparedOnce(db, 'DELETE FROM sidecar_pending WHERE image_hash = ? AND changed_at = ?').run(imageHash, changedAt);
}

/** The sidecar could not be written now: the photo keeps waiting, with why. */
export function deferPending(db: Db, imageHash: string, reason: string, now: Date): void {
  preparedOnce(db, 'UPDATE sidecar_pending SET tried_at = ?, reason = ? WHERE image_hash = ?').run(now.toISOString(), reason, imageHash);
}

/**
 * The sidecar could not be written now and was not marked (Write Sidecars over every photo): it is
 * marked, as last changed `changedAt`, so that it is written when it can be.
 */
export function keepWaiting(db: Db, imageHash: string, libraryId: number, changedAt: string, reason: string, now: Date): void {
  preparedOnce(db, `INSERT INTO sidecar_pending (image_hash, library_id, changed_at, tried_at, reason) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (image_hash) DO UPDATE SET tried_at = excluded.tried_at, reason = excluded.reason`)
    .run(imageHash, libraryId, changedAt, now.toISOString(), reason);
}
