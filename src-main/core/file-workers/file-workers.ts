import { getCompileCacheDir } from 'node:module';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileType } from '../../../src-shared/domain.ts';
import type { FolderListing } from '../files/list-folder.ts';
import { DECODER_LOCK_BUFFER } from '../thumbnails/decoder-lock.ts';
import { decodesOneAtATime } from '../thumbnails/heif-files.ts';
import type { VideoTools } from '../video/find-video-tools.ts';
import type { SidecarFileWrite } from '../sidecars/write-sidecar-file.ts';
import { LANES } from '../hashing/md5-kernel.ts';
import { unpackListing } from './listing-transfer.ts';
import { FileWorkerError, type Description, type Identity, type WorkerRequest, type WorkerResponse, type WorkerValues } from './file-worker-messages.ts';

/**
 * The file workers: a pool of worker threads, one per core by default, that do the scan's file work
 * off the main thread — hash files, make thumbnails and read capture dates (EXIF), read XMP sidecars
 * and list folders for the walk.
 */
export interface FileWorkers {
  /** MD5 hex of a file's content (not yet the library-scoped file hash), and whether it starts like an image (a scan then skips decoding what is not one). */
  identify(path: string): Promise<Identity>;
  /**
   * Capture date (EXIF, a video's container) + webp thumbnail at `dest` in one trip; an undecodable
   * file resolves with `error` set. Videos need `videoTools` (null: not tried, see Description).
   */
  describe(source: string, dest: string, type: FileType, videoTools?: VideoTools | null): Promise<Description>;
  /** The lightbox's full-size preview at `dest` (see thumbnails/make-preview.ts); goes ahead of a scan's work: the user waits for it. */
  preview(source: string, dest: string, type: FileType): Promise<{ width: number; height: number }>;
  /** One folder read and stat'ed as the scan's walk does; goes ahead of queued hashing (the walk feeds it). */
  listFolder(folder: string, maxFiles: number): Promise<FolderListing>;
  /** Rating, caption and capture date of an `.xmp` sidecar. */
  sidecar(path: string): Promise<WorkerValues['sidecar']>;
  /** The camera information in a picture's EXIF, for the viewer's Info panel; goes ahead of a scan's work, like a preview. */
  cameraInfo(path: string): Promise<WorkerValues['cameraInfo']>;
  /** Writes sidecars atomically (sidecars/write-sidecar-file.ts), each one's outcome as data. */
  writeSidecars(writes: readonly SidecarFileWrite[]): Promise<WorkerValues['writeSidecars']>;
  /** Requests queued or running. */
  readonly pending: number;
  /**
   * Gives up every request queued or running (a cancelled scan): they reject at once with
   * 'Abandoned', and a worker that does not answer what it was doing within a second is
   * terminated and replaced, so a stuck one never holds the next job.
   */
  abandon(): void;
  /** Stops the workers; requests still pending reject. Resolves within CLOSE_WAIT_MS, even when a worker is stuck. */
  close(): Promise<void>;
}

/** The pool as its creator holds it. */
export type FileWorkerPool = FileWorkers;

