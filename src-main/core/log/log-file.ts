/**
 * Keepsake's log file, in the data folder's `logs/`: what went wrong, for the user to send. Written
 * with pino (structured JSON lines) into a size-rotated file (rotating-file-stream: 2 MiB, the last
 * 3 kept, gzipped), so it never grows past ~3 MiB. Each kind of process has its own file (the app,
 * the `keepsake` command): two processes never rotate the same file.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pino, type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export type { Logger } from 'pino';

/** The folder of the log files inside a data folder. */
export const LOGS_DIR = 'logs';

/** The log file of a kind of process. */
export const logFileOf = (dataDir: string, kind: 'app' | 'cli'): string => join(dataDir, LOGS_DIR, kind === 'app' ? 'keepsake.log' : 'keepsake-cli.log');

/** Opens (creating if needed) the log of this process; `close()` flushes it. */
export function openLogFile(dataDir: string, kind: 'app' | 'cli'): { log: Logger; path: string; close(): Promise<void> } {
  const path = logFileOf(dataDir, kind);
  mkdirSync(join(dataDir, LOGS_DIR), { recursive: true });
  const stream = createStream(basename(path), {
    path: join(dataDir, LOGS_DIR),
    size: '2M',
    maxFiles: 3,
    compress: 'gzip',
    // The stream's own list of rotated files, so it removes the oldest; named for what it is.
    history: `${basename(path)}.history`,
  });
  // A log that cannot be written (disk full, folder gone) must never stop Keepsake.
  stream.on('error', () => undefined);
  const log = pino({ base: { pid: process.pid, kind }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  return {
    log,
    path,
    close: () => new Promise((resolve) => stream.end(() => resolve())),
  };
}

/** A logger that writes nowhere (tests, and the core opened without a log). */
export const silentLog = (): Logger => pino({ level: 'silent' });
