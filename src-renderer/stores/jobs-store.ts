/** Jobs: the running ones with live progress ('job.progress') and the history ('jobs.list'). */
import { create } from 'zustand';
import type { EventPayloads } from '../../src-shared/contract.ts';
import type { JobRecord } from '../../src-shared/domain.ts';
import { call } from '../api/client.ts';
import { notifyError } from './notifications-store.ts';

/** Live progress of a running job. */
export type JobProgress = EventPayloads['job.progress'];

interface JobsState {
  readonly running: Readonly<Record<string, JobProgress>>;
  readonly history: readonly JobRecord[];
  /** Ids of the deletions in the history that can still be undone. */
  readonly undoable: ReadonlySet<string>;
  loadHistory(): Promise<void>;
  progress(event: JobProgress): void;
  finished(job: JobRecord): void;
  /** Marks a job as started before its first progress event, so its bar shows at once. */
  started(jobId: string, type: JobProgress['type'], libraryId: number): void;
}

const ACTIVE = new Set(['queued', 'running']);

/** The jobs store. */
export const useJobs = create<JobsState>()((set) => ({
  running: {},
  history: [],
  undoable: new Set(),
  loadHistory: async () => {
    try {
      const [history, deletions] = await Promise.all([call('jobs.list', { limit: 50 }), call('deletions.list', {})]);
      set({ undoable: new Set(deletions.map((d) => d.jobId)) });
      set((s) => {
        // Jobs that the history says are still active but have sent no progress yet get a bar too.
        const running = { ...s.running };
        for (const job of history) {
          if (ACTIVE.has(job.status) && !running[job.id]) {
            running[job.id] = { jobId: job.id, type: job.type, libraryId: job.libraryId, phase: job.phase, current: job.current, total: job.total };
          }
          if (!ACTIVE.has(job.status)) delete running[job.id];
        }
        return { history, running };
      });
    } catch (error) {
      notifyError('Could not load jobs', error);
    }
  },
  progress: (event) => set((s) => ({ running: { ...s.running, [event.jobId]: event } })),
  finished: (job) =>
    set((s) => {
      const running = { ...s.running };
      delete running[job.id];
      return { running, history: [job, ...s.history.filter((j) => j.id !== job.id)] };
    }),
  started: (jobId, type, libraryId) =>
    set((s) =>
      s.running[jobId] ? s : { running: { ...s.running, [jobId]: { jobId, type, libraryId, phase: 'queued', current: 0, total: 0 } } },
    ),
}));