/** Where the pool reports a worker that failed or was stuck (a pino Logger is one). */
export interface PoolLog {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Task {
  readonly id: number;
  readonly body: RequestBody;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  readonly inFlight: Map<number, Task>;
  /** Whether the worker currently keeps the process alive (tracked: ref/unref per message is not free). */
  referenced: boolean;
  /** Requests given up (abandon) that the worker still works on: it gets no new work until it answers them or is replaced. */
  readonly abandoned: Set<number>;
  retire: NodeJS.Timeout | null;
}

/**
 * HEIC and JPEG XL decodes (libheif and jxl-oxide in WebAssembly) go to the first worker only, one at
 * a time: each holds the whole picture and grows its wasm heap (~250 MB for a 12 MP HEIC, ~0.5 GB for
 * a JPEG XL) for good, so one per worker would double a scan's memory for little speed.
 */
const isHeavy = (body: RequestBody): boolean => (body.kind === 'describe' || body.kind === 'preview') && decodesOneAtATime(body.source);

/**
 * Requests sent ahead to each worker so it never waits for the main thread between two files: twice
 * its MD5 lanes (md5-kernel.ts LANES), so that a lane whose file ends finds the next one there.
 */
const IN_FLIGHT_PER_WORKER = 2 * LANES;
/** How long an abandoned request may take to answer before its worker is terminated and replaced. */
const ABANDON_GRACE_MS = 1000;
/**
 * How long close() waits for the workers to exit. A worker blocked in a syscall (an open that never
 * returns) cannot be terminated at all — it ends when the call returns — so close does not wait
 * for it past this (measured: terminate() of a thread blocked in open() of a FIFO never settles).
 */
export const CLOSE_WAIT_MS = 2000;

/** The worker module next to this one, with this module's own extension (.ts in tests, .js when built). */
function workerUrl(): URL {
  return new URL(`./file-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
}

/**
 * The workers' environment: the process's, plus its compile cache when an entry point enabled one
 * (`module.enableCompileCache()`). Workers do not share the main thread's cache otherwise, and with
 * it a worker answers its first request in ~30 ms instead of ~70 (measured, 2 cores), which a
 * first scan otherwise spends with no hashing at all.
 */
function workerEnv(): NodeJS.ProcessEnv {
  const cache = getCompileCacheDir();
  return cache === undefined ? { ...process.env } : { ...process.env, NODE_COMPILE_CACHE: cache };
}

/**
 * Starts a pool of worker threads. Requests queue in the main thread and go to the least busy
 * worker; a worker that dies is replaced and its requests reject (never the whole pool). Idle
 * workers do not keep the process alive.
 */
export function createFileWorkers(options: { size?: number; log?: PoolLog; workerModule?: URL } = {}): FileWorkerPool {
  const log = options.log;
  const size = Math.max(1, options.size ?? availableParallelism());
  // Another module speaking the same messages (a worker that hangs, to prove the pool survives it).
  const url = options.workerModule ?? workerUrl();
  // A FIFO with a moving head: Array.shift() on a queue of 100,000 requests costs O(n) each.
  let queue: Task[] = [];
  let head = 0;
  // Requests that go before the queue: folder listings, which the walk needs to produce more work, and previews.
  const urgent: Task[] = [];
  // HEIC decodes, for the first worker, one at a time (see isHeavy); previews first.
  const heavy: Task[] = [];
  let heavyInFlight: number | null = null;
  let nextId = 1;
  let closed = false;

  const slots: Slot[] = [];
  const spawn = (slot?: Slot): Slot => {
    // Heap limits make V8 collect in the workers instead of growing: a million-file scan must stay
    // within its memory budget. Measured: a 4 MB young generation (was 8) costs nothing, while an old
    // generation capped at 32 MB cost 20% of hashing throughput on 1 MiB files (more collections),
    // so it stays at 96. Pixel and file buffers live outside the V8 heap.
    // decoderLock: one per process, shared by every worker of every pool (see thumbnails/decoder-lock.ts).
    const worker = new Worker(url, { env: workerEnv(), workerData: { decoderLock: DECODER_LOCK_BUFFER }, resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 4 } });
    const target: Slot = slot ?? { worker, inFlight: new Map(), referenced: false, abandoned: new Set(), retire: null };
    target.worker = worker;
    target.referenced = false;
    target.abandoned.clear();
    if (target.retire !== null) clearTimeout(target.retire);
    target.retire = null;
    worker.on('message', (response: WorkerResponse) => {
      if (target.worker !== worker) return;
      if (target.abandoned.delete(response.id)) {
        if (target.abandoned.size === 0 && target.retire !== null) {
          clearTimeout(target.retire);
          target.retire = null;
          pump();
        }
        return;
      }
      if (response.id === heavyInFlight) heavyInFlight = null;
      const task = target.inFlight.get(response.id);
      if (task === undefined) return;
      target.inFlight.delete(response.id);
      if (response.ok) task.resolve(response.value);
      else task.reject(new FileWorkerError(response.error));
      pump();
    });
    const fail = (error: Error) => {
      if (target.worker !== worker) return;
      if (!closed) log?.error({ err: error, inFlight: target.inFlight.size }, 'file worker failed; starting another');
      for (const task of target.inFlight.values()) task.reject(error);
      if (heavyInFlight !== null && target.inFlight.has(heavyInFlight)) heavyInFlight = null;
      target.inFlight.clear();
      if (!closed) {
        spawn(target);
        pump();
      }
    };
    worker.on('error', (error) => fail(new FileWorkerError({ name: 'WorkerCrashed', message: `file worker failed: ${error.message}` })));
    worker.on('exit', (code) => fail(new FileWorkerError({ name: 'WorkerCrashed', message: `file worker exited with code ${code}` })));
    worker.unref();
    return target;
  };
  for (let i = 0; i < size; i++) slots.push(spawn());

  const pump = () => {
    // The heavy lane: one at a time on the first worker, on top of what it already has in flight.
    const lane = slots[0];
    if (heavyInFlight === null && heavy.length > 0 && lane !== undefined && lane.abandoned.size === 0) {
      const task = heavy.shift() as Task;
      heavyInFlight = task.id;
      lane.inFlight.set(task.id, task);
      lane.worker.postMessage({ ...task.body, id: task.id });
    }
    while (urgent.length > 0 || head < queue.length) {
      let best: Slot | undefined;
      for (const slot of slots) {
        if (slot.abandoned.size > 0) continue;
        if (slot.inFlight.size < IN_FLIGHT_PER_WORKER && (best === undefined || slot.inFlight.size < best.inFlight.size)) best = slot;
      }
      if (best === undefined) break;
      const task = urgent.shift() ?? (queue[head++] as Task);
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      best.inFlight.set(task.id, task);
      best.worker.postMessage({ ...task.body, id: task.id });
    }
    // Busy workers keep the process alive (a pending request must finish); idle ones do not.
    for (const slot of slots) {
      const busy = slot.inFlight.size > 0;
      if (busy === slot.referenced) continue;
      slot.referenced = busy;
      if (busy) slot.worker.ref();
      else slot.worker.unref();
    }
  };

  const request = <K extends keyof WorkerValues>(body: RequestBody & { kind: K }): Promise<WorkerValues[K]> => {
    if (closed) return Promise.reject(new FileWorkerError({ name: 'PoolClosed', message: 'the file workers are closed' }));
    return new Promise<WorkerValues[K]>((resolve, reject) => {
      const task = { id: nextId++, body, resolve: resolve as (value: unknown) => void, reject };
      if (isHeavy(body)) {
        if (body.kind === 'preview') heavy.unshift(task);
        else heavy.push(task);
      } else if (body.kind === 'listFolder' || body.kind === 'preview' || body.kind === 'cameraInfo') urgent.push(task);
      else queue.push(task);
      pump();
    });
  };

  /** Replaces a slot's worker: the old one is terminated (not waited for: it may be stuck in a syscall) and no longer holds the process. */
  const replace = (slot: Slot, why: string): void => {
    const old = slot.worker;
    log?.warn({ abandoned: slot.abandoned.size, inFlight: slot.inFlight.size }, `file worker ${why}: terminating it and starting another`);
    const error = new FileWorkerError({ name: 'WorkerCrashed', message: `file worker ${why}` });
    for (const task of slot.inFlight.values()) task.reject(error);
    if (heavyInFlight !== null && slot.inFlight.has(heavyInFlight)) heavyInFlight = null;
    slot.inFlight.clear();
    spawn(slot);
    old.unref();
    void old.terminate().catch(() => undefined);
    pump();
  };

  const terminateWithin = async (worker: Worker, ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      return await Promise.race([worker.terminate().then(() => true, () => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    identify: (path) => request({ kind: 'identify', path }),
    describe: (source, dest, type, videoTools = null) => request({ kind: 'describe', source, dest, type, videoTools }),
    preview: (source, dest, type) => request({ kind: 'preview', source, dest, type }),
    sidecar: (path) => request({ kind: 'sidecar', path }),
    cameraInfo: (path) => request({ kind: 'cameraInfo', path }),
    writeSidecars: (writes) => request({ kind: 'writeSidecars', writes }),
    listFolder: (folder, maxFiles) => request({ kind: 'listFolder', folder, maxFiles }).then(unpackListing),
    get pending() {
      return urgent.length + heavy.length + queue.length - head + slots.reduce((sum, slot) => sum + slot.inFlight.size, 0);
    },
    abandon() {
      if (closed) return;
      const error = new FileWorkerError({ name: 'Abandoned', message: 'the request was given up (cancelled)' });
      for (const task of [...urgent.splice(0), ...heavy.splice(0), ...queue.slice(head)]) task.reject(error);
      queue = [];
      head = 0;
      for (const slot of slots) {
        if (slot.inFlight.size === 0) continue;
        for (const [id, task] of slot.inFlight) {
          if (id === heavyInFlight) heavyInFlight = null;
          slot.abandoned.add(id);
          task.reject(error);
        }
        slot.inFlight.clear();
        if (slot.retire !== null) continue;
        slot.retire = setTimeout(() => {
          slot.retire = null;
          if (!closed && slot.abandoned.size > 0) replace(slot, `did not answer within ${ABANDON_GRACE_MS} ms of being cancelled`);
        }, ABANDON_GRACE_MS);
        slot.retire.unref();
      }
      pump();
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new FileWorkerError({ name: 'PoolClosed', message: 'the file workers were closed' });
      for (const task of [...urgent.splice(0), ...heavy.splice(0), ...queue.slice(head)]) task.reject(error);
      queue = [];
      head = 0;
      for (const slot of slots) {
        for (const task of slot.inFlight.values()) task.reject(error);
        slot.inFlight.clear();
        if (slot.retire !== null) clearTimeout(slot.retire);
        slot.retire = null;
      }
      // Bounded: a worker blocked in a syscall never finishes terminating; it must not hold close (or the process's event loop).
      const exited = await Promise.all(slots.map((slot) => terminateWithin(slot.worker, CLOSE_WAIT_MS)));
      const stuck = exited.filter((done) => !done).length;
      if (stuck > 0) {
        for (const slot of slots) slot.worker.unref();
        log?.error({ stuck }, `file workers did not stop within ${CLOSE_WAIT_MS} ms (blocked in a system call); closed without them`);
      }
    },
  };
}
