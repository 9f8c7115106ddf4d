/**
 * What the Library grid shows: which photos (all of the library, a folder of the sidebar's Folders
 * tree, or an album), the search, the date range, the order, how it is grouped and how big its
 * tiles are. The order, the grouping and the tile size are the user's taste and are kept across
 * launches (localStorage); what is shown is not.
 */
import { create } from 'zustand';
import type { PhotoSort } from '../../src-shared/domain.ts';

/** Which photos the grid shows: the whole library, a folder (with its subfolders) or an album. */
export type BrowseSource =
  | { readonly kind: 'all' }
  | { readonly kind: 'folder'; readonly path: string; readonly name: string }
  | { readonly kind: 'album'; readonly albumId: number; readonly title: string };

export type GroupBy = 'day' | 'month';

/** Tile sizes the slider offers (CSS px): a 400 px thumbnail stays sharp at 2× up to 200. */
export const TILE_SIZE = { min: 120, max: 200, default: 160 } as const;

interface Taste {
  readonly sort: PhotoSort;
  readonly groupBy: GroupBy;
  readonly tileSize: number;
}

interface BrowseState extends Taste {
  readonly source: BrowseSource;
  /** What the search box holds (applied as typed, a moment after the last key). */
  readonly search: string;
  /** 'YYYY-MM-DD' or '' (no bound). */
  readonly capturedFrom: string;
  readonly capturedTo: string;
  setSource(source: BrowseSource): void;
  setSearch(search: string): void;
  setDateRange(from: string, to: string): void;
  setSort(sort: PhotoSort): void;
  setGroupBy(groupBy: GroupBy): void;
  setTileSize(size: number): void;
  /** Search and dates back to none. */
  clearFilters(): void;
}

const TASTE_KEY = 'keepsake-browse';

function readTaste(): Taste {
  const fallback: Taste = { sort: 'captured', groupBy: 'month', tileSize: TILE_SIZE.default };
  try {
    const stored = JSON.parse(window.localStorage.getItem(TASTE_KEY) ?? '{}') as Partial<Taste>;
    return {
      sort: stored.sort === 'added' || stored.sort === 'name' ? stored.sort : fallback.sort,
      groupBy: stored.groupBy === 'day' ? 'day' : fallback.groupBy,
      tileSize: typeof stored.tileSize === 'number' ? clampSize(stored.tileSize) : fallback.tileSize,
    };
  } catch {
    return fallback;
  }
}

const clampSize = (size: number): number => Math.round(Math.min(TILE_SIZE.max, Math.max(TILE_SIZE.min, size)));

function keepTaste(state: Taste): void {
  try {
    window.localStorage.setItem(TASTE_KEY, JSON.stringify({ sort: state.sort, groupBy: state.groupBy, tileSize: state.tileSize }));
  } catch {
    // No storage (a locked-down profile): the taste lasts this session.
  }
}

/** The browse store. */
export const useBrowse = create<BrowseState>()((set, get) => ({
  ...readTaste(),
  source: { kind: 'all' },
  search: '',
  capturedFrom: '',
  capturedTo: '',
  setSource: (source) => set({ source }),
  setSearch: (search) => set({ search }),
  setDateRange: (capturedFrom, capturedTo) => set({ capturedFrom, capturedTo }),
  setSort: (sort) => {
    set({ sort });
    keepTaste(get());
  },
  setGroupBy: (groupBy) => {
    set({ groupBy });
    keepTaste(get());
  },
  setTileSize: (size) => {
    set({ tileSize: clampSize(size) });
    keepTaste(get());
  },
  clearFilters: () => set({ search: '', capturedFrom: '', capturedTo: '' }),
}));
