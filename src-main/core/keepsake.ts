/**
 * The core's front door: opens a library folder (database + thumbnails) and answers every command
 * of the contract that does not need a window. The Electron adapter, the `keepsake` CLI and the
 * tests all drive this same object; nothing here imports Electron.
 *
 * One process writes a data folder at a time (data-folder/writer-lock.ts). The facade opens it
 * either as that writer, or read-only — and, for the app, read-only until the writer lock frees,
 * then as the writer (see `access`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { EventName, EventPayloads } from '../../src-shared/contract.ts';
import type { JobRecord, LibraryAccess } from '../../src-shared/domain.ts';
import { COMMAND_ACCESS, type CoreCommand, type CoreHandlers } from './core-commands.ts';
import { createCoreHandlers } from './core-handlers.ts';
import { dbPathOf } from './data-folder/data-folder-files.ts';
import { describeHolder, LibraryInUseError, readLockHolder, tryTakeWriterLock, type LockHolder, type WriterLock } from './data-folder/writer-lock.ts';
import { DamagedDatabaseError, openDatabase, openReadOnlyDatabase, type Db } from './db/open-database.ts';
import { conflict } from './errors.ts';
import { createFileWorkers, type FileWorkers } from './file-workers/file-workers.ts';
import { CoreEvents } from './jobs/core-events.ts';
import { silentLog, type Logger } from './log/log-file.ts';
import { markInterruptedJobs } from './jobs/job-record.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { expireDeletions } from './undo/expire-deletions.ts';
import { finishHeldThumbnails } from './undo/hold-thumbnails.ts';
import { handleFileGone } from './missing/file-gone.ts';
import { lookupFile, thumbnailSource, type FileIdentity } from './photos/media-source.ts';
import { startSidecarQueue } from './sidecars/sidecar-queue.ts';
import { previewSource, type PreviewLookup } from './thumbnails/preview-cache.ts';
import { librariesWithOldThumbnails } from './thumbnails/old-thumbnails.ts';
import { videoToolsOf } from './video/video-tools-setting.ts';
import { LiveLibrary, type LiveLibraryOptions } from './live/live-library.ts';
import type { ScanChange } from './scan/scan-work.ts';
import { refreshThumbnailsJob } from './job-specs/job-specs.ts';

export type { CoreHandlers, ShellCommand } from './core-commands.ts';

/**
 * How a process opens a data folder:
 * - 'write': as its one writer. Takes the writer lock (or uses `lock`, taken already); throws
 *   LibraryInUseError at once when another process holds it.
 * - 'read': read-only, never writing anything, whoever holds the lock (the CLI's read commands).
 * - 'write-when-free' (the app): as the writer if the lock is free; otherwise read-only, saying
 *   who holds it, and as the writer as soon as that process lets go.
 */
export type AccessMode = 'write' | 'read' | 'write-when-free';

export interface KeepsakeOptions {
  /** Folder of the database (`keepsake.db`) and the thumbnails (`thumbnails/`). */
  readonly dataDir: string;
  /** Hashing worker threads (default: one per core). */
  readonly workers?: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** Default 'write'. */
  readonly access?: AccessMode;
  /** Who this process is, for other processes' refusal messages (default: a `keepsake` command). */
  readonly holder?: Omit<LockHolder, 'pid' | 'since'>;
  /** A writer lock the caller took already (the CLI's --wait), released by close(). */
  readonly lock?: WriterLock;
  /** How often a read-only app tries to take over the lock (default 1 s). */
  readonly takeOverEveryMs?: number;
  /** Where jobs and failures are logged (default: nowhere). */
  readonly log?: Logger;
  /** quick_check the database at every open as the writer (the app's launch), not only after a crash. */
  readonly checkAtOpen?: 'always' | 'after-unclean-close';
  /** Makes the file workers (default: a pool of `workers` threads, logging to `log`); a seam like `now`. */
  readonly fileWorkers?: () => FileWorkers;
  /**
   * As the writer, queue Refresh Thumbnails for each library with thumbnails an older Keepsake wrote
   * (the app, so an existing library gets its better thumbnails without being asked).
   */
  readonly refreshOldThumbnails?: boolean;
  /** As the writer, keep the library up to date while open: watch the roots, catch up, Auto Scan (the app). */
  readonly live?: boolean;
  /** The live library's limits, as seams like `now` (a lowered watch limit, a quick poll). */
  readonly liveLimits?: Pick<LiveLibraryOptions, 'watchLimit' | 'pollIntervalMs' | 'libraryId' | 'onChange'>;
}

/**
 * How the desktop app opens its library (the Electron adapter, and the e2e harness standing in for
 * it): read-only while a `keepsake` command holds it, then as the writer; quick_checked at launch.
 */
