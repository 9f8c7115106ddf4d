import type { FileRow } from '../scan/scan-store.ts';
import type { SeenFile } from '../scan/walk-folders.ts';

/**
 * Known files that vanished from where they were (their path is gone), looked up by the device and
 * inode they had: a new path seen with the same inode, size and modification time is the same file
 * moved or renamed, relinked without hashing it (10,000 renames cost 10,000 stats, not 10,000 reads).
 * Only rows whose old path was found gone go in, so a hard link (both paths there) is never taken
 * for a move: it is hashed and recorded as a copy, as any copy.
 */
export class MoveCandidates {
  readonly #byInode = new Map<string, FileRow & { dev: number | null }>();

  static key(dev: number | null, ino: number | null): string | null {
    return ino === null ? null : `${dev ?? '?'}:${ino}`;
  }

  add(row: FileRow & { dev: number | null }): void {
    const key = MoveCandidates.key(row.dev, row.ino);
    if (key !== null) this.#byInode.set(key, row);
  }

  /** The vanished row this newly seen path is (same inode, size and mtime), taken out so it matches once. */
  take(seen: SeenFile): FileRow | undefined {
    const key = MoveCandidates.key(seen.dev, seen.ino);
    const row = key === null ? undefined : (this.#byInode.get(key) ?? this.#byInode.get(MoveCandidates.key(null, seen.ino) as string));
    if (row === undefined || row.size !== seen.size || row.mtime_ms !== seen.mtimeMs || (row.dev !== null && row.dev !== seen.dev)) return undefined;
    this.#byInode.delete(MoveCandidates.key(row.dev, row.ino) as string);
    return row;
  }

  get size(): number {
    return this.#byInode.size;
  }
}
