/**
 * Runs ffmpeg or ffprobe as a separate process — never loaded in-process: their builds are GPL, and
 * a process can be killed when a file makes the decoder hang, which a library call cannot. No shell
 * (an argument array, so a file name is never parsed), stdin closed, output capped, a timeout and an
 * AbortSignal that both kill it (SIGTERM, then SIGKILL for one that ignores it or sits in a syscall).
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NotRegularFileError } from '../file-workers/open-regular.ts';

/** What went wrong, for callers that react differently (no tool vs a bad file vs a stuck process). */
export type VideoToolFailure = 'missing' | 'not-executable' | 'timeout' | 'too-much-output' | 'unreadable' | 'not-video';

/** A tool that could not run, or could not read the file; the message is one short line. */
export class VideoToolError extends Error {
  override readonly name = 'VideoToolError';
  readonly failure: VideoToolFailure;
  constructor(failure: VideoToolFailure, message: string) {
    super(message);
    this.failure = failure;
  }
}

export interface RunOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs: number;
  /** Bytes of stdout past which the process is killed and the run fails (a frame, a JSON report). */
  readonly maxStdout: number;
}

export interface RunResult {
  /** Exit code (null when killed by a signal it did not catch). */
  readonly code: number | null;
  readonly stdout: Buffer;
  /** stderr's start (up to STDERR_HEAD bytes) and, when it ran longer, its last STDERR_TAIL bytes. */
  readonly stderr: string;
}

/** ffmpeg -i's report of a file with many chapters or tags runs to tens of KB; a corrupt file can log without end. */
const STDERR_HEAD = 256 * 1024;
/** The end of stderr is kept apart: ffmpeg says why it failed last. */
const STDERR_TAIL = 8 * 1024;
/** Time a process gets to exit after SIGTERM before SIGKILL (ffmpeg on SIGTERM flushes and exits). */
const KILL_GRACE_MS = 500;

/**
 * Runs `file` with `args` and resolves with its exit code and output, whatever the code (callers
 * read ffmpeg's stderr). Rejects with VideoToolError when it cannot start, runs past the timeout or
 * writes more than `maxStdout`, and with `signal.reason` the moment the signal aborts. In every
 * rejection the process is killed; the promise does not wait for it to die.
 */
export function runVideoTool(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const { signal, timeoutMs, maxStdout } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<RunResult>((resolvePromise, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false, windowsHide: true });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let head = '';
    let tail = '';
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let timer: NodeJS.Timeout | undefined;

    const kill = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, KILL_GRACE_MS);
    };
    const finish = (error: unknown, result?: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolvePromise(result as RunResult);
        return;
      }
      kill();
      child.stdout.destroy();
      child.stderr.destroy();
      reject(error);
    };
    const onAbort = (): void => finish(signal?.reason);
    timer = setTimeout(() => finish(new VideoToolError('timeout', `${toolName(file)} did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        finish(new VideoToolError('too-much-output', `${toolName(file)} wrote more than ${maxStdout} bytes`));
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const room = STDERR_HEAD - head.length;
      if (room > 0) head += chunk.slice(0, room);
      if (chunk.length > room) tail = (tail + chunk.slice(Math.max(room, 0))).slice(-STDERR_TAIL);
    });
    child.on('error', (error: NodeJS.ErrnoException) => finish(spawnError(file, error)));
    child.on('exit', () => clearTimeout(killTimer));
    // 'close' (not 'exit'): all output has been read by then.
    child.on('close', (code) => finish(undefined, { code, stdout: Buffer.concat(stdout), stderr: tail === '' ? head : `${head}\n…\n${tail}` }));
  });
}

/** "ffmpeg" or "ffprobe" for messages, rather than a long install path. */
export function toolName(file: string): string {
  return /ffprobe/i.test(file) ? 'ffprobe' : /ffmpeg/i.test(file) ? 'ffmpeg' : file;
}

function spawnError(file: string, error: NodeJS.ErrnoException): unknown {
  if (error.code === 'ENOENT') return new VideoToolError('missing', `${file} not found`);
  if (error.code === 'EACCES' || error.code === 'EPERM') return new VideoToolError('not-executable', `${file} is not executable`);
  return error;
}

/** Lines ffmpeg prints after the real reason, or whatever the failure: never the reason itself. */
const GENERIC_LINE = /^(Conversion failed!|Error marking filters as finished|At least one output file must be specified|Exiting normally.*|\s*Last message repeated.*|Consider increasing the value for the 'analyzeduration'.*|Output file is empty, nothing was encoded.*|…)$/;
const MAX_REASON = 160;

/**
 * The one line of ffmpeg's stderr that says why it failed (its last meaningful one), without the
 * "[mov @ 0x…] " context, the file's path or the rest: e.g. "Invalid data found when processing input".
 */
export function failureReason(stderr: string, input: string): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !GENERIC_LINE.test(line));
  const last = lines.at(-1);
  if (last === undefined) return 'no reason given';
  let reason = last.replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/i, '');
  if (reason.startsWith(`${input}: `)) reason = reason.slice(input.length + 2);
  // ffmpeg 6.1+ wraps the reason: "Error opening input files: Invalid data found when processing input".
  reason = reason.replace(/^Error opening input files?: /, '');
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason;
}

/**
 * The path as ffmpeg should be given it: absolute, so it starts with "/" (or a drive) and can be
 * neither an option ("-x.mp4") nor a protocol ("pipe:1", "concat:a|b", "http://…"), which a name
 * such as "file:" + path would not prevent for every name. Checked to be a regular file: a FIFO
 * would block ffmpeg's open until the timeout (another process can still swap one in meanwhile;
 * the timeout covers that). A file that is gone throws its ENOENT, as the callers' isGone expects.
 */
export async function videoInput(path: string): Promise<string> {
  const absolute = resolve(path);
  const info = await stat(absolute);
  if (!info.isFile()) throw new NotRegularFileError(absolute, info.isFIFO() ? 'FIFO' : info.isDirectory() ? 'directory' : 'other');
  return absolute;
}