export const DESKTOP_APP_ACCESS = {
  access: 'write-when-free',
  holder: { kind: 'app', command: 'Keepsake app' },
  checkAtOpen: 'always',
  refreshOldThumbnails: true,
  live: true,
} as const satisfies Partial<KeepsakeOptions>;

/** Where a media request's bytes live on disk, for the custom scheme. */
export interface MediaSource {
  readonly path: string;
  readonly mime: string;
  readonly size: number;
  /** A user's file: its identity as last scanned (see media-source.ts); thumbnails have none. */
  readonly identity?: FileIdentity;
}

export interface Keepsake {
  readonly dataDir: string;
  /** The open database connection (read-only while `access().writable` is false). */
  readonly db: Db;
  /** One handler per core command, taking an already validated request. */
  readonly handlers: CoreHandlers;
  /** Whether this process writes the library, and if not, who does. */
  access(): LibraryAccess;
  /** Subscribes to core events (job progress, job finished, library changed); returns an unsubscribe. */
  on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void;
  /** Resolves when a job ends (succeeded, failed, cancelled), with its record. */
  waitForJob(jobId: string): Promise<JobRecord>;
  /** The thumbnail of a photo, or null when the photo or thumbnail is unknown. */
  thumbnailSource(imageHash: string): MediaSource | null;
  /** A file the database knows, or null for an unknown hash. Never takes a path. */
  fileSource(fileHash: string): MediaSource | null;
  /** A photo's full-size preview (formats Chromium cannot show), made on demand and cached; a gone main file is reported. */
  previewSource(imageHash: string): Promise<PreviewLookup>;
  /** A file was found gone while serving or thumbnailing it: flagged missing through the job queue. */
  reportFileGone(fileHash: string): void;
  /** After the computer wakes from sleep: every watched root is caught up (the live library; nothing when not live). */
  catchUp(): void;
  /**
   * Watches one library in the foreground (`keepsake watch`) as the app watches all of them: each
   * change applied is told. Only as the writer; stop() before close().
   */
  watchLibrary(libraryId: number, onChange: (change: ScanChange) => void): Promise<{ stop(): Promise<void> }>;
  /** Waits for the running write to finish, cancels queued jobs, stops workers, closes the database, lets go of the lock. */
  close(): Promise<void>;
}

/** What the facade works with while it writes. */
interface Writer {
  readonly kind: 'writer';
  readonly db: Db;
  readonly lock: WriterLock;
  readonly runner: JobRunner;
  readonly handlers: CoreHandlers;
  /** Writes edited photos' sidecars a moment after the edits (sidecars/sidecar-queue.ts). */
  readonly sidecars: { close(): void };
}

/** What it works with while another process writes. */
interface Reader {
  readonly kind: 'reader';
  readonly db: Db;
  readonly handlers: CoreHandlers;
  /** Who held the lock when this process looked. */
  readonly holder: LockHolder | null;
}

/**
 * Opens Keepsake on a data folder (see AccessMode). As the writer it creates the folder if needed,
 * opens (and migrates) `keepsake.db`, marks jobs a dead writer left running or queued as
 * interrupted — only the lock holder may: any other process's running job is alive — and wires
 * handlers, events and the job runner. The hashing workers start on the first scan only.
 */
