import type { FileWorkers } from '../file-workers/file-workers.ts';
import type { Identity } from '../file-workers/file-worker-messages.ts';
import type { AnswerWaiter } from './answer-waiter.ts';
import { countStems, stemOf } from './file-stem.ts';
import type { PendingGroup } from './pending-groups.ts';
import type { ScanCounts } from './scan-work.ts';
import { sameStat, type FileRow, type ScanStore } from './scan-store.ts';
import type { FolderChunk } from './walk-folders.ts';
import type { MoveCandidates } from '../live/move-candidates.ts';

/** Files in a folder from which one query for the folder beats one per file. */
const FOLDER_QUERY_FROM = 8;

/** Hashes asked of the workers during the walk, and how many have answered (for progress). */
export interface HashProgress {
  queued: number;
  done: number;
}

/** What comparing a chunk works with. */
export interface CompareDeps {
  readonly store: ScanStore;
  readonly workers: FileWorkers;
  readonly counts: ScanCounts;
  readonly waiter: AnswerWaiter;
  readonly hashes: HashProgress;
  /** Known files that vanished from their paths (a reconciliation of changed folders): matched by inode, not hashed. */
  readonly moves?: MoveCandidates | undefined;
}

/** What comparing a chunk with the database found. */
export interface ComparedChunk {
  readonly group: PendingGroup;
  /** Every row of the folder was seen unchanged and in place: nothing there is missing. */
  readonly verified: boolean;
  /** The folder's rows (when it was looked up whole). */
  readonly rows: number;
}

/**
 * Compares one walked chunk with what the database holds: a file whose path, size, mtime and inode
 * match its row is unchanged (or, if its row says missing / unreadable / another root, back, to be
 * restored without hashing); a recorded copy that matches is unchanged too; every other file goes to
 * the workers to be hashed.
 */
export function compareChunk(chunk: FolderChunk, deps: CompareDeps): ComparedChunk {
  const { store, workers, counts, waiter, hashes } = deps;
  const group: PendingGroup = { restores: [], hashing: [], unsettled: 0 };
  // A whole folder's rows come in one query; a huge folder (several chunks) is looked up file by file.
  const known = chunk.whole && chunk.files.length >= FOLDER_QUERY_FROM ? store.filesIn(chunk.folder) : undefined;
  // A folder new to the library, seen whole: a file whose stem no other file there has is alone.
  const stems = known !== undefined && known.size === 0 ? countStems(chunk.files.map((file) => file.path)) : undefined;
  let unchangedHere = 0;
  for (const seen of chunk.files) {
    const row = known === undefined ? store.fileAt(seen.path) : known.get(seen.path);
    if (row !== undefined && sameStat(row, seen)) {
      // A folder's rows carry the stat only: the whole row is read for the few files that are back.
      if (row.missing === 1 || row.unreadable === 1 || row.root_id !== seen.rootId) group.restores.push({ row: known === undefined ? (row as FileRow) : (store.fileAt(seen.path) as FileRow), seen });
      else {
        counts.unchanged++;
        unchangedHere++;
      }
      continue;
    }
    const copy = store.copyAt(seen.path);
    if (copy !== undefined && sameStat(copy, seen)) {
      counts.unchanged++;
      continue;
    }
    const moved = row === undefined ? deps.moves?.take(seen) : undefined;
    if (moved !== undefined) {
      group.restores.push({ row: moved, seen, moved: true });
      continue;
    }
    hashes.queued++;
    group.unsettled++;
    const result = workers.identify(seen.path).then(
      (identity) => identity as Identity | Error,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    ).finally(() => {
      hashes.done++;
      group.unsettled--;
      waiter.answered();
    });
    group.hashing.push({ seen, alone: stems?.get(stemOf(seen.path)) === 1, result });
  }
  const verified = known !== undefined && unchangedHere === known.size && unchangedHere === chunk.files.length;
  return { group, verified, rows: known?.size ?? 0 };
}
