/** Undo of a deletion from the app: the toast's Undo button and the history's. */
import { call } from '../api/client.ts';
import { countPhotos } from '../components/job-text.ts';
import { useJobs } from './jobs-store.ts';
import { notifyError, notifyInfo } from './notifications-store.ts';

/** Undoes deletion `jobId`, says what came back, and refreshes the history's Undo buttons. */
export async function undoDeletion(jobId: string): Promise<void> {
  try {
    const result = await call('deletions.undo', { jobId });
    const back = result.restored + result.merged;
    notifyInfo('Deletion undone', `${countPhotos(back)} back, with their ratings, captions, albums and faces.${result.restored > 0 ? ' Scan Photos relinks the files that are back.' : ''}`);
  } catch (error) {
    notifyError('Could not undo the deletion', error);
  }
  void useJobs.getState().loadHistory();
}
