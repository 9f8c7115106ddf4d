/** First run (or an empty library): "Add a folder", then "Scan Photos". */
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { SIDECARS_EXPLAINED } from '../../../src-shared/sidecar-texts.ts';
import { addFolder } from '../../stores/library-actions.ts';
import { startScan } from '../../stores/job-actions.ts';
import { useJobs } from '../../stores/jobs-store.ts';

interface EmptyLibraryProps {
  readonly hasFolders: boolean;
  readonly libraryId: number | null;
}

/** The empty state of the Library view. */
export function EmptyLibrary({ hasFolders, libraryId }: EmptyLibraryProps) {
  const scanning = useJobs((s) => Object.values(s.running).some((j) => j.libraryId === libraryId && j.type === 'scan_photos'));
  return (
    <Center className="ks-view" data-testid="library-empty">
      <Stack align="center" gap="md" maw={460}>
        <Title order={2}>{hasFolders ? 'No photos yet' : 'Welcome to Keepsake'}</Title>
        <Text c="dimmed" ta="center">
          {hasFolders
            ? 'Your folders are added. Scan them to import their photos; Keepsake never moves or changes your files.'
            : 'Add a folder of photos to start. Keepsake reads your files where they are and never moves or changes them.'}
        </Text>
        <Stack gap="xs" align="center">
          {libraryId !== null && hasFolders && (
            <Button size="md" loading={scanning} onClick={() => void startScan('scan_photos', libraryId)}>
              Scan Photos
            </Button>
          )}
          <Button size="md" variant={hasFolders ? 'default' : 'filled'} onClick={() => void addFolder()}>
            Add a folder
          </Button>
        </Stack>
        {!hasFolders && (
          <Text size="xs" c="dimmed" ta="center" data-testid="sidecars-explained">
            {SIDECARS_EXPLAINED}. You can turn this off in Settings.
          </Text>
        )}
      </Stack>
    </Center>
  );
}
