/** A compact progress bar in the header while a job runs (full controls are in Settings). */
import { Group, Progress, Text } from '@mantine/core';
import { useJobs } from '../stores/jobs-store.ts';
import { useUi } from '../stores/ui-store.ts';
import { JOB_LABELS } from './job-text.ts';

/** Shows the first running job; clicking it opens Settings. */
export function RunningJobsIndicator() {
  const running = useJobs((s) => s.running);
  const jobs = Object.values(running);
  const setView = useUi((s) => s.setView);
  const job = jobs[0];
  if (!job) return null;
  const percent = job.total > 0 ? (job.current / job.total) * 100 : 0;
  return (
    <button type="button" className="ks-header-job" onClick={() => setView('settings')} data-testid="header-job" aria-label={`${JOB_LABELS[job.type]} running, open jobs`}>
      <Group gap={6} wrap="nowrap">
        <Text size="xs" truncate="end" maw={220}>
          {JOB_LABELS[job.type]}: {job.current.toLocaleString()} / {job.total > 0 ? job.total.toLocaleString() : '?'}
          {jobs.length > 1 ? ` (+${jobs.length - 1})` : ''}
        </Text>
        <Progress value={percent} w={90} size="sm" animated={job.total === 0} striped={job.total === 0} aria-hidden="true" />
      </Group>
    </button>
  );
}
