/** Library: every photo of the selected library in a virtualised grid, or a first-run empty state. */
import { Alert, Button, Group, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import type { PhotoSummary } from '../../../src-shared/domain.ts';
import { call } from '../../api/client.ts';
import { PhotoGrid } from '../../components/photo-grid.tsx';
import { countPhotos } from '../../components/job-text.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useNeighbour } from '../../lib/use-neighbour.ts';
import { addFolder } from '../../stores/library-actions.ts';
import { startScan } from '../../stores/job-actions.ts';
import { useLibraries, useSelectedLibrary } from '../../stores/libraries-store.ts';
import { useJobs } from '../../stores/jobs-store.ts';
import { useUi } from '../../stores/ui-store.ts';
import { EmptyLibrary } from './empty-library.tsx';

/** The Library view. */
export function LibraryView() {
  const library = useSelectedLibrary();
  const loaded = useLibraries((s) => s.loaded);
  if (!loaded) return null;
  if (!library) return <EmptyLibrary hasFolders={false} libraryId={null} />;
  return <LibraryPhotos libraryId={library.id} name={library.name} hasFolders={library.roots.length > 0} />;
}

function LibraryPhotos({ libraryId, name, hasFolders }: { libraryId: number; name: string; hasFolders: boolean }) {
  const version = useUi((s) => s.dataVersion);
  const openLightbox = useUi((s) => s.openLightbox);
  const scanning = useJobs((s) => Object.values(s.running).some((j) => j.libraryId === libraryId && j.type === 'scan_photos'));
  const fetchPage = useCallback(
    (offset: number, limit: number) => call('photos.list', { libraryId, view: 'all', offset, limit }),
    [libraryId],
  );
  const list = usePagedList<PhotoSummary>(fetchPage, `library:${libraryId}`, version);
  const neighbour = useNeighbour(list);
  const onOpen = useCallback((_: number, photo: PhotoSummary) => openLightbox(photo.imageHash, neighbour), [openLightbox, neighbour]);

  if (list.total === 0 && !list.error) return <EmptyLibrary hasFolders={hasFolders} libraryId={libraryId} />;
  return (
    <div className="ks-view">
      <Group justify="space-between" className="ks-view-header" wrap="nowrap">
        <div>
          <Title order={2}>{name}</Title>
          <Text c="dimmed" size="sm" data-testid="library-count">
            {list.total === null ? 'Loading…' : countPhotos(list.total)}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" onClick={() => void addFolder()}>
            Add a folder
          </Button>
          <Button loading={scanning} onClick={() => void startScan('scan_photos', libraryId)}>
            Scan Photos
          </Button>
        </Group>
      </Group>
      {list.error && (
        <Alert color="red" title="Could not load photos" role="alert" mb="sm">
          {list.error}
        </Alert>
      )}
      <PhotoGrid list={list} label={`Photos in ${name}`} onOpen={onOpen} />
    </div>
  );
}
