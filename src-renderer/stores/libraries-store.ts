/** Libraries, the selected library, and the selected library's roots (with their probed state). */
import { create } from 'zustand';
import type { Library, Root } from '../../src-shared/domain.ts';
import { call } from '../api/client.ts';
import { notifyError } from './notifications-store.ts';

interface LibrariesState {
  readonly libraries: readonly Library[];
  readonly loaded: boolean;
  readonly selectedId: number | null;
  readonly roots: readonly Root[];
  readonly rootsLoading: boolean;
  load(): Promise<void>;
  select(libraryId: number): void;
  /** Reloads the selected library's roots; `probe` asks main to probe each root's volume first. */
  loadRoots(probe?: boolean): Promise<void>;
}

/** The libraries store. */
export const useLibraries = create<LibrariesState>()((set, get) => ({
  libraries: [],
  loaded: false,
  selectedId: null,
  roots: [],
  rootsLoading: false,
  load: async () => {
    try {
      const libraries = await call('libraries.list', {});
      const current = get().selectedId;
      const selectedId = libraries.some((l) => l.id === current) ? current : (libraries[0]?.id ?? null);
      set({ libraries, loaded: true, selectedId });
      if (selectedId !== current) void get().loadRoots(true);
    } catch (error) {
      set({ loaded: true });
      notifyError('Could not load libraries', error);
    }
  },
  select: (libraryId) => {
    if (get().selectedId === libraryId) return;
    set({ selectedId: libraryId, roots: [] });
    void get().loadRoots(true);
  },
  loadRoots: async (probe = false) => {
    const libraryId = get().selectedId;
    if (libraryId === null) {
      set({ roots: [] });
      return;
    }
    set({ rootsLoading: true });
    try {
      const roots = await call('roots.list', { libraryId, probe });
      if (get().selectedId === libraryId) set({ roots });
    } catch (error) {
      notifyError('Could not load folders', error);
    } finally {
      set({ rootsLoading: false });
    }
  },
}));

/** The selected library, or null. */
export const useSelectedLibrary = (): Library | null =>
  useLibraries((s) => s.libraries.find((l) => l.id === s.selectedId) ?? null);
