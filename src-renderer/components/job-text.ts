/** Human texts for jobs: button labels (exact texts the e2e specs look for) and result summaries. */
import type { JobRecord, JobType } from '../../src-shared/domain.ts';

/** The label of each job type, as shown on its button. */
export const JOB_LABELS: Readonly<Record<JobType, string>> = {
  scan_photos: 'Scan Photos',
  scan_missing: 'Scan for Missing Photos',
  delete_missing: 'Delete Missing Photos',
  locate_folder: 'Locate folder',
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "12 photos", "1 photo". */
export const countPhotos = (n: number): string => plural(n, 'photo');

/** A one-line summary of a finished job's result counts. */
export function jobResultSummary(job: JobRecord): string {
  const r = job.result as Record<string, unknown> | null;
  if (!r) return '';
  if ('removed' in r && r.removed && typeof r.removed === 'object') {
    const removed = r.removed as Record<string, number>;
    return Object.entries(removed)
      .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`)
      .join(', ');
  }
  return Object.entries(r)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${(v as number).toLocaleString()}`)
    .join(', ');
}
