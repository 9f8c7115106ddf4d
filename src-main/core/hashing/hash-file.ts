import { createHash } from 'node:crypto';
import { closeSync, readSync } from 'node:fs';
import { openRegular, openRegularSync } from '../file-workers/open-regular.ts';

/** Read size for hashing: large enough to amortise each read, small enough to stay in cache. */
export const HASH_CHUNK_BYTES = 1024 * 1024;

/**
 * MD5 hex of a file's content (equal to `md5sum`), streamed through one reused 1 MiB buffer so that
 * hashing a large video never holds it in memory. Opened non-blocking and refused (code 'ENOTREG')
 * unless it is a regular file: a FIFO must never block the open (see open-regular.ts).
 */
export async function md5File(path: string): Promise<string> {
  const { handle } = await openRegular(path);
  try {
    const hash = createHash('md5');
    const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/**
 * Synchronous MD5 of a file into a caller-owned buffer: what the file workers use, since a worker
 * does one file at a time and a sync read avoids a promise per chunk. When `head` is given, the
 * file's first bytes are copied into it on the way (the rest of it is zeroed). Refuses anything but
 * a regular file, as md5File does.
 */
export function md5FileSync(path: string, buffer: Buffer, head?: Buffer): string {
  const { fd } = openRegularSync(path);
  try {
    const hash = createHash('md5');
    head?.fill(0);
    for (let first = true; ; first = false) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (first && head !== undefined) buffer.copy(head, 0, 0, Math.min(bytesRead, head.length));
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** A file's identity in a library: MD5 hex + the library id as a decimal string (LibrePhotos' calculate_hash). */
export function fileHash(md5: string, libraryId: number): string {
  return md5 + String(libraryId);
}
