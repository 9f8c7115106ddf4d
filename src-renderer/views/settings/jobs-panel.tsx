/**
 * The three jobs as buttons (exact texts: "Scan Photos", "Scan for Missing Photos", "Delete Missing
 * Photos"), the running jobs with a progress bar, counts and Cancel, and the history with results.
 */
import { Badge, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { JobStatus } from '../../../src-shared/domain.ts';
import { JOB_LABELS, jobResultSummary } from '../../components/job-text.ts';
import { progressText } from '../../../src-shared/job-phases.ts';
import { timeLeft } from '../../lib/time-left.ts';
import { undoDeletion } from '../../stores/undo-actions.ts';
import { humanDate } from '../../lib/format.ts';
import { cancelJob, startScan } from '../../stores/job-actions.ts';
import { useJobs } from '../../stores/jobs-store.ts';
import { useLibraries, useSelectedLibrary } from '../../stores/libraries-store.ts';
import { useUi } from '../../stores/ui-store.ts';

const STATUS_COLOR: Record<JobStatus, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'yellow',
  interrupted: 'orange',
};

/** Jobs panel. */
export function JobsPanel() {
  const library = useSelectedLibrary();
  const libraries = useLibraries((s) => s.libraries);
  const running = useJobs((s) => s.running);
  const history = useJobs((s) => s.history);
  const undoable = useJobs((s) => s.undoable);
  const openDelete = useUi((s) => s.setDeleteMissingOpen);
  const setProblemsOf = useUi((s) => s.setProblemsOf);
  const active = Object.values(running);
  const libraryName = (id: number) => libraries.find((l) => l.id === id)?.name ?? `#${id}`;

  return (
    <Card withBorder mb="lg" component="section" aria-labelledby="jobs-title">
      <Title order={3} id="jobs-title" mb="sm">
        Jobs
      </Title>
      {library && (
        <Group gap="xs" mb="md">
          <Button onClick={() => void startScan('scan_photos', library.id)}>Scan Photos</Button>
          <Button variant="default" onClick={() => void startScan('scan_missing', library.id)}>
            Scan for Missing Photos
          </Button>
          <Button color="red" variant="light" onClick={() => openDelete(true)}>
            Delete Missing Photos
          </Button>
        </Group>
      )}
      {active.length > 0 && (
        <Stack gap="sm" mb="md" data-testid="running-jobs">
          {active.map((job) => {
            const percent = job.total > 0 ? Math.min(100, (job.current / job.total) * 100) : 0;
            const label = JOB_LABELS[job.type];
            return (
              <div key={job.jobId} data-testid="running-job" data-job-id={job.jobId}>
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={600}>
                    {label} · {libraryName(job.libraryId)}
                  </Text>
                  <Group gap="xs">
                    <Text size="sm" c="dimmed" data-testid="job-counts">
                      {progressText(job.phase, job.current, job.total, timeLeft(job.jobId))}
                    </Text>
                    <Button size="xs" variant="default" onClick={() => void cancelJob(job.jobId)} aria-label={`Cancel ${label}`}>
                      Cancel
                    </Button>
                  </Group>
                </Group>
                <Progress value={percent} animated={job.total === 0} striped={job.total === 0} aria-label={`${label} progress`} />
              </div>
            );
          })}
        </Stack>
      )}
      <Title order={4} mb="xs">
        History
      </Title>
      {history.length === 0 ? (
        <Text c="dimmed" size="sm">
          No jobs have run yet.
        </Text>
      ) : (
        <Table data-testid="jobs-history" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job</Table.Th>
              <Table.Th>Library</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Finished</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((job) => (
              <Table.Tr key={job.id} data-testid="job-history-row" data-job-type={job.type} data-status={job.status}>
                <Table.Td>{JOB_LABELS[job.type]}</Table.Td>
                <Table.Td>{libraryName(job.libraryId)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={STATUS_COLOR[job.status]} styles={{ label: { overflow: 'visible' } }} data-testid="job-status">
                    {job.status}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="xs">{humanDate(job.finishedAt, '—')}</Text>
                </Table.Td>
                <Table.Td data-testid="job-result">
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="xs">{jobResultSummary(job)}</Text>
                    {job.type === 'scan_photos' && ((job.result as { problems?: number } | null)?.problems ?? 0) > 0 && (
                      <Button size="compact-xs" variant="default" onClick={() => setProblemsOf(job.libraryId)} aria-label="Show the files that could not be imported">
                        Show
                      </Button>
                    )}
                    {undoable.has(job.id) && (
                      <Button size="compact-xs" variant="default" onClick={() => void undoDeletion(job.id)} aria-label={`Undo ${JOB_LABELS[job.type]}`}>
                        Undo
                      </Button>
                    )}
                  </Group>
                  {job.error && (
                    <Text size="xs" c="red">
                      {job.error}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
