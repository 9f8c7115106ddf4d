/** Whether the keyboard shortcuts sheet is open (`?`, Help → Keyboard Shortcuts). */
import { create } from 'zustand';

interface ShortcutsState {
  readonly open: boolean;
  setOpen(open: boolean): void;
}

/** The shortcuts sheet's store. */
export const useShortcutsSheet = create<ShortcutsState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
