/**
 * Writes one sidecar atomically: into a hidden temporary file beside it (the scan skips dot files),
 * then renamed over it, so that no app ever reads half a sidecar and a crash leaves either the old
 * file or the new one. Only `.xmp` paths are ever written: a sidecar write cannot reach a photo.
 */
import { createHash } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isSidecarName } from './sidecar-path.ts';

let sequence = 0;

/**
 * Writes `text` to `path`; resolves with its size in bytes. `replacing`: the file there now (its
 * permissions are kept, and the new content reaches the disk before the rename, so that a power cut
 * cannot leave another app's sidecar empty); a new sidecar is not synced one by one (thousands are
 * written at a time, and there is nothing there to lose).
 */
export async function writeSidecarFile(path: string, text: string, replacing: { readonly mode: number } | null): Promise<number> {
  if (!isSidecarName(path)) throw new Error(`internal: Keepsake writes only .xmp files beside photos, not ${path}`);
  sequence += 1;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${sequence}.keepsake-tmp`);
  const bytes = Buffer.from(text, 'utf8');
  try {
    // 'wx': never opens (or follows) anything already at the temporary name.
    if (replacing === null) await writeFile(temp, bytes, { flag: 'wx', mode: 0o666 });
    else {
      const handle = await open(temp, 'wx', 0o666);
      try {
        await handle.writeFile(bytes);
        await handle.chmod(replacing.mode & 0o7777);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return bytes.length;
}

/** Why a sidecar could not be written, in words. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EROFS':
      return 'the drive is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the drive is full';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'its folder is gone';
    default:
      return `cannot write: ${((error as Error | null)?.message ?? String(error)).split('\n')[0]}`;
  }
}

/** One sidecar to write, as the file workers are handed it. */
export interface SidecarFileWrite {
  readonly path: string;
  readonly text: string;
  readonly replacing: { readonly mode: number } | null;
}

/**
 * How one write went: its size and the MD5 of its bytes (worked out where the bytes are, in the
 * file worker, not on the main thread), or its error as plain data (a batch never fails as a whole).
 */
export type SidecarWriteOutcome =
  | { readonly ok: true; readonly size: number; readonly digest: string }
  | { readonly ok: false; readonly code: string | null; readonly message: string };

/** The MD5 of a sidecar's bytes: the scan's own hash of a file, so that a scan can tell another app's edit. */
export const sidecarDigest = (data: Buffer | string): string => createHash('md5').update(data).digest('hex');

/**
 * writeSidecarFile for a batch, with blocking calls: for a file worker (file-worker.ts), where a
 * drive that stops answering holds that worker only, never the main thread, and thousands of
 * sidecars go out without a thread-pool round trip per call.
 */
export function writeSidecarFilesSync(writes: readonly SidecarFileWrite[], tag: string): SidecarWriteOutcome[] {
  return writes.map(({ path, text, replacing }) => {
    if (!isSidecarName(path)) return { ok: false, code: null, message: `internal: Keepsake writes only .xmp files beside photos, not ${path}` };
    sequence += 1;
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${tag}-${sequence}.keepsake-tmp`);
    const bytes = Buffer.from(text, 'utf8');
    try {
      const fd = openSync(temp, 'wx', 0o666);
      try {
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written);
        if (replacing !== null) {
          fchmodSync(fd, replacing.mode & 0o7777);
          fsyncSync(fd);
        }
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
      return { ok: true, size: bytes.length, digest: sidecarDigest(bytes) };
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // Never created, or gone with its folder.
      }
      const e = error as NodeJS.ErrnoException;
      return { ok: false, code: e.code ?? null, message: e.message ?? String(error) };
    }
  });
}
