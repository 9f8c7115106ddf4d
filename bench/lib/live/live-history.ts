import type { LiveChangesResult } from '../../../src-shared/domain.ts';
import type { Db } from '../../../src-main/core/db/open-database.ts';

/** One "changes noticed" line of the job history: a reconciliation that changed something. */
export interface LiveChangesRow {
  readonly started_at: string;
  readonly finished_at: string;
  readonly result: LiveChangesResult;
}

/** The library's live_changes rows started at or after `sinceIso`, oldest first. */
export function liveChangesSince(db: Db, libraryId: number, sinceIso: string): LiveChangesRow[] {
  const rows = db
    .prepare("SELECT started_at, finished_at, result FROM jobs WHERE type = 'live_changes' AND library_id = ? AND started_at >= ? ORDER BY started_at")
    .all(libraryId, sinceIso) as { started_at: string; finished_at: string; result: string }[];
  return rows.map((row) => ({ ...row, result: JSON.parse(row.result) as LiveChangesResult }));
}

/**
 * Where a wait went, from the history: each reconciliation's start after `zeroEpochMs` (the last
 * rename, the copy's start) and how long it took. Reconciliations that changed nothing leave no row.
 */
export function reconciliationNotes(rows: readonly LiveChangesRow[], zeroEpochMs: number): string[] {
  if (rows.length === 0) return ['no "changes noticed" line in the history'];
  const parts = rows.map((row, i) => {
    const start = (Date.parse(row.started_at) - zeroEpochMs) / 1000;
    const took = (Date.parse(row.finished_at) - Date.parse(row.started_at)) / 1000;
    const what = Object.entries(row.result)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ');
    return `#${i + 1} at +${start.toFixed(2)} s took ${took.toFixed(2)} s (${what})`;
  });
  return [`reconciliations (from the history): ${parts.join('; ')}`];
}
