import type { FileType } from '../../../src-shared/domain.ts';
import { FilePresence, type FoundFile } from '../files/file-presence.ts';
import type { Description } from '../file-workers/file-worker-messages.ts';
import { fileHash } from '../hashing/hash-file.ts';
import type { XmpSidecar } from '../metadata/xmp-sidecar.ts';
import { SidecarImport } from '../sidecars/import-sidecar.ts';
import { applyMoves, type MovedFile } from './apply-moves.ts';
import { placeNewFile } from './place-new-file.ts';
import { probePath } from './probe-path.ts';
import { reattachFile } from './reattach-file.ts';
import { replaceInPlace } from './replace-in-place.ts';
import type { FileRow, ScanStore } from './scan-store.ts';
import { knownError, NO_HINTS, ScanWork, type DescribeRequest, type HashedHints, type ScanChange, type SidecarRequest } from './scan-work.ts';
import type { SeenFile } from './walk-folders.ts';

/** Order in which one folder's new files are applied: pictures first, so RAW and sidecars find their photo. */
const TYPE_ORDER: Readonly<Record<FileType, number>> = { IMAGE: 0, VIDEO: 1, RAW_FILE: 2, METADATA_FILE: 3, UNKNOWN: 4 };

/** Sorts a folder's hashed files so that each photo's main file is applied before its companions. */
export function byTypeOrder<T extends { seen: SeenFile }>(items: T[]): T[] {
  return items.sort((a, b) => TYPE_ORDER[a.seen.type] - TYPE_ORDER[b.seen.type]);
}

/** Where and as what the walk saw a file: what its row is pointed at when it is found there. */
const foundAt = (hash: string, seen: SeenFile): FoundFile => ({
  hash,
  path: seen.path,
  rootId: seen.rootId,
  stat: { size: seen.size, mtimeMs: seen.mtimeMs, dev: seen.dev, ino: seen.ino },
});

/**
 * Applies what the walk and the hashing found to the database, one file at a time, inside the
 * caller's batch transaction: new files and photos (place-new-file.ts), known files that came back
 * (reattach-file.ts), copies, content replaced in place (replace-in-place.ts). Files found again or
 * gone are flagged through the file-presence flags, settled at each commit (`drain`).
 */
export class ScanApplier {
  readonly #work: ScanWork;
  #sidecars: SidecarImport | undefined;

  /** Told of each change applied (the live library's log and `keepsake watch`); nothing is told of unchanged files. */
  readonly #onChange: ((change: ScanChange) => void) | undefined;

  constructor(store: ScanStore, onlineRoots: ReadonlySet<number>, now: () => Date, onChange?: (change: ScanChange) => void) {
    this.#work = new ScanWork(store, new FilePresence(store.db, store.libraryId, now), onlineRoots, now);
    this.#onChange = onChange;
  }

  #tell(change: ScanChange['change'], hash: string, path: string, from?: string): void {
    if (this.#onChange === undefined) return;
    const imageHash = this.#work.store.photosOf(hash)[0]?.image_hash ?? null;
    this.#onChange({ change, path, ...(from === undefined ? {} : { from }), image_hash: imageHash });
  }

