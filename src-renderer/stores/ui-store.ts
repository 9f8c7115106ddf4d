/** UI state: the current view, the lightbox, the delete dialog, and a counter that tells lists to refetch. */
import { create } from 'zustand';

export type ViewName = 'library' | 'missing' | 'trash' | 'stats' | 'settings';

/** Finds the photo `delta` steps away from `imageHash` in the list the lightbox was opened from. */
export type Neighbour = (imageHash: string, delta: 1 | -1) => Promise<string | null>;

interface UiState {
  readonly view: ViewName;
  readonly lightbox: { readonly imageHash: string; readonly neighbour: Neighbour | null } | null;
  readonly deleteMissingOpen: boolean;
  /** The library whose scan problems (files that could not be imported) the dialog lists, or null when closed. */
  readonly problemsOf: number | null;
  /** Bumped on 'library.changed' and 'job.finished': paged lists refetch what they show. */
  readonly dataVersion: number;
  /** Bumped with dataVersion except by liveDataChanged: for views that need not follow a running scan. */
  readonly settledVersion: number;
  setView(view: ViewName): void;
  openLightbox(imageHash: string, neighbour?: Neighbour): void;
  closeLightbox(): void;
  setDeleteMissingOpen(open: boolean): void;
  setProblemsOf(libraryId: number | null): void;
  dataChanged(): void;
  /** A scan imported more photos: the grid shows them as they come (dataVersion only). */
  liveDataChanged(): void;
}

const VIEW_NAMES: readonly ViewName[] = ['library', 'missing', 'trash', 'stats', 'settings'];

/** The first view: `#missing` etc. in the URL opens that view (used by the benchmark and tests); read once, never written. */
const initialView = (): ViewName => {
  const hash = window.location.hash.replace(/^#\/?/, '') as ViewName;
  return VIEW_NAMES.includes(hash) ? hash : 'library';
};

/** The UI store. */
export const useUi = create<UiState>()((set) => ({
  view: initialView(),
  lightbox: null,
  deleteMissingOpen: false,
  problemsOf: null,
  dataVersion: 0,
  settledVersion: 0,
  setView: (view) => {
    // A mark per navigation, so the benchmark can time "navigation → first painted page".
    performance.mark(`keepsake:view:${view}`);
    set({ view });
  },
  openLightbox: (imageHash, neighbour) => set({ lightbox: { imageHash, neighbour: neighbour ?? null } }),
  closeLightbox: () => set({ lightbox: null }),
  setDeleteMissingOpen: (deleteMissingOpen) => set({ deleteMissingOpen }),
  setProblemsOf: (problemsOf) => set({ problemsOf }),
  dataChanged: () => set((s) => ({ dataVersion: s.dataVersion + 1, settledVersion: s.settledVersion + 1 })),
  liveDataChanged: () => set((s) => ({ dataVersion: s.dataVersion + 1 })),
}));
