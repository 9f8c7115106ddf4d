import type { Identity } from '../file-workers/file-worker-messages.ts';
import type { FileRow } from './scan-store.ts';
import type { SeenFile } from './walk-folders.ts';

/** One folder chunk's work: files to restore without hashing, and files being hashed. */
export interface PendingGroup {
  /** `moved`: the row vanished from its path and this is it at a new one (same inode: see live/move-candidates.ts). */
  readonly restores: { row: FileRow; seen: SeenFile; moved?: boolean }[];
  readonly hashing: { seen: SeenFile; alone: boolean; result: Promise<Identity | Error> }[];
  /** Hashes not answered yet: the group is applied once this is 0. */
  unsettled: number;
}

const filesOf = (group: PendingGroup): number => group.restores.length + group.hashing.length;

/** The walked groups not applied yet, in walk order (a batch is always applied in that order). */
export class PendingGroups {
  #groups: PendingGroup[] = [];
  /** Files in the groups. */
  files = 0;

  get length(): number {
    return this.#groups.length;
  }

  push(group: PendingGroup): void {
    this.#groups.push(group);
    this.files += filesOf(group);
  }

  /** Takes the groups at the head that have all their hashes, if they hold at least `minFiles` files; else none. */
  takeSettled(minFiles: number): PendingGroup[] {
    let ready = 0;
    let readyFiles = 0;
    for (const group of this.#groups) {
      if (group.unsettled > 0) break;
      ready++;
      readyFiles += filesOf(group);
    }
    if (ready === 0 || readyFiles < minFiles) return [];
    this.files -= readyFiles;
    return this.#groups.splice(0, ready);
  }
}
