/**
 * A file worker that hangs the way a real one did before its opens were non-blocking: every
 * `identify` blocks its thread in a plain open() of the FIFO named by KEEPSAKE_TEST_HANG_FIFO, a
 * syscall nothing can interrupt but a writer opening the FIFO. For the pool's and the core's
 * "a worker is stuck" tests; it speaks the file workers' messages (file-worker-messages.ts).
 */
import { closeSync, openSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const fifo = process.env['KEEPSAKE_TEST_HANG_FIFO'];
const port = parentPort;
if (port === null || fifo === undefined) throw new Error('hanging-file-worker runs as a worker thread with KEEPSAKE_TEST_HANG_FIFO set');
port.on('message', (request: { id: number; kind: string }) => {
  if (request.kind === 'identify') closeSync(openSync(fifo, 'r'));
  port.postMessage({ id: request.id, ok: false, error: { name: 'Error', message: 'released', code: 'ERELEASED' } });
});