export function openKeepsake(options: KeepsakeOptions): Keepsake {
  const dataDir = options.dataDir;
  const now = options.now ?? (() => new Date());
  const mode = options.access ?? 'write';
  const who = options.holder ?? { kind: 'cli' as const, command: 'keepsake' };
  const log = options.log ?? silentLog();
  const events = new CoreEvents();
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => events.emit(event, payload);
  // Created at the first scan's first line, from a module loaded with the core: a worker takes longer
  // to start than anything else the scan does before its first hash, so nothing goes before it.
  let workers: FileWorkers | null = null;
  const getWorkers = (): FileWorkers => (workers ??= options.fileWorkers?.() ?? createFileWorkers(options.workers === undefined ? { log } : { size: options.workers, log }));

  // eslint-disable-next-line prefer-const -- read by the handlers' closures once the state exists
  let state: Writer | Reader;
  const currentAccess = (): LibraryAccess => accessOf(state);

  // The live library (the app): started once this process writes, stopped first at close.
  let live: LiveLibrary | null = null;
  const startLive = (db: Db, runner: JobRunner): void => {
    live = new LiveLibrary({
      ...options.liveLimits,
      db, dataDir, runner, getWorkers, now, log,
      onReconciled: (libraryId) => emit('library.changed', { libraryId, reason: 'changes noticed' }),
    });
    live.start().catch((error: unknown) => log.error({ err: error }, 'could not start watching the library'));
  };
  const restartLive = (db: Db, runner: JobRunner): void => {
    if (options.live !== true) return;
    const previous = live;
    live = null;
    void (previous?.stop() ?? Promise.resolve()).then(() => {
      if (closing === null) startLive(db, runner);
    });
  };
  events.on('library.changed', ({ libraryId, reason }) => {
    if (live !== null && ['library added', 'library removed', 'root added', 'root removed', 'folder located'].includes(reason)) {
      live.resync(libraryId).catch((error: unknown) => log.warn({ err: error }, 'could not watch the changed roots'));
    }
  });

  const openWriter = (lock: WriterLock): Writer => {
    try {
      mkdirSync(dataDir, { recursive: true });
      const db = openDatabase(dbPathOf(dataDir), { now, ...(options.checkAtOpen ? { checkAtOpen: options.checkAtOpen } : {}) }); // `now` names the backup made before a schema upgrade
      markInterruptedJobs(db, now());
      const runner = new JobRunner({ db, dataDir, events, now, log });
      // What a crash left half done (thumbnails of a delete still to be held), and undo data past 30 days.
      runner
        .enqueue(null, 'deletions-housekeeping', async () => {
          await finishHeldThumbnails(db, dataDir);
          await expireDeletions(db, dataDir, now());
        })
        .catch((error: unknown) => {
          if ((error as { code?: string }).code !== 'unavailable') log.error({ err: error }, 'could not tidy up after earlier deletions');
        });
      if (options.refreshOldThumbnails === true) startRefreshOfOldThumbnails(db, runner, getWorkers, log);
      if (options.live === true) startLive(db, runner);
      const sidecars = startSidecarQueue({ db, runner, events, now, log, getWorkers });
      return { kind: 'writer', db, lock, runner, sidecars, handlers: createCoreHandlers({ db, dataDir, now, runner, getWorkers, emit, writable: true, access: currentAccess, onSettingsChanged: () => restartLive(db, runner) }) };
    } catch (error) {
      lock.release();
      throw error;
    }
  };
  const openReader = (holder: LockHolder | null): Reader => {
    const db = openReadOnlyDatabase(dbPathOf(dataDir), { migrateWith: () => tryTakeWriterLock(dataDir, who) });
    const refuse = (): never => {
      throw conflict(`${capitalise(describeHolder(holder))}; Keepsake opened it read-only${mode === 'write-when-free' ? ' and takes over when that process finishes' : ''}`);
    };
    const readHandlers = createCoreHandlers({ db, dataDir, now, runner: null, getWorkers, emit, writable: false, access: currentAccess });
    const handlers = Object.fromEntries(
      (Object.keys(COMMAND_ACCESS) as CoreCommand[]).map((name) => [name, COMMAND_ACCESS[name] === 'read' ? readHandlers[name] : refuse]),
    ) as unknown as CoreHandlers;
    return { kind: 'reader', db, handlers, holder };
  };

  if (mode === 'read') {
    state = openReader(readLockHolder(dataDir));
  } else {
    const lock = options.lock ?? tryTakeWriterLock(dataDir, who);
    if (lock !== null) state = openWriter(lock);
    else if (mode === 'write') throw new LibraryInUseError(readLockHolder(dataDir));
    else state = openReader(readLockHolder(dataDir));
  }

  let closing: Promise<void> | null = null;
  // The app, read-only: take over as soon as the other process lets go of the lock.
  let takeOver: NodeJS.Timeout | null = null;
  if (state.kind === 'reader' && mode === 'write-when-free') {
    takeOver = setInterval(() => {
      if (closing !== null || state.kind === 'writer') return;
      const lock = tryTakeWriterLock(dataDir, who);
      if (lock === null) return;
      const reader = state;
      try {
        state = openWriter(lock);
      } catch (error) {
        log.error({ err: error }, 'could not take over the library');
        // A damaged database stays damaged: quick_checking it again every second would only keep the
        // main thread busy. The app stays read-only; its next start shows the error.
        if (error instanceof DamagedDatabaseError && takeOver !== null) clearInterval(takeOver);
        return;
      }
      reader.db.close();
      if (takeOver !== null) clearInterval(takeOver);
      takeOver = null;
      log.info('took over the library: the process that held it has let go');
      emit('access.changed', accessOf(state));
    }, options.takeOverEveryMs ?? 1000);
    takeOver.unref();
  }

  // Reports of gone files wait their turn in the job queue (a scan may be flagging the same file).
  const reportFileGone = (fileHash: string): void => {
    if (closing !== null || state.kind !== 'writer') return;
    const { db, runner } = state;
    runner
      .enqueue(null, `file-gone:${fileHash}`, () => handleFileGone(db, fileHash, now()))
      .then((change) => {
        if (change !== null) emit('library.changed', change);
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'unavailable') log.error({ err: error, fileHash }, 'could not flag a gone file missing');
      });
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (takeOver !== null) clearInterval(takeOver);
      // The watcher first: no reconciliation is queued behind the jobs being cancelled.
      await (live as LiveLibrary | null)?.stop();
      const current = state;
      // Bounded (CLOSE_JOB_WAIT_MS, twice, + the workers' own CLOSE_WAIT_MS): the app must be able to
      // quit even when a job waits on a worker that never answers. A job still waiting after the
      // first bound has its worker requests rejected by closing the workers; one still running
      // after the second is left behind (logged): the database it writes to is closed under it.
      let workersClosed: Promise<void> | null = null;
      if (current.kind === 'writer') {
        // Sidecars still to be written stay marked in the database: the next writer writes them.
        current.sidecars.close();
        const stopped = current.runner.close();
        if (!(await settlesWithin(stopped, CLOSE_JOB_WAIT_MS))) {
          log.warn(`the running job did not stop within ${CLOSE_JOB_WAIT_MS} ms of being cancelled; closing the file workers under it`);
          workersClosed = workers?.close() ?? null;
          if (!(await settlesWithin(stopped, CLOSE_JOB_WAIT_MS))) log.error('the running job did not stop; Keepsake closes without waiting for it');
        }
      }
      await (workersClosed ?? workers?.close());
      current.db.close();
      if (current.kind === 'writer') current.lock.release();
    })();
    return closing;
  };

  // Stable across a take-over: the adapters hold on to this table and to the facade.
  const handlers = Object.fromEntries(
    (Object.keys(COMMAND_ACCESS) as CoreCommand[]).map((name) => [name, (request: never) => (state.handlers[name] as (request: never) => unknown)(request)]),
  ) as unknown as CoreHandlers;

  return {
    dataDir,
    get db() {
      return state.db;
    },
    handlers,
    access: currentAccess,
    on: (event, callback) => events.on(event, callback),
    waitForJob: (jobId) => (state.kind === 'writer' ? state.runner.waitFor(jobId) : Promise.reject(conflict('this process does not run jobs: it opened the library read-only'))),
    thumbnailSource: (imageHash) => thumbnailSource(state.db, dataDir, imageHash),
    fileSource: (fileHash) => {
      const found = lookupFile(state.db, fileHash);
      if (found.kind === 'ok') return found.file;
      // In the database as present but not on disk: LibrePhotos' "photo access" trigger.
      if (found.kind === 'gone') reportFileGone(fileHash);
      return null;
    },
    previewSource: async (imageHash) => {
      const found = await previewSource(state.db, dataDir, getWorkers, imageHash);
      if (found.kind === 'gone') reportFileGone(found.fileHash);
      return found;
    },
    reportFileGone,
    catchUp: () => (live as LiveLibrary | null)?.catchUp(),
    watchLibrary: async (libraryId, onChange) => {
      if (state.kind !== 'writer') throw conflict('this process opened the library read-only: it cannot watch it');
      const watcher = new LiveLibrary({ ...options.liveLimits, db: state.db, dataDir, runner: state.runner, getWorkers, now, log, libraryId, onChange: (_id, change) => onChange(change) });
      await watcher.start();
      return { stop: () => watcher.stop() };
    },
    close,
  };
}

/** Queues Refresh Thumbnails for the libraries that need it (finding ffmpeg first, off the launch's path). */
function startRefreshOfOldThumbnails(db: Db, runner: JobRunner, getWorkers: () => FileWorkers, log: Logger): void {
  void videoToolsOf(db)
    .catch(() => null)
    .then((tools) => {
      for (const libraryId of librariesWithOldThumbnails(db, { videos: tools !== null })) runner.start(refreshThumbnailsJob(libraryId, getWorkers));
    })
    .catch((error: unknown) => log.warn({ err: error }, 'could not start Refresh Thumbnails'));
}

/** How long close() waits for the running job to stop, before and after closing the file workers under it. */
const CLOSE_JOB_WAIT_MS = 1000;

/** Whether `promise` settles within `ms` (its outcome is the caller's business). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a data folder has a database yet. */
export const hasDatabase = (dataDir: string): boolean => existsSync(dbPathOf(dataDir));

function accessOf(state: Writer | Reader): LibraryAccess {
  if (state.kind === 'writer') return { writable: true, heldBy: null };
  return { writable: false, heldBy: state.holder === null ? null : { kind: state.holder.kind, pid: state.holder.pid, command: state.holder.command }, message: capitalise(describeHolder(state.holder)) };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
