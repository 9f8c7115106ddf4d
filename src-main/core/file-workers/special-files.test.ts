/**
 * Issue 11, part 3: special files never block. A FIFO (socket, device) where a photo was is refused
 * at once with its reason; a worker request that never answers (a worker stuck in a syscall: a
 * plain blocking open() of a FIFO) neither holds a cancelled scan nor close(), and the pool has
 * workers again afterwards. Bounds are upper bounds with a wide margin, not timings.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, opendirSync, openSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { corpusFile, makeTempLibrary } from '../../../test/support/temp-library.ts';
import { md5File } from '../hashing/hash-file.ts';
import { openKeepsake } from '../keepsake.ts';
import { scanPhotos } from '../scan/scan-photos.ts';
import { createFileWorkers, type FileWorkerPool, type FileWorkers } from './file-workers.ts';

const SAMPLE = 'exif-samples/jpg/Canon_40D.jpg';
const HANGING_WORKER = new URL('../../../test/support/hanging-file-worker.ts', import.meta.url);
const OTHER = 'exif-samples/jpg/Nikon_D70.jpg';
const windows = process.platform === 'win32';

/** Lets a thread blocked in a plain open() of this FIFO go (it then reads an empty file and ends). */
function release(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // Nobody blocked on it (ENXIO): nothing to release.
  }
}

/** Resolves once `check` holds, polling; rejects after `ms`. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The pool, with `identify` of paths ending in `stuck.jpg` sent to a second pool whose worker hangs
 * in a blocking open() of `fifo` (test/support/hanging-file-worker.ts): a request that never answers.
 */
function withStuckFile(pool: FileWorkerPool, fifo: string, onStuck: () => void = () => undefined): FileWorkers {
  process.env['KEEPSAKE_TEST_HANG_FIFO'] = fifo;
  const hanging = createFileWorkers({ size: 1, workerModule: HANGING_WORKER });
  return {
    identify: (path) => {
      if (!path.endsWith('stuck.jpg')) return pool.identify(path);
      onStuck();
      return hanging.identify(path);
    },
    describe: (source, dest, type, tools) => pool.describe(source, dest, type, tools),
    preview: (source, dest, type) => pool.preview(source, dest, type),
    listFolder: (folder, maxFiles) => pool.listFolder(folder, maxFiles),
    sidecar: (path) => pool.sidecar(path),
    cameraInfo: (path) => pool.cameraInfo(path),
    writeSidecars: (writes) => pool.writeSidecars(writes),
    get pending() {
      return pool.pending + hanging.pending;
    },
    abandon: () => {
      pool.abandon();
      hanging.abandon();
    },
    close: async () => {
      await Promise.all([pool.close(), hanging.close()]);
    },
  };
}

