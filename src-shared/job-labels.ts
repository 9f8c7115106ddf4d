import type { JobType } from './domain.ts';

/**
 * What each job is called wherever people read it: the app's buttons and history (exact texts the
 * e2e specs look for), the `keepsake` command's messages and the core's refusals.
 */
export const JOB_LABELS: Readonly<Record<JobType, string>> = {
  scan_photos: 'Scan Photos',
  scan_missing: 'Scan for Missing Photos',
  delete_missing: 'Delete Missing Photos',
  locate_folder: 'Locate folder',
  refresh_thumbnails: 'Refresh Thumbnails',
  live_changes: 'Changes noticed',
  write_sidecars: 'Write Sidecars',
  read_sidecars: 'Read Sidecars',
};
