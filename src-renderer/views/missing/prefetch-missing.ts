/**
 * Warms the Missing view's layout in the background: when the selected library's missing count
 * changes (and no job of it is at work), the core is asked for the groups once, out of the way, so
 * that opening the view later paints its first page at once instead of waiting for the one pass over
 * every missing photo (see src-main/core/missing/missing-groups.ts, which keeps what it found).
 */
import { call } from '../../api/client.ts';
import { useJobs } from '../../stores/jobs-store.ts';
import { useLibraries } from '../../stores/libraries-store.ts';
import { useStats } from '../../stores/stats-store.ts';
import { useUi } from '../../stores/ui-store.ts';

/** How long the counts must stay put before the core is asked (the app has just opened, a job has just ended). */
const QUIET_MS = 1500;

/** Starts watching the counts; returns the function that stops it. */
export function prefetchMissingGroups(): () => void {
  let asked = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const look = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const libraryId = useLibraries.getState().selectedId;
      if (libraryId === null || useUi.getState().view === 'missing') return;
      if (Object.values(useJobs.getState().running).some((job) => job.libraryId === libraryId)) return;
      const missing = useStats.getState().report?.libraries.find((l) => l.library_id === libraryId)?.num_missing_photos ?? 0;
      const key = `${libraryId}:${missing}`;
      if (missing === 0 || key === asked) return;
      asked = key;
      // A hint only: the view asks again, and says any error, when it opens.
      void call('missing.groups', { libraryId, kind: 'missing' }).catch(() => undefined);
    }, QUIET_MS);
  };
  const offStats = useStats.subscribe(look);
  const offJobs = useJobs.subscribe(look);
  return () => {
    clearTimeout(timer);
    offStats();
    offJobs();
  };
}