describe('special files', { skip: windows ? 'no FIFOs in the Windows file system' : false }, () => {
  let dir: string;
  let fifo: string;
  let pool: FileWorkerPool;
  let server: Server;
  let socket: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-special-'));
    fifo = join(dir, 'photo.jpg');
    execFileSync('mkfifo', [fifo]);
    socket = join(dir, 'socket.jpg');
    server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    pool = createFileWorkers({ size: 2 });
  });
  after(async () => {
    release(fifo);
    await pool.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a FIFO, a socket and a device at once, with the reason, in hashing, thumbnails and sidecars', async () => {
    const started = Date.now();
    const refused = (kind: string) => (error: Error & { code?: string }) => error.code === 'ENOTREG' && error.message === `not a regular file (${kind})`;
    await assert.rejects(pool.identify(fifo), refused('FIFO'));
    await assert.rejects(pool.identify(socket), refused('socket'));
    await assert.rejects(pool.identify('/dev/zero'), refused('device'));
    await assert.rejects(pool.describe(fifo, join(dir, 'thumb.webp'), 'IMAGE'), refused('FIFO'));
    await assert.rejects(pool.sidecar(fifo), refused('FIFO'));
    await assert.rejects(md5File(fifo), refused('FIFO'));
    assert.ok(Date.now() - started < 2000, 'nothing waited on the FIFO');
    // …and the workers still answer (none is blocked).
    assert.match((await pool.identify(corpusFile(SAMPLE))).md5, /^[0-9a-f]{32}$/);
  });

  it('a file swapped for a FIFO between the walk and the hashing: the scan ends, the file is an error with its reason', async () => {
    const lib = makeTempLibrary({ files: { 'a.jpg': SAMPLE, 'b.jpg': OTHER } });
    try {
      const swapped = join(lib.rootDir, 'b.jpg');
      const result = await scanPhotos(lib.context(), pool, {
        walkFs: {
          opendir: (path) => opendirSync(path, { bufferSize: 256 }),
          stat(path) {
            const info = statSync(path, { throwIfNoEntry: false });
            if (path === swapped) {
              rmSync(path);
              execFileSync('mkfifo', [path]); // listed as a regular file, a FIFO by the time it is hashed
            }
            return info;
          },
        },
      });
      assert.equal(result.added, 1);
      assert.equal(result.errors, 1);
      assert.equal(lib.db.prepare('SELECT count(*) FROM files WHERE path = ?').pluck().get(swapped), 0);
      const problem = lib.db.prepare('SELECT reason FROM scan_problems WHERE path = ?').pluck().get(swapped) as string | undefined;
      assert.match(problem ?? '', /not a regular file \(FIFO\)/);
    } finally {
      lib.cleanup();
    }
  });

  it('cancel stops a scan within 2 s while a worker request never answers, and the pool has workers again', async (t) => {
    const stuckFifo = join(dir, 'stuck-cancel.fifo');
    execFileSync('mkfifo', [stuckFifo]);
    const own = createFileWorkers({ size: 1 });
    const lib = makeTempLibrary({ files: { 'a.jpg': SAMPLE, 'stuck.jpg': OTHER } });
    try {
      let stuck = false;
      const workers = withStuckFile(own, stuckFifo, () => void (stuck = true));
      const controller = new AbortController();
      const scan = scanPhotos(lib.context({ signal: controller.signal }), workers);
      const settled = scan.then(() => 'finished', () => 'cancelled');
      await until(() => stuck);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the request is in the worker, blocked
      const cancelledAt = Date.now();
      controller.abort();
      assert.equal(await settled, 'cancelled');
      const took = Date.now() - cancelledAt;
      t.diagnostic(`cancel took ${took} ms`);
      assert.ok(took < 2000, `cancel took ${took} ms`);
      // The stuck worker is replaced: the same pool scans again (with the file no longer stuck).
      const started = Date.now();
      const again = await scanPhotos(lib.context(), own);
      assert.equal(again.added + again.unchanged, 2);
      t.diagnostic(`the next scan took ${Date.now() - started} ms (the stuck worker is replaced after 1 s)`);
      assert.ok(Date.now() - started < 5000);
    } finally {
      release(stuckFifo);
      await own.close();
      lib.cleanup();
    }
  });

  it('core.close() resolves within 5 s while a scan waits on a stuck worker; the next scan works', async (t) => {
    const stuckFifo = join(dir, 'stuck-close.fifo');
    execFileSync('mkfifo', [stuckFifo]);
    const dataDir = join(dir, 'data');
    const lib = makeTempLibrary({ files: { 'a.jpg': SAMPLE, 'stuck.jpg': OTHER } });
    let stuck = false;
    const core = openKeepsake({ dataDir, fileWorkers: () => withStuckFile(createFileWorkers({ size: 1 }), stuckFifo, () => void (stuck = true)) });
    try {
      const library = await core.handlers['libraries.add']({ name: 'L', folders: [lib.rootDir] });
      const { jobId } = await core.handlers['jobs.start']({ type: 'scan_photos', libraryId: library.id });
      await until(() => stuck);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closingAt = Date.now();
      await core.close();
      const took = Date.now() - closingAt;
      t.diagnostic(`close took ${took} ms`);
      assert.ok(took < 5000, `close took ${took} ms`);
      // The stuck thread is still blocked (nothing can end it but its open returning): a new core,
      // with new workers, scans the same library to the end.
      const next = openKeepsake({ dataDir, workers: 1 });
      try {
        const { jobId: second } = await next.handlers['jobs.start']({ type: 'scan_photos', libraryId: library.id });
        const record = await next.waitForJob(second);
        assert.equal(record.status, 'succeeded');
        assert.equal((await next.handlers['jobs.list']({ libraryId: library.id, limit: 10 })).find((job) => job.id === jobId)?.status, 'cancelled');
      } finally {
        await next.close();
      }
    } finally {
      release(stuckFifo);
      await core.close();
      lib.cleanup();
    }
  });
});
