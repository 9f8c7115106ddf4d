/**
 * What the sidebar's Folders and Albums sections show, for the selected library: its folder tree
 * (roots with their folders and counts) and its albums (all four kinds). Loaded by the sidebar when
 * the library or the data changes (ui-store's dataVersion); read by the selection bar too.
 */
import { create } from 'zustand';
import type { Album, FolderRoot } from '../../src-shared/domain.ts';
import { call } from '../api/client.ts';
import { notifyError } from './notifications-store.ts';

interface BrowseDataState {
  readonly libraryId: number | null;
  readonly folders: readonly FolderRoot[] | null;
  readonly albums: readonly Album[] | null;
  loadFolders(libraryId: number): Promise<void>;
  loadAlbums(libraryId: number): Promise<void>;
}

/** The sidebar's data. */
export const useBrowseData = create<BrowseDataState>()((set, get) => ({
  libraryId: null,
  folders: null,
  albums: null,
  loadFolders: async (libraryId) => {
    if (get().libraryId !== libraryId) set({ libraryId, folders: null, albums: null });
    try {
      const folders = await call('folders.tree', { libraryId });
      if (get().libraryId === libraryId) set({ folders });
    } catch (error) {
      notifyError('Could not load the folders', error);
    }
  },
  loadAlbums: async (libraryId) => {
    if (get().libraryId !== libraryId) set({ libraryId, folders: null, albums: null });
    try {
      const albums = await call('albums.list', { libraryId });
      if (get().libraryId === libraryId) set({ albums });
    } catch (error) {
      notifyError('Could not load the albums', error);
    }
  },
}));

/** The selected library's user albums (the only ones photos are added to by hand), by title. */
export const userAlbums = (albums: readonly Album[] | null): Album[] => (albums ?? []).filter((a) => a.kind === 'user' && a.parent === null);
