/**
 * The grid's selection: photos by image hash, for one list (`scope`: the query the grid shows; a
 * new folder, album, search or order starts a new, empty selection). Ranges are by position in the
 * list: a Shift-click from the anchor asks the core for the hashes at those positions (the same
 * query, in the same order), so selecting 10,000 photos never fetches 10,000 summaries. Select all
 * is the range of the whole list.
 */
import { create } from 'zustand';

/** Fetches the hashes of the list at positions offset … offset + limit − 1 (photos.hashes with the grid's query). */
export type FetchHashes = (offset: number, limit: number) => Promise<readonly string[]>;

interface SelectionState {
  readonly scope: string;
  readonly selected: ReadonlySet<string>;
  /** Where the last plain or Ctrl/Cmd-click was: Shift-click ranges start there. */
  readonly anchor: number | null;
  /** The selection when the anchor was set: a Shift-click range is added to it (a new range replaces the last one). */
  readonly base: ReadonlySet<string>;
  /** A range being fetched. */
  readonly busy: boolean;
  /** Follows the grid's list: a new scope empties the selection. */
  setScope(scope: string): void;
  /** Ctrl/Cmd-click (and the tile's check mark): the photo in or out; it becomes the anchor. */
  toggle(imageHash: string, index: number): void;
  /** Where a range starts from now (a plain click that opened the photo, keyboard focus). */
  setAnchor(index: number): void;
  /** Shift-click: base + every photo from the anchor to `index`. */
  selectRange(index: number, fetch: FetchHashes): Promise<void>;
  /** Ctrl/Cmd+A: every photo of the list. */
  selectAll(total: number, fetch: FetchHashes): Promise<void>;
  /** Adds photos (a group header's "Select"). */
  add(imageHashes: readonly string[]): void;
  clear(): void;
}

const EMPTY: ReadonlySet<string> = new Set();
/** The most hashes one photos.hashes answers (its request schema's limit). */
const CHUNK = 100_000;

/** The hashes at positions from … from + count − 1, asked for at most CHUNK at a time. */
async function fetchRange(fetch: FetchHashes, from: number, count: number): Promise<string[]> {
  const hashes: string[] = [];
  for (let offset = from; offset < from + count; offset += CHUNK) hashes.push(...(await fetch(offset, Math.min(CHUNK, from + count - offset))));
  return hashes;
}

/** The selection store. */
export const useSelection = create<SelectionState>()((set, get) => ({
  scope: '',
  selected: EMPTY,
  anchor: null,
  base: EMPTY,
  busy: false,
  setScope: (scope) => {
    if (get().scope !== scope) set({ scope, selected: EMPTY, anchor: null, base: EMPTY, busy: false });
  },
  toggle: (imageHash, index) => {
    const selected = new Set(get().selected);
    if (!selected.delete(imageHash)) selected.add(imageHash);
    set({ selected, anchor: index, base: selected });
  },
  setAnchor: (index) => set({ anchor: index, base: get().selected }),
  selectRange: async (index, fetch) => {
    const { anchor, scope } = get();
    const from = Math.min(anchor ?? index, index);
    const to = Math.max(anchor ?? index, index);
    set({ busy: true });
    try {
      const hashes = await fetchRange(fetch, from, to - from + 1);
      if (get().scope !== scope) return; // the list changed meanwhile
      const selected = new Set(get().base);
      for (const hash of hashes) selected.add(hash);
      set({ selected, anchor: anchor ?? index, ...(anchor === null ? { base: get().selected } : {}) });
    } finally {
      set({ busy: false });
    }
  },
  selectAll: async (total, fetch) => {
    const { scope } = get();
    if (total === 0) return;
    set({ busy: true });
    try {
      const hashes = await fetchRange(fetch, 0, total);
      if (get().scope !== scope) return;
      const selected = new Set(hashes);
      set({ selected, base: selected, anchor: null });
    } finally {
      set({ busy: false });
    }
  },
  add: (imageHashes) => {
    const selected = new Set(get().selected);
    for (const hash of imageHashes) selected.add(hash);
    set({ selected, base: selected });
  },
  clear: () => set({ selected: EMPTY, anchor: null, base: EMPTY }),
}));