  /** A known file that vanished from its path, seen at a new one with the same inode, size and mtime: moved, relinked unhashed. */
  moved(row: FileRow, seen: SeenFile): void {
    this.#work.counts.relinked++;
    this.#work.presence.flagFound([foundAt(row.hash, seen)]);
    reattachFile(this.#work, row.hash, seen);
    this.#tell('moved', row.hash, seen.path, row.path);
  }

  /** A folder's moved files (see moved): the plain ones as a set (apply-moves.ts), the others one by one. */
  movedAll(moves: readonly MovedFile[]): void {
    const { applied, others } = applyMoves(this.#work, moves);
    this.#work.counts.relinked += applied.length;
    if (this.#onChange !== undefined) for (const { row, seen, imageHash } of applied) this.#onChange({ change: 'moved', path: seen.path, from: row.path, image_hash: imageHash });
    for (const { row, seen } of others) this.moved(row, seen);
  }

  get counts(): ScanWork['counts'] {
    return this.#work.counts;
  }

  /** A file whose stat matches its row, but the row says missing / unreadable / another root: it is back. */
  restore(row: FileRow, seen: SeenFile): void {
    this.#work.presence.flagFound([foundAt(row.hash, seen)]);
    if (row.missing === 1) {
      this.#work.counts.relinked++;
      reattachFile(this.#work, row.hash, seen);
      this.#tell(row.path === seen.path ? 'restored' : 'moved', row.hash, seen.path, row.path === seen.path ? undefined : row.path);
    } else {
      this.#work.counts.unchanged++;
    }
  }

  /** The hash could not be computed (gone since the walk, permission denied): counted, never fatal. */
  hashFailed(seen: SeenFile, error: Error): void {
    this.#work.counts.errors++;
    const code = (error as NodeJS.ErrnoException).code;
    const row = this.#work.store.fileAt(seen.path);
    if (row !== undefined && (code === 'EACCES' || code === 'EPERM')) this.#work.presence.flagUnreadable([row.hash]);
  }

  /** A hashed file: new, moved (relink), a copy, the same file touched, or a file edited in place. */
  hashed(seen: SeenFile, md5: string, hints: HashedHints = NO_HINTS): void {
    const { store, counts } = this.#work;
    counts.hashed++;
    const hash = fileHash(md5, store.libraryId);
    const known = store.file(hash);
    const atPath = store.fileAt(seen.path);
    if (atPath !== undefined && atPath.hash !== hash) {
      replaceInPlace(this.#work, atPath, seen, hash, known, hints);
      this.#tell('changed', hash, seen.path);
      return;
    }
    store.forgetCopyAt(seen.path);
    if (known === undefined) {
      counts.added++;
      store.insertFile(hash, seen, knownError(seen, hints));
      placeNewFile(this.#work, hash, seen, hints);
      this.#tell('added', hash, seen.path);
      return;
    }
    if (known.path === seen.path) {
      // Same content at the same place; only its stat changed (touched, copied back, restored).
      this.restore(known, seen);
      return;
    }
    const there = probePath(known.path);
    if (there !== undefined && (there === 'unreadable' || (there.isFile() && there.size === known.size))) {
      // The content still lives at its recorded path: this is a copy. Remember it, never flip paths.
      counts.added++;
      store.insertCopy(hash, seen);
      return;
    }
    counts.relinked++;
    this.#work.presence.flagFound([foundAt(hash, seen)]);
    reattachFile(this.#work, hash, seen);
    this.#tell('moved', hash, seen.path, known.path);
  }

  /** The description of a new (or re-pointed) photo came back from the workers. */
  described(request: DescribeRequest, value: Description): void {
    this.#work.store.describe(request.imageHash, value);
    this.#work.store.setFileError(request.fileHash, value.error);
    if (value.error !== null) this.#work.counts.errors++;
  }

  /**
   * An XMP sidecar, applied to a photo this scan created (never over the user's own values): its
   * rating, caption and date here, its albums, keywords, label and faces by sidecars/import-sidecar.ts.
   */
  sidecarRead(request: SidecarRequest, value: XmpSidecar): void {
    const { rating, caption, capturedAt } = value;
    this.#work.store.applySidecar(request.imageHash, { rating, caption, capturedAt });
    this.#sidecars ??= new SidecarImport(this.#work.store.db, this.#work.store.libraryId, this.#work.now);
    this.#sidecars.apply(request.imageHash, request.path, value);
  }

  /** Settles the batch (main files, availability) and takes the workers' work collected since the last call. */
  drain(): { describes: DescribeRequest[]; sidecars: SidecarRequest[] } {
    return this.#work.drain();
  }
}
