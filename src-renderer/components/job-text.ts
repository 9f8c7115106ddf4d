/** Human texts for jobs: button labels (exact texts the e2e specs look for) and result summaries. */
import type { JobRecord } from '../../src-shared/domain.ts';

export { JOB_LABELS } from '../../src-shared/job-labels.ts';

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
      .filter(([k, v]) => v !== 0 || k === 'photos')
      .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`)
      .join(', ');
  }
  // Zero counts are noise in a one-line summary; an all-zero result still says so.
  const counts = Object.entries(r).filter(([, v]) => typeof v === 'number');
  const nonZero = counts.filter(([, v]) => v !== 0);
  return (nonZero.length ? nonZero : counts.slice(0, 1))
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${(v as number).toLocaleString()}`)
    .join(', ');
}
