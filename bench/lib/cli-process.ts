import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** The `keepsake` command as users start it (`npx keepsake` runs this file). */
export const KEEPSAKE_BIN = fileURLToPath(new URL('../../bin/keepsake.js', import.meta.url));

/** One run of the real `keepsake` command in a new process. */
export interface CliRun {
  /** The command words, as given (without --data and --json). */
  readonly args: readonly string[];
  /** Wall clock from spawning the process to its exit, in seconds. */
  readonly seconds: number;
  /** The one JSON document it printed. */
  readonly json: Record<string, unknown>;
  readonly stderr: string;
}

/**
 * Runs `node bin/keepsake.js --data DIR ARGS... --json` as a fresh process with the project's Node
 * (the one running the bench: `npm run bench` puts node_modules/.bin first) and times the whole
 * process, start to exit. stdout and stderr are pipes, as in a script: no progress bar is drawn.
 * Throws with the command's own message when it exits non-zero.
 */
export function runKeepsake(dataDir: string, args: readonly string[]): CliRun {
  const argv = [KEEPSAKE_BIN, '--data', dataDir, ...args, '--json'];
  const start = performance.now();
  const child = spawnSync(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024, env: process.env });
  const seconds = (performance.now() - start) / 1000;
  const stdout = child.stdout?.toString() ?? '';
  const stderr = child.stderr?.toString() ?? '';
  if (child.error) throw new Error(`keepsake ${args.join(' ')}: could not start: ${child.error.message}`);
  let json: Record<string, unknown> = {};
  try {
    json = stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  } catch {
    throw new Error(`keepsake ${args.join(' ')}: stdout is not one JSON document: ${stdout.slice(0, 300)}`);
  }
  if (child.status !== 0) {
    const error = (json.error as { code?: string; message?: string } | undefined) ?? {};
    throw new Error(`keepsake ${args.join(' ')} exited ${child.status ?? child.signal}: ${error.message ?? stderr.trim()} (${error.code ?? 'no code'})`);
  }
  return { args, seconds, json, stderr };
}

/** The fastest of some CLI runs. */
export const fastest = <T extends { seconds: number }>(runs: readonly T[]): T => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

/** What a fresh `keepsake` process costs before and after its real work, measured on a data folder. */
export interface StartUp {
  /** Best of `runs` of `keepsake --data DIR stats --json`: start Node, load the CLI and the core, open (and check) the database, one counter query, close. */
  readonly seconds: number;
  readonly runs: readonly number[];
  /** Best of `keepsake --help` (Node + the CLI's own modules, no core, no database): the part of start-up before the core. */
  readonly helpSeconds: number;
  /** Best of `node -e 0`: the machine's floor for starting this Node at all. */
  readonly nodeSeconds: number;
}

/**
 * Start-up of a fresh `keepsake` process: `stats --json` on the same data folder, the least real
 * work that opens the core and its database (run `runs` times, best kept, as the figures it is
 * subtracted from are). Beside it, `keepsake --help` and `node -e 0` show where it goes.
 */
export function measureStartUp(dataDir: string, runs = 3): StartUp {
  const statsRuns: number[] = [];
  for (let i = 0; i < runs; i += 1) statsRuns.push(runKeepsake(dataDir, ['stats']).seconds);
  const time = (argv: readonly string[]): number => {
    const start = performance.now();
    const child = spawnSync(process.execPath, argv, { stdio: 'ignore' });
    if (child.status !== 0) throw new Error(`${argv.join(' ')} exited ${child.status}`);
    return (performance.now() - start) / 1000;
  };
  const helpRuns = Array.from({ length: runs }, () => time([KEEPSAKE_BIN, '--help']));
  const nodeRuns = Array.from({ length: runs }, () => time(['-e', '0']));
  return { seconds: Math.min(...statsRuns), runs: statsRuns, helpSeconds: Math.min(...helpRuns), nodeSeconds: Math.min(...nodeRuns) };
}

/** "start-up 0.212 s (stats --json, best of 3: 0.212/0.220/0.231; of it --help 0.110 s, node -e 0 0.040 s)". */
export function startUpNote(startUp: StartUp): string {
  return `start-up ${startUp.seconds.toFixed(3)} s = a fresh \`keepsake stats --json\` on the same data folder (Node + CLI + core modules, open the database, one counter query, close; best of ${startUp.runs.length}: ${startUp.runs.map((s) => s.toFixed(3)).join('/')}); of it \`keepsake --help\` ${startUp.helpSeconds.toFixed(3)} s, \`node -e 0\` ${startUp.nodeSeconds.toFixed(3)} s`;
}

/** A job's own times as the job history keeps them (the `jobs` row the CLI's run left), in seconds. */
export interface JobTimes {
  /** From the job's start to its end (started_at → finished_at): the job inside the process. */
  readonly runSeconds: number | null;
  /** From queued to started (created_at → started_at). */
  readonly queuedSeconds: number | null;
}

/** Reads a finished job's times from the data folder's database (after the CLI process has exited). */
export function jobTimes(dataDir: string, jobId: unknown): JobTimes {
  const file = join(dataDir, 'keepsake.db');
  if (typeof jobId !== 'string' || !existsSync(file)) return { runSeconds: null, queuedSeconds: null };
  // Read-only: the bench only reads the history the command left (it must not hold the writer's place).
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    const row = db.prepare('SELECT created_at, started_at, finished_at FROM jobs WHERE id = ?').get(jobId) as
      | { created_at: string; started_at: string | null; finished_at: string | null }
      | undefined;
    const span = (from: string | null | undefined, to: string | null | undefined): number | null =>
      from && to ? (Date.parse(to) - Date.parse(from)) / 1000 : null;
    return { runSeconds: span(row?.started_at, row?.finished_at), queuedSeconds: span(row?.created_at, row?.started_at) };
  } finally {
    db.close();
  }
}

/** "process 1.234 s = start-up 0.212 s + job 0.950 s (job history) + 0.072 s else (open, close, exit)". */
export function processNote(seconds: number, startUp: StartUp, job: JobTimes): string {
  if (job.runSeconds === null) return `process ${seconds.toFixed(3)} s (job time not in the history)`;
  const rest = seconds - startUp.seconds - job.runSeconds;
  return `process ${seconds.toFixed(3)} s = start-up ${startUp.seconds.toFixed(3)} s + the job itself ${job.runSeconds.toFixed(3)} s (job history: started_at to finished_at) + ${rest.toFixed(3)} s else (library lookup, job queueing, close, exit beyond start-up's)`;
}
