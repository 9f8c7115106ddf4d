import type { Db } from '../db/open-database.ts';

/** What a running job is given: the database, where thumbnails live, a cancel signal and a progress sink. */
export interface JobContext {
  readonly db: Db;
  readonly jobId: string;
  readonly libraryId: number;
  /** Folder of the database and the thumbnails. */
  readonly dataDir: string;
  readonly signal: AbortSignal;
  readonly now: () => Date;
  /** Reports progress; the runner throttles what reaches the UI. */
  progress(phase: string, current: number, total: number): void;
}
