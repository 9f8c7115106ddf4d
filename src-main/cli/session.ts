import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandRequest, CommandResponse } from '../../src-shared/contract.ts';
import type { JobRecord, Library } from '../../src-shared/domain.ts';
import { JOB_LABELS } from '../../src-shared/job-labels.ts';
import type { CoreCommand } from '../core/core-commands.ts';
import { dbPathOf } from '../core/data-folder/data-folder-files.ts';
import { assertDatabaseFile } from '../core/db/database-file.ts';
import type { Dispatcher } from '../ipc/dispatcher.ts';
import type { FileWorkerPool } from '../core/file-workers/file-workers.ts';
import type { WriterLock } from '../core/data-folder/writer-lock.ts';
import type { Keepsake } from '../core/keepsake.ts';
import type { CliArgs } from './args.ts';
import { CliError, EXIT, oneLine } from './errors.ts';
import type { Output } from './output.ts';
import { createProgress } from './progress.ts';

/**
 * How a command opens the library: 'write' takes the writer lock (refused at once when another
 * process holds it, or waits with --wait); 'read' opens it read-only and works whoever holds it;
 * 'write-if-free' writes when nobody else does and reads otherwise (`roots`: it probes and stores
 * the drives' states when it can, and lists the stored ones when it cannot).
 */
export type CommandAccess = 'write' | 'read' | 'write-if-free';

/** What every command gets: its arguments, the output, and the core (opened on demand). */
export interface Session {
  readonly args: CliArgs;
  readonly out: Output;
  readonly dataDir: string;
  /** Whether the data folder already has a database. */
  hasDatabase(): boolean;
  /** The core, opened on first use. `create` allows making a new database (only `library add` does). */
  core(options?: { create?: boolean }): Promise<Keepsake>;
  /**
   * The writer lock without the core (`restore`: the database may be damaged, so it is not opened):
   * taken as a 'write' command takes it (refused at once, or waits with --wait), held until close().
   */
  writerLock(): Promise<WriterLock>;

  /** Calls a core command through the contract's schema, as the Electron adapter does. */
  call<C extends CoreCommand>(command: C, request: CommandRequest<C>): Promise<CommandResponse<C>>;
  /** The library named by --library, or the only one; a clear error otherwise. */
  library(): Promise<Library>;
  /** Starts a job, shows its progress, cancels it on Ctrl-C; resolves with its finished record. */
  runJob(request: CommandRequest<'jobs.start'>, label: string): Promise<JobRecord>;
  /** Ctrl-C arrived: cancel the running job (if any). Returns whether a job was there to cancel. */
  interrupt(): Promise<boolean>;
  /** Whether Ctrl-C was pressed. */
  readonly interrupted: boolean;
  /** Closes the core if it was opened. */
  close(): Promise<void>;
  /** Writes a failure of the command to the log file (only a command that holds the library has one). */
  logFailure(error: unknown): void;
  /**
   * While `fn` runs, progress events of jobs of `type` in this library drive a bar and Ctrl-C
   * cancels them (for commands like locate that run a job inside one request).
   */
  watchJobs<T>(type: string, libraryId: number, label: string, fn: () => Promise<T>): Promise<T>;
}


/** The command a session runs: its name (for the lock and the log), its access, and whether it hashes files. */
export interface SessionCommand {
  readonly name: string;
  readonly access: CommandAccess;
  /** It runs a job that hashes files (`scan`): the file workers start with the session (see createSession). */
  readonly fileWorkers?: boolean;
}

/**
 * Opens a session on a data folder. Nothing is created or opened until a command needs it, except
 * the file workers of a command that hashes: a worker takes about as long to start as the core
 * takes to load, so they start side by side and the job's first request finds them ready.
 */
