/**
 * How the file workers open a user's file: non-blocking, then checked with fstat on the descriptor
 * itself (not the path, which may change meanwhile) that it is a regular file. A FIFO put where a
 * photo was would otherwise block the open until someone writes to it — forever, tying up a worker
 * (a sync open) or a thread of the process's I/O pool (an async one, as sharp's and exifr's own
 * opens are), and no `worker.terminate()` nor `process.exit()` gets past a thread blocked in a
 * syscall. So no decoder is ever handed a path: each gets bytes read from a descriptor opened here.
 * (The media handler does the same for the viewer: src-main/media/media-handler.ts.)
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';

/** O_NONBLOCK where the platform has it (not on Windows, which has no FIFOs in the file system). */
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const FLAGS = constants.O_RDONLY | NONBLOCK;

/** What a path is instead of a regular file, in the words of the error. */
function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'FIFO';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isDirectory()) return 'directory';
  return 'other';
}

/** A path that is a FIFO, socket, device or folder where a file was expected: code 'ENOTREG'. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
  readonly code = 'ENOTREG';
  readonly path: string;
  constructor(path: string, kind: string) {
    super(`not a regular file (${kind})`);
    this.path = path;
  }
}

/** A socket cannot be opened at all (ENXIO): say what it is rather than "no such device or address". */
function explainSync(path: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ENXIO') return error;
  try {
    return new NotRegularFileError(path, kindOf(statSync(path)));
  } catch {
    return error;
  }
}

async function explain(path: string, error: unknown): Promise<unknown> {
  if ((error as NodeJS.ErrnoException).code !== 'ENXIO') return error;
  return stat(path).then((info) => new NotRegularFileError(path, kindOf(info)), () => error);
}

/** Opens a regular file to read (sync); throws NotRegularFileError for anything else. The caller closes the descriptor. */
export function openRegularSync(path: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (error) {
    throw explainSync(path, error);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new NotRegularFileError(path, kindOf(info));
    return { fd, size: info.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Opens a regular file to read; throws NotRegularFileError for anything else. The caller closes the handle. */
export async function openRegular(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, FLAGS);
  } catch (error) {
    throw await explain(path, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotRegularFileError(path, kindOf(info));
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Reads up to `length` bytes from the start of an open file (fewer if it is shorter). */
async function readFrom(handle: FileHandle, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * A regular file's first `length` bytes (all of it when shorter, or when `length` is left out) and
 * its size, or `data: null` when the file is larger than `maxBytes` (then nothing is read).
 */
export async function readRegular(path: string, options: { length?: number; maxBytes?: number } = {}): Promise<{ data: Buffer | null; size: number }> {
  const { handle, size } = await openRegular(path);
  try {
    if (options.maxBytes !== undefined && size > options.maxBytes) return { data: null, size };
    return { data: await readFrom(handle, Math.min(size, options.length ?? size)), size };
  } finally {
    await handle.close();
  }
}

/**
 * readRegular, synchronously: for the small files a worker reads whole and at once (sidecars). Four
 * async steps (open, fstat, read, close) would each wait for a thread of the I/O pool — which a scan
 * keeps busy making thumbnails — for a file read in microseconds.
 */
export function readRegularSync(path: string, options: { maxBytes?: number } = {}): { data: Buffer | null; size: number } {
  const { fd, size } = openRegularSync(path);
  try {
    if (options.maxBytes !== undefined && size > options.maxBytes) return { data: null, size };
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const bytesRead = readSync(fd, buffer, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { data: buffer.subarray(0, filled), size };
  } finally {
    closeSync(fd);
  }
}
