/**
 * Test fixture: a real ext4 filesystem image with its own UUID and label, loop-mounted and unmounted
 * like a USB drive being plugged in and pulled. Needs root and a kernel that allows loop mounts;
 * `loopMountSupport()` says whether this machine can, and why not.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (file: string, args: string[]): string => execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });

/** A filesystem image that can be mounted at any folder, then unmounted (its loop device freed). */
export class LoopDrive {
  readonly image: string;
  readonly label: string;
  mountedAt: string | null = null;

  constructor(image: string, label: string, sizeMb = 40) {
    this.image = image;
    this.label = label;
    writeFileSync(image, '');
    run('truncate', ['-s', `${sizeMb}M`, image]);
    run('mkfs.ext4', ['-q', '-F', '-L', label, image]);
  }

  /** The filesystem UUID mkfs gave the image, as blkid reads it. */
  uuid(): string {
    return run('blkid', ['-s', 'UUID', '-o', 'value', this.image]).trim();
  }

  /** Mounts the image at `folder` (created if needed); `readOnly` mounts it like a write-protected card. */
  mount(folder: string, readOnly = false): void {
    if (this.mountedAt !== null) throw new Error(`${this.image} is already mounted at ${this.mountedAt}`);
    mkdirSync(folder, { recursive: true });
    run('mount', ['-o', readOnly ? 'loop,ro' : 'loop', this.image, folder]);
    this.mountedAt = folder;
  }

  /** Unmounts (the kernel frees an auto-clear loop device); safe to call when not mounted. */
  unmount(): void {
    if (this.mountedAt === null) return;
    run('umount', [this.mountedAt]);
    this.mountedAt = null;
  }

  /** Unmounts whatever is left and detaches any loop device still bound to the image. */
  dispose(): void {
    try {
      this.unmount();
    } catch {
      // Busy or already gone: the lazy unmount below still frees it.
      if (this.mountedAt !== null) execFileSync('umount', ['-l', this.mountedAt], { stdio: 'ignore' });
      this.mountedAt = null;
    }
    try {
      const bound = run('losetup', ['-j', this.image]);
      for (const line of bound.split('\n')) {
        const device = line.split(':')[0];
        if (device) execFileSync('losetup', ['-d', device], { stdio: 'ignore' });
      }
    } catch {
      // losetup missing or nothing bound.
    }
  }
}

let support: { ok: true } | { ok: false; reason: string } | undefined;

/** Whether real loop mounts work here (root, mkfs.ext4, mount permitted): tried once, for real. */
export function loopMountSupport(): { ok: true } | { ok: false; reason: string } {
  if (support !== undefined) return support;
  if (process.platform !== 'linux') return (support = { ok: false, reason: 'loop mounts are a Linux test fixture' });
  if (process.getuid?.() !== 0) return (support = { ok: false, reason: 'not running as root: mount is not permitted' });
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-loop-trial-'));
  let drive: LoopDrive | null = null;
  try {
    drive = new LoopDrive(join(dir, 'trial.img'), 'TRIAL', 8);
    drive.mount(join(dir, 'mnt'));
    drive.unmount();
    support = { ok: true };
  } catch (error) {
    support = { ok: false, reason: `a trial loop mount failed: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    drive?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  return support;
}
