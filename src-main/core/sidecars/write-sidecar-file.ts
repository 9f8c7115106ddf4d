/**
 * Writes one sidecar atomically: into a hidden temporary file beside it (the scan skips dot files),
 * then renamed over it, so that no app ever reads half a sidecar and a crash leaves either the old
 * file or the new one. Only `.xmp` paths are ever written: a sidecar write cannot reach a photo.
 */
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isSidecarName } from './sidecar-path.ts';

let sequence = 0;

/** What the written file is now. */
export interface WrittenSidecar {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Writes `text` to `path`. `replacing`: the file there now (its permissions are kept, and the new
 * content reaches the disk before the rename, so that a power cut cannot leave another app's
 * sidecar empty); a new sidecar is not synced one by one (thousands are written at a time, and
 * there is nothing there to lose).
 */
export async function writeSidecarFile(path: string, text: string, replacing: { readonly mode: number } | null): Promise<WrittenSidecar> {
  if (!isSidecarName(path)) throw new Error(`internal: Keepsake writes only .xmp files beside photos, not ${path}`);
  sequence += 1;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${sequence}.keepsake-tmp`);
  // 'wx': never opens (or follows) anything already at the temporary name.
  const handle = await open(temp, 'wx', 0o666);
  let written: WrittenSidecar;
  try {
    await handle.writeFile(text, 'utf8');
    if (replacing !== null) {
      await handle.chmod(replacing.mode & 0o7777);
      await handle.sync();
    }
    const info = await handle.stat();
    written = { size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  try {
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return written;
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