export function createSession(args: CliArgs, out: Output, dataDir: string, command: SessionCommand = { name: 'keepsake', access: 'write' }): Session {
  const dir = resolve(dataDir);
  const dbPath = dbPathOf(dir);
  const holder = { kind: 'cli' as const, command: `keepsake ${command.name}` };
  let keepsake: Keepsake | null = null;
  // A lock taken by writerLock() (a lock passed to the core is the core's to release).
  let heldLock: WriterLock | null = null;
  // The log lives in the data folder: only a command that holds the library writes there (a
  // reading command changes nothing, not even a log).
  let logFile: { log: import('../core/log/log-file.ts').Logger; close(): Promise<void> } | null = null;
  // Handed to the core when it opens; closed by close() in any case (a command may fail before its job).
  const earlyWorkers: Promise<FileWorkerPool> | null = command.fileWorkers === true
    ? import('../core/file-workers/file-workers.ts').then(({ createFileWorkers }) =>
      createFileWorkers({ log: { error: (details, message) => logFile?.log.error(details, message), warn: (details, message) => logFile?.log.warn(details, message) } }))
    : null;
  // Awaited by core() and close(); this only keeps a failed start from being an unhandled rejection meanwhile.
  earlyWorkers?.catch(() => undefined);
  let dispatch: Dispatcher | null = null;
  // Ctrl-C while waiting for the lock stops the wait.
  const waiting = new AbortController();
  let interrupted = false;
  // The job Ctrl-C must cancel: its id once known, or a cancel requested before it was known.
  let runningJob: string | null = null;

  const session: Session = {
    args,
    out,
    dataDir: dir,
    get interrupted() {
      return interrupted;
    },
    hasDatabase: () => {
      // `--data /etc/passwd` is not a folder, whatever the command: not "no libraries yet".
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`--data ${dir} is not a folder`, 'bad_input');
      return existsSync(dbPath);
    },
    async core(options = {}) {
      if (keepsake) return keepsake;
      checkDataDir(dir, dbPath, options.create ?? false);
      // Loaded on first use, so --help and command-line errors answer without loading the engine.
      const [{ openKeepsake }, { tryTakeWriterLock }, { createDispatcher }, { cliHandlerTable }] = await Promise.all([
        import('../core/keepsake.ts'),
        import('../core/data-folder/writer-lock.ts'),
        import('../ipc/dispatcher.ts'),
        import('./cli-handler-table.ts'),
      ]);
      let lock = null;
      if (command.access === 'write') lock = await takeLock();
      else if (command.access === 'write-if-free') lock = tryTakeWriterLock(dir, holder);
      if (lock !== null) await openLog();
      try {
        const pool = lock === null || earlyWorkers === null ? null : await earlyWorkers;
        keepsake = openKeepsake(lock === null
          ? { dataDir: dir, access: 'read', holder }
          : { dataDir: dir, access: 'write', holder, lock, ...(logFile ? { log: logFile.log } : {}), ...(pool ? { fileWorkers: () => pool } : {}) });
      } catch (error) {
        lock?.release();
        // The core's refusals name the file and say what to do already.
        if ((error as Error).name === 'NotADatabaseError') throw new CliError(oneLine(error), 'bad_input');
        throw new CliError(`cannot open the library database ${dbPath}: ${oneLine(error)}`, 'bad_input');
      }
      dispatch = createDispatcher(cliHandlerTable(keepsake.handlers));
      return keepsake;
    },
    async writerLock() {
      if (heldLock !== null) return heldLock;
      if (keepsake !== null) throw new Error('internal: the core is open already, with its own lock');
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`--data ${dir} is not a folder`, 'bad_input');
      heldLock = await takeLock();
      await openLog();
      return heldLock;
    },
    async call(name, request) {
      await session.core();
      // The same door as the app's IPC: the contract's schema, then the handler, as a Result.
      const answer = await (dispatch as Dispatcher)(name, request);
      if (answer.ok) return answer.value as CommandResponse<typeof name>;
      throw fromCoreError(answer.error, name);
    },
    async library() {
      const libraries = session.hasDatabase() ? await session.call('libraries.list', {}) : [];
      const names = libraries.map((library) => `"${library.name}"`).join(', ');
      const wanted = args.library;
      if (wanted !== undefined) {
        const found = libraries.find((library) => library.name === wanted);
        if (found) return found;
        throw new CliError(
          libraries.length === 0 ? `no library named "${wanted}": there are no libraries yet in ${dir}` : `no library named "${wanted}" (libraries: ${names})`,
          'not_found',
        );
      }
      const [only, ...others] = libraries;
      if (only && others.length === 0) return only;
      if (!only) throw new CliError(`there are no libraries yet in ${dir}; add one with: keepsake library add NAME FOLDER`, 'not_found');
      throw new CliError(`there are ${libraries.length} libraries (${names}); say which with --library NAME`, 'bad_input');
    },
    async runJob(request, label) {
      const core = await session.core();
      if (interrupted) throw cancelledError();
      const { jobId } = await session.call('jobs.start', request);
      runningJob = jobId;
      const progress = createProgress(label);
      const unsubscribe = core.on('job.progress', (event) => {
        if (event.jobId === jobId) progress.update(event.phase, event.current, event.total);
      });
      try {
        // Ctrl-C may have come while the job was being started.
        if (interrupted) await cancel(jobId);
        const record = await core.waitForJob(jobId);
        if (record.status === 'cancelled' || record.status === 'interrupted') throw cancelledError();
        if (record.status !== 'succeeded') throw new CliError(`${JOB_LABELS[request.type]} failed: ${oneLine(record.error ?? record.status)}`, 'failed');
        return record;
      } finally {
        unsubscribe();
        progress.stop();
        runningJob = null;
      }
    },
    async watchJobs(type, libraryId, label, fn) {
      const core = await session.core();
      const progress = createProgress(label);
      const unsubscribe = core.on('job.progress', (event) => {
        if (event.type !== type || event.libraryId !== libraryId) return;
        if (runningJob !== event.jobId) {
          runningJob = event.jobId;
          if (interrupted) void cancel(event.jobId);
        }
        progress.update(event.phase, event.current, event.total);
      });
      try {
        const value = await fn();
        if (interrupted) throw cancelledError();
        return value;
      } catch (error) {
        throw interrupted ? cancelledError() : error;
      } finally {
        unsubscribe();
        progress.stop();
        runningJob = null;
      }
    },
    async interrupt() {
      interrupted = true;
      waiting.abort();
      if (runningJob === null) return false;
      await cancel(runningJob);
      return true;
    },
    async close() {
      const core = keepsake;
      keepsake = null;
      const lock = heldLock;
      heldLock = null;
      try {
        if (core) await core.close();
        // The core closed them if its job used them; if not, they are closed here (closing twice is nothing).
        await earlyWorkers?.then((pool) => pool.close(), () => undefined);
      } finally {
        lock?.release();
        const file = logFile;
        logFile = null;
        await file?.close();
      }
    },
    logFailure(error) {
      logFile?.log.error({ err: error }, `keepsake ${command.name} failed`);
    },
  };

  /** Takes the writer lock as a 'write' command does: at once, or waiting with --wait; one line when refused. */
  async function takeLock(): Promise<WriterLock> {
    const { takeWriterLock, describeHolder, LibraryInUseError } = await import('../core/data-folder/writer-lock.ts');
    try {
      return await takeWriterLock(dir, holder, {
        wait: args.wait,
        signal: waiting.signal,
        onWait: (by) => process.stderr.write(`keepsake: waiting: ${describeHolder(by)}; Ctrl-C stops waiting\n`),
      });
    } catch (error) {
      if (waiting.signal.aborted) throw cancelledError();
      if (error instanceof LibraryInUseError) throw inUseError(error.holder?.kind === 'app', error.message);
      throw new CliError(`cannot lock the library in ${dir}: ${oneLine(error)}`, 'failed');
    }
  }

  /** The log file: only a command that holds the library writes one. */
  async function openLog(): Promise<void> {
    const { openLogFile } = await import('../core/log/log-file.ts');
    logFile = openLogFile(dir, 'cli');
    logFile.log.info({ argv: process.argv.slice(2) }, `keepsake ${command.name}`);
  }

  async function cancel(jobId: string): Promise<void> {
    try {
      await session.call('jobs.cancel', { jobId });
    } catch {
      // The job may have just ended; waitForJob reports how.
    }
  }
  return session;
}

