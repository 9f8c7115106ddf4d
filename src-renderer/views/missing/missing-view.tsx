/**
 * Missing photos, grouped by the folder they were last seen in: each group says why its photos are
 * not there ("Trip-Japan — 15 photos — the folder is gone") and what to do (Locate folder…), each
 * photo its capture date, last known path, since when it is missing, and Locate… to pick its file.
 * Offline photos (on a drive that is not connected, never "missing") are on their own tab, grouped
 * by drive. Scan Photos is the way out; Delete Missing Photos the last resort, asked first.
 */
import { Alert, Button, Group, SegmentedControl, Select, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { MissingGroup, MissingPhoto } from '../../../src-shared/domain.ts';
import { useNeighbour } from '../../lib/use-neighbour.ts';
import { startScan } from '../../stores/job-actions.ts';
import { useJobs } from '../../stores/jobs-store.ts';
import { useLibraries } from '../../stores/libraries-store.ts';
import { locateFolder } from '../../stores/library-actions.ts';
import { locatePhoto } from '../../stores/locate-photo-action.ts';
import { useStats } from '../../stores/stats-store.ts';
import { useUi } from '../../stores/ui-store.ts';
import { GroupedMissingList } from './grouped-missing-list.tsx';
import { SuggestedMatches } from './suggested-matches.tsx';
import { useMissingGroups, type Kind } from './use-missing-groups.ts';

/** "12 missing photos" / "1 missing photo" / "3 photos on offline drives". */
export function missingCountText(kind: Kind, n: number): string {
  if (kind === 'missing') return `${n.toLocaleString()} missing ${n === 1 ? 'photo' : 'photos'}`;
  return `${n.toLocaleString()} ${n === 1 ? 'photo' : 'photos'} on offline drives`;
}

/** "in 3 folders" / "on 1 drive". */
const groupsText = (kind: Kind, n: number): string => (kind === 'missing' ? `in ${n.toLocaleString()} ${n === 1 ? 'folder' : 'folders'}` : `on ${n.toLocaleString()} ${n === 1 ? 'drive' : 'drives'}`);

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

  return (
    <div className="ks-view">
      <Group justify="space-between" className="ks-view-header" align="flex-start">
        <Title order={2}>Missing photos</Title>
        {libraries.length > 1 && (
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
        )}
      </Group>
      {libraryId === null ? (
        <Text c="dimmed">Add a library first (Settings → Libraries and folders).</Text>
      ) : (
        <MissingBody libraryId={libraryId} kind={kind} setKind={setKind} />
      )}
    </div>
  );
}

function MissingBody({ libraryId, kind, setKind }: { libraryId: number; kind: Kind; setKind: (k: Kind) => void }) {
  const version = useUi((s) => s.settledVersion);
  const openLightbox = useUi((s) => s.openLightbox);
  const openDelete = useUi((s) => s.setDeleteMissingOpen);
  const busy = useJobs((s) => Object.values(s.running).some((j) => j.libraryId === libraryId));
  const offlineCount = useStats((s) => s.report?.libraries.find((l) => l.library_id === libraryId)?.num_offline_photos ?? 0);
  const data = useMissingGroups(libraryId, kind, version);
  const neighbour = useNeighbour(data.photos);
  // Suggested matches are a hint: asked for once the first page is painted (or the list is empty).
  const [extras, setExtras] = useState(false);
  const firstRows = useCallback(() => {
    markFirstPage();
    setTimeout(() => setExtras(true), EXTRAS_DELAY_MS);
  }, []);
  const settledEmpty = data.total === 0 || data.error !== null;
  useEffect(() => {
    if (settledEmpty) setExtras(true);
  }, [settledEmpty]);
  const open = useCallback((photo: MissingPhoto) => openLightbox(photo.imageHash, neighbour), [openLightbox, neighbour]);
  const locateGroup = useCallback((group: MissingGroup) => void (group.folder && locateFolder(libraryId, group.folder)), [libraryId]);
  const locateOne = useCallback((photo: MissingPhoto) => void locatePhoto(photo), []);

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
          <Group gap={6} align="baseline">
            <Text fw={600} data-testid="missing-count" aria-live="polite">
              {data.total === null ? 'Counting…' : missingCountText(kind, data.total)}
            </Text>
            {data.total !== null && data.total > 0 && (
              <Text size="sm" c="dimmed" data-testid="missing-group-count">
                {groupsText(kind, data.groups.length)}
              </Text>
            )}
          </Group>
        </Group>
        <Group gap="xs">
          <Button loading={busy} onClick={() => void startScan('scan_photos', libraryId)} data-action="main">
            Scan Photos
          </Button>
          <Button color="red" variant="outline" disabled={busy} onClick={() => openDelete(true)} data-action="secondary">
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
      {kind === 'missing' && data.total !== null && data.total > 0 && (
        <Text size="sm" c="dimmed" mb="xs" data-testid="missing-explainer">
          Keepsake keeps their ratings, captions and albums. Put the files back or point Keepsake at them (Locate folder…,
          Locate…), or run Scan Photos: it finds moved and renamed files anywhere in the library by their content.
        </Text>
      )}
      {kind === 'missing' && offlineCount > 0 && (
        <Text size="sm" mb="xs" data-testid="missing-offline-hint">
          {offlineCount.toLocaleString()} more {offlineCount === 1 ? 'photo is' : 'photos are'} on a drive that is not connected (not missing).{' '}
          <Button variant="subtle" size="compact-sm" onClick={() => setKind('offline')}>
            Show them
          </Button>
        </Text>
      )}
      {data.error && (
        <Alert color="red" title="Could not load missing photos" role="alert" mb="sm">
          {data.error}
        </Alert>
      )}
      {data.total === 0 && !data.error ? (
        <Text c="dimmed" data-testid="missing-empty">
          {kind === 'missing' ? 'Nothing is missing. Every photo’s file is where Keepsake last saw it.' : 'No photos are on offline drives.'}
        </Text>
      ) : (
        <GroupedMissingList
          data={data}
          label={kind === 'missing' ? 'Missing photos' : 'Offline photos'}
          onOpen={open}
          onLocatePhoto={kind === 'missing' ? locateOne : null}
          onLocateFolder={locateGroup}
          onFirstRows={firstRows}
        />
      )}
    </>
  );
}
