/** The stats report: per library and all libraries ('stats.get' without libraryId). */
import { create } from 'zustand';
import type { StatsReport } from '../../src-shared/domain.ts';
import { call } from '../api/client.ts';
import { notifyError } from './notifications-store.ts';

interface StatsState {
  readonly report: StatsReport | null;
  readonly loading: boolean;
  load(): Promise<void>;
}

/** The stats store. */
export const useStats = create<StatsState>()((set) => ({
  report: null,
  loading: false,
  load: async () => {
    set({ loading: true });
    try {
      set({ report: await call('stats.get', {}) });
    } catch (error) {
      notifyError('Could not load stats', error);
    } finally {
      set({ loading: false });
    }
  },
}));