/**
 * The refusal of a write command while another process holds the library: one line that names the
 * holder and what to do.
 */
function inUseError(heldByApp: boolean, what: string): CliError {
  const todo = heldByApp ? 'close it or run the command from the app' : 'wait for it to finish, or run this again with --wait';
  return new CliError(`${what}; ${todo}`, 'in_use', EXIT.inUse);
}

/** The error for a run cut short by Ctrl-C. */
export const cancelledError = (): CliError => new CliError('cancelled (Ctrl-C); the job was stopped cleanly', 'cancelled', EXIT.interrupted);

/**
 * Refuses a data folder that is not one, and a database file that is not SQLite, before the core
 * touches anything: opening a garbage file could otherwise leave WAL files or change it.
 */
function checkDataDir(dir: string, dbPath: string, create: boolean): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`--data ${dir} is not a folder`, 'bad_input');
  if (!existsSync(dbPath)) {
    if (!create) throw new CliError(`there are no libraries yet in ${dir}; add one with: keepsake library add NAME FOLDER`, 'not_found');
    mkdirSync(dir, { recursive: true });
    return;
  }
  try {
    // Before the lock is taken: a folder that is not ours gets not even a lock file.
    assertDatabaseFile(dbPath);
  } catch (error) {
    throw new CliError(oneLine(error), 'bad_input');
  }
}

/** Turns a core error into a one-line CLI error, keeping its code where it has one. */
function fromCoreError(error: unknown, command: string): CliError {
  if (error instanceof CliError) return error;
  const code = (error as { code?: unknown }).code;
  const text = (error as { message?: unknown }).message;
  const message = typeof text === 'string' ? oneLine(new Error(text)) : oneLine(error);
  if (/not implemented|not available in this build/i.test(message)) return new CliError(`this Keepsake core does not implement '${command}' yet (${message})`, 'unavailable');
  switch (code) {
    case 'not_found':
      return new CliError(message, 'not_found');
    case 'bad_request':
    case 'conflict':
      return new CliError(message, 'bad_input');
    case 'cancelled':
      return cancelledError();
    case 'unavailable':
      return new CliError(message, 'unavailable');
    default:
      return new CliError(message, 'failed');
  }
}
