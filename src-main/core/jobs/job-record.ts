import type { JobRecord, JobStatus, JobType } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';

/** A `jobs` row as stored. */
export interface JobRow {
  id: string;
  type: string;
  type_code: number;
  library_id: number;
  status: string;
  phase: string;
  current: number;
  total: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  result: string | null;
}

/** Turns a stored row into the contract's JobRecord. */
export function toJobRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    type: row.type as JobType,
    typeCode: row.type_code,
    libraryId: row.library_id,
    status: row.status as JobStatus,
    phase: row.phase,
    current: row.current,
    total: row.total,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    result: row.result === null ? null : (JSON.parse(row.result) as JobRecord['result']),
  };
}

/** One job's record, or null for an unknown id. */
export function getJob(db: Db, jobId: string): JobRecord | null {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as JobRow | undefined;
  return row === undefined ? null : toJobRecord(row);
}

/** The job history, newest first, of one library or of all. */
export function listJobs(db: Db, options: { libraryId?: number | undefined; limit: number }): JobRecord[] {
  const rows = (
    options.libraryId === undefined
      ? db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(options.limit)
      : db.prepare('SELECT * FROM jobs WHERE library_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(options.libraryId, options.limit)
  ) as JobRow[];
  return rows.map(toJobRecord);
}

/**
 * Marks jobs a crash or kill left 'running' or 'queued' as 'interrupted' (run at open, before any
 * job starts). They stay in the history; the user can simply start the same job again.
 */
export function markInterruptedJobs(db: Db, now: Date): number {
  return db
    .prepare(
      `UPDATE jobs SET status = 'interrupted', finished_at = ?,
         error = coalesce(error, 'interrupted: Keepsake stopped before this job finished')
       WHERE status IN ('running', 'queued')`,
    )
    .run(now.toISOString()).changes;
}
