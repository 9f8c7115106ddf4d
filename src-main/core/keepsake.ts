/**
 * The core's front door: opens a library folder (database + thumbnails) and answers every command
 * of the contract that does not need a window. The Electron adapter, the `keepsake` CLI and the
 * tests all drive this same object; nothing here imports Electron.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandHandlers, EventName, EventPayloads } from '../../src-shared/contract.ts';
import { createCoreHandlers } from './core-handlers.ts';
import { openDatabase } from './db/open-database.ts';
import { createHashPool, type HashPool } from './hashing/hash-pool.ts';
import { CoreEvents } from './jobs/core-events.ts';
import { markInterruptedJobs } from './jobs/job-record.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { handleFileGone } from './photos/file-gone.ts';
import { lookupFile, thumbnailSource } from './photos/media-source.ts';
import type { JobRecord } from '../../src-shared/domain.ts';
import type { Db } from './db/open-database.ts';

/** Commands that need the desktop shell (a dialog, the file manager) and so are not the core's. */
export type ShellCommand = 'dialog.pickFolder' | 'photos.showInFolder';
export type CoreHandlers = Omit<CommandHandlers, ShellCommand>;

export interface KeepsakeOptions {
  /** Folder of the database (`keepsake.db`) and the thumbnails (`thumbnails/`). */
  readonly dataDir: string;
  /** Hashing worker threads (default: one per core). */
  readonly workers?: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

/** Where a media request's bytes live on disk, for the custom scheme. */
export interface MediaSource {
  readonly path: string;
  readonly mime: string;
  readonly size: number;
}

export interface Keepsake {
  readonly dataDir: string;
  readonly db: Db;
  /** One handler per core command, taking an already validated request. */
  readonly handlers: CoreHandlers;
  /** Subscribes to core events (job progress, job finished, library changed); returns an unsubscribe. */
  on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void;
  /** Resolves when a job ends (succeeded, failed, cancelled), with its record. */
  waitForJob(jobId: string): Promise<JobRecord>;
  /** The thumbnail of a photo, or null when the photo or thumbnail is unknown. */
  thumbnailSource(imageHash: string): MediaSource | null;
  /** A file the database knows, or null for an unknown hash. Never takes a path. */
  fileSource(fileHash: string): MediaSource | null;
  /** A file was found gone while serving or thumbnailing it: flag it missing at once. */
  reportFileGone(fileHash: string): void;
  /** Waits for the running write to finish, cancels queued jobs, stops workers, closes the database. */
  close(): Promise<void>;
}

/**
 * Opens Keepsake on a data folder: creates it if needed, opens (and migrates) `keepsake.db`, marks
 * jobs a crash left running or queued as interrupted, and wires handlers, events and the job runner.
 * The hashing workers start on the first scan only.
 */
export function openKeepsake(options: KeepsakeOptions): Keepsake {
  const dataDir = options.dataDir;
  const now = options.now ?? (() => new Date());
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'keepsake.db'));
  markInterruptedJobs(db, now());

  const events = new CoreEvents();
  const runner = new JobRunner({ db, dataDir, events, now });
  // Created at the first scan's first line, from a module loaded with the core: a worker takes longer
  // to start than anything else the scan does before its first hash, so nothing goes before it.
  let pool: HashPool | null = null;
  const getPool = (): HashPool => (pool ??= createHashPool(options.workers === undefined ? {} : { size: options.workers }));
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => events.emit(event, payload);
  const handlers = createCoreHandlers({ db, dataDir, now, runner, getPool, emit });

  // Reports of gone files run in the background; close() waits for them before closing the database.
  const pendingReports = new Set<Promise<void>>();
  const reportFileGone = (fileHash: string): void => {
    if (closing !== null) return;
    const report = handleFileGone(db, fileHash, now())
      .then((change) => {
        if (change !== null) emit('library.changed', change);
      })
      .catch((error: unknown) => console.error(`keepsake: could not flag file ${fileHash} missing:`, error))
      .finally(() => pendingReports.delete(report));
    pendingReports.add(report);
  };

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await runner.close();
      await Promise.all(pendingReports);
      if (pool !== null) await pool.close();
      db.close();
    })();
    return closing;
  };

  return {
    dataDir,
    db,
    handlers,
    on: (event, callback) => events.on(event, callback),
    waitForJob: (jobId) => runner.waitFor(jobId),
    thumbnailSource: (imageHash) => thumbnailSource(db, dataDir, imageHash),
    fileSource: (fileHash) => {
      const found = lookupFile(db, fileHash);
      if (found.kind === 'ok') return found.file;
      // In the database as present but not on disk: LibrePhotos' "photo access" trigger.
      if (found.kind === 'gone') reportFileGone(fileHash);
      return null;
    },
    reportFileGone,
    close,
  };
}
