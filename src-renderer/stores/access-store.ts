/** Whether this app writes the library, or shows it read-only while a `keepsake` command holds it. */
import { create } from 'zustand';
import type { LibraryAccess } from '../../src-shared/domain.ts';
import { call } from '../api/client.ts';

interface AccessState {
  readonly access: LibraryAccess;
  load(): Promise<void>;
  set(access: LibraryAccess): void;
}

/** The access store: writable until the main process says otherwise. */
export const useAccess = create<AccessState>()((set) => ({
  access: { writable: true, heldBy: null },
  load: async () => {
    try {
      set({ access: await call('library.access', {}) });
    } catch {
      // An older main process without the command writes, as before.
    }
  },
  set: (access) => set({ access }),
}));
