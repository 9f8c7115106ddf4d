/** A compact progress line in the header while a job runs, in words and with the time left (full controls are in Settings). */
import { Group, Progress, Text } from '@mantine/core';
import { progressText } from '../../src-shared/job-phases.ts';
import { timeLeft } from '../lib/time-left.ts';
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
  const percent = job.total > 0 ? Math.min(100, (job.current / job.total) * 100) : 0;
  const line = progressText(job.phase, job.current, job.total, timeLeft(job.jobId));
  return (
    <button
      type="button"
      className="ks-header-job"
      onClick={() => setView('settings')}
      data-testid="header-job"
      title={`${JOB_LABELS[job.type]}: ${line}`}
      aria-label={`${JOB_LABELS[job.type]} running: ${line}. Open jobs`}
    >
      <Group gap={6} wrap="nowrap">
        <Text size="xs" truncate="end" maw={340} data-testid="header-job-text">
          {line}
          {jobs.length > 1 ? ` (+${jobs.length - 1} more)` : ''}
        </Text>
        <Progress value={percent} w={90} size="sm" animated={job.total === 0} striped={job.total === 0} aria-hidden="true" />
      </Group>
    </button>
  );
}
