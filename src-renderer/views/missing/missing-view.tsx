/**
 * Missing photos: every missing photo with its kept thumbnail, last known path, root and when it went
 * missing; the count; filters by library and folder; offline photos on their own tab (they are on a
 * drive that is not connected, never "missing"); Scan Photos, Delete Missing Photos, suggested matches.
 */
import { Alert, Button, Group, SegmentedControl, Select, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { MissingPhoto } from '../../../src-shared/domain.ts';
import { call } from '../../api/client.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useNeighbour } from '../../lib/use-neighbour.ts';
import { startScan } from '../../stores/job-actions.ts';
import { useJobs } from '../../stores/jobs-store.ts';
import { useLibraries } from '../../stores/libraries-store.ts';
import { useUi } from '../../stores/ui-store.ts';
import { MissingRow, MISSING_ROW_HEIGHT } from './missing-row.tsx';
import { SuggestedMatches } from './suggested-matches.tsx';
import { locateFolder } from '../../stores/library-actions.ts';

type Kind = 'missing' | 'offline';

/** "12 missing photos" / "1 missing photo" / "3 photos on offline drives". */
export function missingCountText(kind: Kind, n: number): string {
  if (kind === 'missing') return `${n.toLocaleString()} missing ${n === 1 ? 'photo' : 'photos'}`;
  return `${n.toLocaleString()} ${n === 1 ? 'photo' : 'photos'} on offline drives`;
}

/**
 * Marks the first painted page of the Missing view in the Performance timeline, so the benchmark can
 * read `performance.getEntriesByName('keepsake:missing-first-page')` (time from navigation start).
 */
const markFirstPage = (): void => {
  performance.mark('keepsake:missing-first-page');
};

/** How long after the first page's rows the extras (suggested matches) are asked for: the thumbnails come first. */
const EXTRAS_DELAY_MS = 250;

/** The Missing view. */
export function MissingView() {
  const libraries = useLibraries((s) => s.libraries);
  const libraryId = useLibraries((s) => s.selectedId);
  const select = useLibraries((s) => s.select);
  const [kind, setKind] = useState<Kind>('missing');
  const [folder, setFolder] = useState<string | null>(null);

  useEffect(() => setFolder(null), [libraryId, kind]);

  return (
    <div className="ks-view">
      <Group justify="space-between" className="ks-view-header" align="flex-start">
        <Title order={2}>Missing photos</Title>
        <Group gap="xs">
          <Select
            aria-label="Library"
            placeholder="Library"
            data={libraries.map((l) => ({ value: String(l.id), label: l.name }))}
            value={libraryId === null ? null : String(libraryId)}
            onChange={(v) => v && select(Number(v))}
            allowDeselect={false}
            w={200}
            data-testid="missing-library-filter"
          />
          {libraryId !== null && <FolderFilter libraryId={libraryId} kind={kind} folder={folder} onChange={setFolder} />}
        </Group>
      </Group>
      {libraryId === null ? (
        <Text c="dimmed">Add a library first (Settings → Library Management).</Text>
      ) : (
        <MissingBody libraryId={libraryId} kind={kind} setKind={setKind} folder={folder} />
      )}
    </div>
  );
}

/**
 * The folder filter. Its folders (one pass over every missing photo's path) are loaded on demand,
 * when the dropdown first opens, not with the view: the first page of the list comes first.
 */
function FolderFilter({ libraryId, kind, folder, onChange }: { libraryId: number; kind: Kind; folder: string | null; onChange: (f: string | null) => void }) {
  const version = useUi((s) => s.dataVersion);
  const [wanted, setWanted] = useState(false);
  const [folders, setFolders] = useState<{ folder: string; count: number }[] | null>(null);
  useEffect(() => {
    setWanted(false);
    setFolders(null);
  }, [libraryId]);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    call('missing.folders', { libraryId })
      .then((f) => live && setFolders(f))
      .catch(() => live && setFolders([])); // the filter is optional: the list itself shows load errors
    return () => {
      live = false;
    };
  }, [libraryId, version, wanted]);
  // A chosen folder stays listed while the folders load.
  const data = folders ?? (folder === null ? [] : [{ folder, count: 0 }]);
  return (
    <Group gap={4} wrap="nowrap">
      <Select
        aria-label="Folder"
        placeholder="All folders"
        clearable
        searchable
        disabled={kind === 'offline'}
        data={data.map((f) => ({ value: f.folder, label: folders === null ? f.folder : `${f.folder} (${f.count.toLocaleString()})` }))}
        nothingFoundMessage={folders === null ? 'Loading folders…' : 'No folders'}
        onDropdownOpen={() => setWanted(true)}
        value={folder}
        onChange={onChange}
        w={320}
        data-testid="missing-folder-filter"
      />
      {folder && kind === 'missing' && (
        <Button variant="default" onClick={() => void locateFolder(libraryId, folder)}>
          Locate folder…
        </Button>
      )}
    </Group>
  );
}

