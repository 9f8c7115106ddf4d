/**
 * A short-lived worker thread that deletes files: given `{ paths }`, unlinks them and answers with
 * how many were there. Lets a big thumbnail removal go on while the main thread is blocked (Delete
 * Missing's WAL checkpoint runs meanwhile).
 */
import { parentPort } from 'node:worker_threads';
import { unlinkEach } from './unlink-files.ts';

const port = parentPort;
if (port === null) throw new Error('unlink-worker must run as a worker thread');
port.once('message', ({ paths }: { paths: string[] }) => {
  void unlinkEach(paths).then((removed) => port.postMessage({ removed }));
});
