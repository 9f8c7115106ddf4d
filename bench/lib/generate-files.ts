import { randomFillSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a generated tree holds. */
export interface GeneratedTree {
  readonly root: string;
  /** Folder under `root` that holds every generated file (removing it leaves the root in place). */
  readonly tree: string;
  readonly files: number;
  readonly bytes: number;
}

export interface TreeSpec {
  readonly files: number;
  /** Smallest and largest file size in bytes. */
  readonly minBytes: number;
  readonly maxBytes: number;
  /** Files per folder (folders are nested two deep: tree/aNNN/bNNN/). */
  readonly perFolder?: number;
  /** File extension, e.g. ".jpg": random bytes named like photos take the "cannot decode" path. */
  readonly extension?: string;
}

/**
 * Writes `files` files of random bytes (each distinct: its index leads the content) in nested
 * folders under `root/tree`, plus one small file at the root itself so that removing the tree
 * leaves a root that is still there (online) with its files gone (missing).
 */
export function generateTree(root: string, spec: TreeSpec): GeneratedTree {
  const perFolder = spec.perFolder ?? 100;
  const extension = spec.extension ?? '.jpg';
  const tree = join(root, 'tree');
  mkdirSync(tree, { recursive: true });
  writeFileSync(join(root, 'README.txt'), 'Keepsake bench library\n');
  // One random pool, sliced at a moving offset: cheap randomness for many files.
  const pool = Buffer.allocUnsafe(Math.max(spec.maxBytes * 4, 1 << 20));
  randomFillSync(pool);
  const buffer = Buffer.allocUnsafe(spec.maxBytes);
  const span = spec.maxBytes - spec.minBytes + 1;
  let bytes = 0;
  let folder = '';
  for (let i = 0; i < spec.files; i += 1) {
    if (i % perFolder === 0) {
      const f = Math.floor(i / perFolder);
      folder = join(tree, `a${String(Math.floor(f / 100)).padStart(3, '0')}`, `b${String(f % 100).padStart(3, '0')}`);
      mkdirSync(folder, { recursive: true });
    }
    const size = spec.minBytes + ((i * 2654435761) % span);
    const offset = (i * 7919) % (pool.length - size);
    pool.copy(buffer, 0, offset, offset + size);
    // The index makes every file's content (and so its hash) distinct.
    if (size >= 8) buffer.writeBigUInt64LE(BigInt(i), 0);
    writeFileSync(join(folder, `img${String(i).padStart(7, '0')}${extension}`), buffer.subarray(0, size));
    bytes += size;
  }
  return { root, tree, files: spec.files, bytes };
}