function MissingBody({ libraryId, kind, setKind, folder }: { libraryId: number; kind: Kind; setKind: (k: Kind) => void; folder: string | null }) {
  const version = useUi((s) => s.dataVersion);
  const openLightbox = useUi((s) => s.openLightbox);
  const openDelete = useUi((s) => s.setDeleteMissingOpen);
  const busy = useJobs((s) => Object.values(s.running).some((j) => j.libraryId === libraryId));
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      call('missing.list', { libraryId, kind, offset, limit, ...(folder && kind === 'missing' ? { folder } : {}) }),
    [libraryId, kind, folder],
  );
  const list = usePagedList<MissingPhoto>(fetchPage, `missing:${libraryId}:${kind}:${folder ?? ''}`, version, 100);
  const neighbour = useNeighbour(list);
  // Suggested matches are a hint: asked for once the first page is painted (or the list is empty).
  const [extras, setExtras] = useState(false);
  const firstRows = useCallback(() => {
    markFirstPage();
    setTimeout(() => setExtras(true), EXTRAS_DELAY_MS);
  }, []);
  const settledEmpty = list.total === 0 || list.error !== null;
  useEffect(() => {
    if (settledEmpty) setExtras(true);
  }, [settledEmpty]);
  const renderRow = useCallback(
    (photo: MissingPhoto) => <MissingRow photo={photo} onOpen={() => openLightbox(photo.imageHash, neighbour)} />,
    [openLightbox, neighbour],
  );

  return (
    <>
      <SuggestedMatches libraryId={libraryId} ready={extras} />
      <Group justify="space-between" className="ks-view-toolbar">
        <Group gap="md">
          <SegmentedControl
            aria-label="Show"
            value={kind}
            onChange={(v) => setKind(v as Kind)}
            data={[
              { value: 'missing', label: 'Missing' },
              { value: 'offline', label: 'Offline' },
            ]}
            data-testid="missing-kind"
          />
          <Text fw={600} data-testid="missing-count" aria-live="polite">
            {list.total === null ? 'Counting…' : missingCountText(kind, list.total)}
          </Text>
        </Group>
        <Group gap="xs">
          <Button variant="default" loading={busy} onClick={() => void startScan('scan_photos', libraryId)}>
            Scan Photos
          </Button>
          <Button color="red" disabled={busy} onClick={() => openDelete(true)}>
            Delete Missing Photos
          </Button>
        </Group>
      </Group>
      {kind === 'offline' && (
        <Text size="sm" c="dimmed" mb="xs" data-testid="offline-explainer">
          These photos are on a drive that is not connected. They are not missing: connect the drive and they come back.
          Scan for Missing Photos skips them and Delete Missing Photos keeps them unless you include them.
        </Text>
      )}
      {kind === 'missing' && list.total !== null && list.total > 0 && (
        <Text size="sm" c="dimmed" mb="xs">
          Their files are gone from folders that are online. Put them back (or point Keepsake at them with Locate folder…) and
          run Scan Photos to relink them with their ratings, captions and albums.
        </Text>
      )}
      {list.error && (
        <Alert color="red" title="Could not load missing photos" role="alert" mb="sm">
          {list.error}
        </Alert>
      )}
      {list.total === 0 && !list.error ? (
        <Text c="dimmed" data-testid="missing-empty">
          {kind === 'missing' ? 'Nothing is missing. Every photo’s file is where Keepsake last saw it.' : 'No photos are on offline drives.'}
        </Text>
      ) : (
        <VirtualList
          list={list}
          rowHeight={MISSING_ROW_HEIGHT}
          label={kind === 'missing' ? 'Missing photos' : 'Offline photos'}
          testId="missing-list"
          renderRow={renderRow}
          onFirstRows={firstRows}
        />
      )}
    </>
  );
}
