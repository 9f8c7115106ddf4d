/**
 * The `keepsake` command: a thin adapter over the same core the desktop app drives. Parses the
 * command line, dispatches to one small file per command group, prints one answer (one JSON
 * document with --json) and always closes the core before exiting.
 */
import { defaultDataDir } from '../core/default-data-dir.ts';
import { parseCliArgs, USAGE, type CliArgs } from './args.ts';
import { backups, restore } from './backup-commands.ts';
import { CliError, EXIT, oneLine, type CliErrorCode } from './errors.ts';
import { libraryAdd, libraryList } from './library-commands.ts';
import { deleteMissing, missing } from './missing-commands.ts';
import { createOutput } from './output.ts';
import { photos, thumbnails } from './photos-commands.ts';
import { watch } from './watch-command.ts';
import { problems } from './problems-command.ts';
import { locate, roots } from './roots-commands.ts';
import { scan, scanMissing } from './scan-commands.ts';
import { sidecarsRead, sidecarsWrite } from './sidecars-commands.ts';
import { createSession, type CommandAccess, type Session } from './session.ts';
import { stats } from './stats-command.ts';
import { deleted, undoDelete } from './undo-commands.ts';

type Command = { run: (session: Session, rest: readonly string[]) => Promise<void>; access: CommandAccess; fileWorkers?: boolean };

/** Command words → handler and how it opens the library. Two-word commands are keyed "group sub". */
const COMMANDS: Readonly<Record<string, Command>> = {
  'library add': { run: libraryAdd, access: 'write' },
  'library list': { run: libraryList, access: 'read' },
  // Hashes files: its file workers start with the session (session.ts).
  scan: { run: scan, access: 'write', fileWorkers: true },
  'scan-missing': { run: scanMissing, access: 'write' },
  missing: { run: missing, access: 'read' },
  problems: { run: problems, access: 'read' },
  photos: { run: photos, access: 'read' },
  thumbnails: { run: thumbnails, access: 'write' },
  watch: { run: watch, access: 'write' },
  'delete-missing': { run: deleteMissing, access: 'write' },
  stats: { run: stats, access: 'read' },
  roots: { run: roots, access: 'write-if-free' },
  locate: { run: locate, access: 'write' },
  deleted: { run: deleted, access: 'read' },
  'undo-delete': { run: undoDelete, access: 'write' },
  'sidecars write': { run: sidecarsWrite, access: 'write' },
  'sidecars read': { run: sidecarsRead, access: 'write' },
  // Neither opens the core: `backups` reads the backups folder only; `restore` takes the writer
  // lock itself (session.writerLock) and replaces the database, which may be damaged, unopened.
  backups: { run: backups, access: 'read' },
  restore: { run: restore, access: 'write' },
};

/** Runs the command line; resolves with the exit code. Never calls process.exit itself. */
export async function runCli(argv: readonly string[]): Promise<number> {
  // A reader that stops early (`keepsake photos | head`) closes the pipe. Node ignores SIGPIPE, so
  // the next write to stdout fails with EPIPE, which unhandled kills the command with a stack trace
  // (possibly in the middle of `watch`). The rest of the output has nowhere to go: it is dropped,
  // and a running command ends as Ctrl-C ends it, cleanly. Notes and progress on stderr are only
  // dropped: a scan goes on when whoever read its progress is gone.
  let readerGone = false;
  let onReaderGone = () => {};
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!readerLeft(error)) throw error;
    if (readerGone) return;
    readerGone = true;
    onReaderGone();
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (!readerLeft(error)) throw error;
  });
  let args: CliArgs;
  const jsonAsked = argv.includes('--json');
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    return fail(error, jsonAsked);
  }
  const [first, second, ...others] = args.positionals;
  if (args.help || first === undefined || first === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  let name = first;
  let rest: readonly string[] = [second, ...others].filter((word) => word !== undefined);
  if (first === 'library') {
    if (second === undefined) return fail(new CliError('library needs a subcommand: add or list', 'usage'), args.json);
    name = `library ${second}`;
    rest = others;
  }
  if (first === 'sidecars') {
    if (second === undefined) return fail(new CliError('sidecars needs a subcommand: write or read', 'usage'), args.json);
    name = `sidecars ${second}`;
    rest = others;
  }
  const command = COMMANDS[name];
  if (!command) return fail(new CliError(`unknown command "${name}" (see keepsake --help)`, 'usage'), args.json);
  if (args.data === '') return fail(new CliError('--data needs a folder', 'usage'), args.json);
  if (args.library === '') return fail(new CliError('--library needs a name', 'usage'), args.json);

  const out = createOutput(args.json);
  const session = createSession(args, out, args.data ?? defaultDataDir(), { name, access: command.access, fileWorkers: command.fileWorkers === true });
  // Ctrl-C: cancel the running job and let it end cleanly; a second Ctrl-C leaves at once.
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    void session.interrupt();
  };
  process.on('SIGINT', onSigint);
  onReaderGone = () => void session.interrupt();
  let code: number = EXIT.ok;
  try {
    await command.run(session, rest);
    // Ctrl-C is how `watch` ends, not a cancel.
    if (session.interrupted && !readerGone && name !== 'watch') throw new CliError('cancelled (Ctrl-C)', 'cancelled', EXIT.interrupted);
  } catch (error) {
    session.logFailure(error);
    code = fail(error, args.json);
  } finally {
    try {
      await session.close();
    } catch (error) {
      if (code === EXIT.ok) code = fail(error, args.json);
    }
    process.off('SIGINT', onSigint);
  }
  return code;
}

/** A write failed because the reader closed the pipe (a write after that first failure fails as "destroyed"). */
const readerLeft = (error: NodeJS.ErrnoException): boolean => error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';

/** Reports an error as one line on stderr (and, with --json, as the one JSON document); returns its exit code. */
function fail(error: unknown, json: boolean): number {
  const cliError = error instanceof CliError ? error : null;
  const code: CliErrorCode = cliError?.code ?? 'internal';
  const message = oneLine(error);
  process.stderr.write(`keepsake: ${message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`);
  if (!cliError && process.env.KEEPSAKE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  return cliError?.exitCode ?? EXIT.failed;
}

// Run when loaded as the program (bin/keepsake.js imports this module for its effect).
const exitCode = await runCli(process.argv.slice(2));
// Stop lingering handles (a worker that did not exit) from keeping a finished command alive;
// stdout/stderr writes to pipes and files are synchronous on Linux and are flushed first otherwise.
if (!process.stdout.destroyed) await new Promise<void>((done) => process.stdout.write('', () => done()));
process.exit(exitCode);
