import { workerData } from 'node:worker_threads';

/**
 * Why a decoding error needs a lock: libvips keeps ONE error text for the whole process, and sharp
 * reads it, then clears it, after a failed operation. Decodes run at once on libuv's threads of
 * every file worker, so a failure could read another file's message, or nothing ("Unknown error")
 * when another thread cleared it first. Decodes take this lock shared (they still run in
 * parallel); a decode that failed is done again holding it alone, so that the text it reads is its
 * own file's.
 *
 * The state lives in a SharedArrayBuffer, one per process: made on the main thread and handed to
 * every file worker as `workerData.decoderLock` (file-workers.ts). Int32 slots: [0] decodes
 * running, [1] an exclusive holder (0/1), [2] a generation bumped at each release (waiters wait on it).
 */
const given = (workerData as { decoderLock?: unknown } | null | undefined)?.decoderLock;
export const DECODER_LOCK_BUFFER: SharedArrayBuffer = given instanceof SharedArrayBuffer ? given : new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
const state = new Int32Array(DECODER_LOCK_BUFFER);
const READERS = 0;
const WRITER = 1;
const GENERATION = 2;

/** Atomics.waitAsync (Node ≥ 16; in the ES2024 lib, which the project's ES2023 types do not include). */
const waitAsync = (Atomics as unknown as { waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

/** Waits (without blocking the thread) until the generation moves on from `seen`. */
async function changed(seen: number): Promise<void> {
  const wait = waitAsync(state, GENERATION, seen);
  if (wait.async) await wait.value;
}

function released(): void {
  Atomics.add(state, GENERATION, 1);
  Atomics.notify(state, GENERATION);
}

/** Runs a decode alongside the others (none runs alone meanwhile). */
export async function decodeShared<T>(decode: () => Promise<T>): Promise<T> {
  for (;;) {
    const seen = Atomics.load(state, GENERATION);
    if (Atomics.load(state, WRITER) === 0) {
      Atomics.add(state, READERS, 1);
      if (Atomics.load(state, WRITER) === 0) break;
      Atomics.sub(state, READERS, 1);
      released();
    }
    await changed(seen);
  }
  try {
    return await decode();
  } finally {
    Atomics.sub(state, READERS, 1);
    released();
  }
}

/** Runs a decode with no other decode in the process (its error text is its own). */
export async function decodeAlone<T>(decode: () => Promise<T>): Promise<T> {
  for (;;) {
    const seen = Atomics.load(state, GENERATION);
    if (Atomics.compareExchange(state, WRITER, 0, 1) === 0) break;
    await changed(seen);
  }
  try {
    for (;;) {
      const seen = Atomics.load(state, GENERATION);
      if (Atomics.load(state, READERS) === 0) break;
      await changed(seen);
    }
    return await decode();
  } finally {
    Atomics.store(state, WRITER, 0);
    released();
  }
}
