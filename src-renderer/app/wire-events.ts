/**
 * Connects the main process' events to the stores: progress bars follow 'job.progress'; lists,
 * roots, stats and the job history refresh on 'job.finished', 'library.changed' and 'access.changed'.
 */
import { subscribe } from '../api/client.ts';
import type { JobRecord } from '../../src-shared/domain.ts';
import { useAccess } from '../stores/access-store.ts';
import { useJobs } from '../stores/jobs-store.ts';
import { useLibraries } from '../stores/libraries-store.ts';
import { notifyInfo, useNotifications } from '../stores/notifications-store.ts';
import { useStats } from '../stores/stats-store.ts';
import { useUi } from '../stores/ui-store.ts';
import { JOB_LABELS, jobResultSummary } from '../components/job-text.ts';
import { undoDeletion } from '../stores/undo-actions.ts';
import { forgetProgress, recordProgress } from '../lib/time-left.ts';
import { prefetchMissingGroups } from '../views/missing/prefetch-missing.ts';
import type { EventPayloads } from '../../src-shared/contract.ts';

/** While Scan Photos imports, the grid and the counts follow it (photos appear as they are imported), this often at most. */
const LIVE_MS = 1500;
let lastLive = 0;
const followProgress = (event: EventPayloads['job.progress']): void => {
  recordProgress(event);
  if (event.type !== 'scan_photos' || (event.phase !== 'import' && event.phase !== 'thumbnails')) return;
  const now = Date.now();
  if (now - lastLive < LIVE_MS) return;
  lastLive = now;
  useUi.getState().liveDataChanged();
  void useStats.getState().load();
};

const refreshAll = (): void => {
  void useLibraries.getState().load();
  void useLibraries.getState().loadRoots(false);
  void useStats.getState().load();
  useUi.getState().dataChanged();
};

const announceFinished = (job: JobRecord): void => {
  const label = JOB_LABELS[job.type];
  // A deletion can be undone for 30 days: the toast offers it at once.
  if (job.status === 'succeeded' && job.type === 'delete_missing' && ((job.result as { removed?: { photos?: number } } | null)?.removed?.photos ?? 0) > 0) {
    notifyInfo(`${label} finished`, jobResultSummary(job), 'green', { label: 'Undo', run: () => void undoDeletion(job.id) });
  } else if (job.status === 'succeeded' && job.type === 'scan_photos' && ((job.result as { problems?: number } | null)?.problems ?? 0) > 0) {
    // Every file the scan saw is accounted for: those it could not import are listed, each with its reason.
    notifyInfo(`${label} finished`, jobResultSummary(job), 'yellow', {
      label: 'Show',
      run: () => useUi.getState().setProblemsOf(job.libraryId),
    });
  } else if (job.status === 'succeeded') notifyInfo(`${label} finished`, jobResultSummary(job) || 'Done.');
  else if (job.status === 'cancelled') notifyInfo(`${label} cancelled`, 'The job was cancelled.', 'yellow');
  else useNotifications.getState().push({ title: `${label} ${job.status}`, message: job.error ?? 'The job did not finish.', color: 'red' });
};

/** Subscribes once; returns a function that unsubscribes everything. */
export function wireEvents(): () => void {
  const offs = [
    subscribe('job.progress', (event) => {
      useJobs.getState().progress(event);
      followProgress(event);
    }),
    subscribe('job.finished', (job) => {
      useJobs.getState().finished(job);
      forgetProgress(job.id);
      announceFinished(job);
      void useJobs.getState().loadHistory();
      refreshAll();
    }),
    subscribe('library.changed', ({ reason }) => {
      // The live library applied changes it noticed: its quiet line is in the history now.
      if (reason === 'changes noticed') void useJobs.getState().loadHistory();
      refreshAll();
    }),
    // The app took over the library from a `keepsake` command: what it wrote meanwhile shows now.
    subscribe('access.changed', (access) => {
      useAccess.getState().set(access);
      void useJobs.getState().loadHistory();
      refreshAll();
    }),
    // The Missing view's layout is ready before it is opened.
    prefetchMissingGroups(),
  ];
  return () => offs.forEach((off) => off());
}
