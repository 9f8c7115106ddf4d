/** Starting and cancelling jobs, with errors shown to the user. */
import type { JobType } from '../../src-shared/domain.ts';
import { call } from '../api/client.ts';
import { JOB_LABELS } from '../components/job-text.ts';
import { useJobs } from './jobs-store.ts';
import { notifyError } from './notifications-store.ts';

/** Starts Scan Photos or Scan for Missing Photos on a library; resolves with the job id or null. */
export async function startScan(type: Extract<JobType, 'scan_photos' | 'scan_missing'>, libraryId: number): Promise<string | null> {
  try {
    const { jobId } = await call('jobs.start', { type, libraryId });
    useJobs.getState().started(jobId, type, libraryId);
    return jobId;
  } catch (error) {
    notifyError(`Could not start ${JOB_LABELS[type]}`, error);
    return null;
  }
}

/** Starts Delete Missing Photos after the user confirmed it in the dialog. */
export async function startDeleteMissing(libraryId: number, includeOffline: boolean): Promise<string | null> {
  try {
    const { jobId } = await call('jobs.start', { type: 'delete_missing', libraryId, confirmed: true, includeOffline });
    useJobs.getState().started(jobId, 'delete_missing', libraryId);
    return jobId;
  } catch (error) {
    notifyError('Could not start Delete Missing Photos', error);
    return null;
  }
}

/** Asks a running job to stop. */
export async function cancelJob(jobId: string): Promise<void> {
  try {
    await call('jobs.cancel', { jobId });
  } catch (error) {
    notifyError('Could not cancel the job', error);
  }
}
