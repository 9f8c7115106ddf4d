/**
 * A backup of the library database before a destructive step (Delete Missing, Delete forever, a
 * restore): a consistent copy made in a worker thread from a read-only connection, quick_checked,
 * fsynced and renamed into place as `backups/keepsake-<reason>-<UTC time>.db`; the newest ten are kept.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { dbPathOf } from '../data-folder/data-folder-files.ts';
import { DamagedDatabaseError } from '../db/open-database.ts';
import { assertReason, describeReason, partialBackupPath, publishBackup, removePartial, type BackupInfo } from './backup-files.ts';
import type { BackupAnswer, BackupRequest } from './backup-worker.ts';

export type { BackupInfo } from './backup-files.ts';

/** The worker module next to this one, with this module's own extension (.ts in tests, .js when built). */
const workerUrl = (): URL => new URL(`./backup-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Backs up the database (`source`, default `<dataDir>/keepsake.db`) into `<dataDir>/backups/` as
 * `reason` (the caller holds the writer lock). Other connections, this process's included, may go
 * on writing meanwhile: the copy is a snapshot. A copy that fails quick_check means the live
 * database is damaged: DamagedDatabaseError, nothing kept, the live file untouched. `spare` names
 * backups the pruning must keep (a restore's source).
 */
export async function makeBackup(dataDir: string, reason: string, now: Date, options: { source?: string; spare?: readonly string[] } = {}): Promise<BackupInfo> {
  assertReason(reason);
  const source = options.source ?? dbPathOf(dataDir);
  const partial = partialBackupPath(dataDir);
  try {
    const answer = await inWorker({ source, partial });
    if (answer.kind === 'damaged') throw new DamagedDatabaseError(source, `quick_check of a fresh copy: ${answer.problems.join('; ')}`, { before: describeReason(reason) });
    if (answer.kind === 'failed') {
      throw Object.assign(new Error(`could not back up ${source} before ${describeReason(reason)}, so nothing was done: ${answer.error.message}`), answer.error.code === undefined ? {} : { code: answer.error.code });
    }
    return publishBackup(dataDir, partial, reason, now, options.spare);
  } finally {
    removePartial(partial); // gone already once published; otherwise nothing half-written stays
  }
}

function inWorker(request: BackupRequest): Promise<BackupAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl());
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.once('message', (answer: BackupAnswer) => {
      settle(() => resolve(answer));
      void worker.terminate();
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the backup worker exited with code ${code} before it finished`))));
    worker.postMessage(request);
  });
}
