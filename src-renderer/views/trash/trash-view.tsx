/**
 * Trash: photos moved to Keepsake's trash. Their files on disk are never touched: restoring brings the
 * photo back; "Delete permanently" (after a confirm) makes Keepsake forget it, files still untouched.
 */
import { Alert, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { PhotoSummary } from '../../../src-shared/domain.ts';
import { call } from '../../api/client.ts';
import { AvailabilityBadge } from '../../components/availability-badge.tsx';
import { countPhotos } from '../../components/job-text.ts';
import { Thumbnail } from '../../components/thumbnail.tsx';
import { VirtualList } from '../../components/virtual-list.tsx';
import { baseName, humanDate } from '../../lib/format.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useNeighbour } from '../../lib/use-neighbour.ts';
import { useLibraries } from '../../stores/libraries-store.ts';
import { undoDeletion } from '../../stores/undo-actions.ts';
import { notifyError, notifyInfo } from '../../stores/notifications-store.ts';
import { useUi } from '../../stores/ui-store.ts';

/** What the row's open button says to a screen reader: the photo, where its file is and when it was taken (the row's visible facts). */
const trashRowName = (photo: PhotoSummary): string =>
  [`Open ${baseName(photo.mainPath)}`, photo.mainPath ?? 'unknown path', photo.capturedAt ? `taken ${humanDate(photo.capturedAt)}` : null].filter(Boolean).join(', ');

/** The Trash view. */
export function TrashView() {
  const libraryId = useLibraries((s) => s.selectedId);
  return (
    <div className="ks-view">
      <Group className="ks-view-header">
        <Title order={2}>Trash</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm" data-testid="trash-explainer">
        Photos in Keepsake’s trash are hidden from the library. Their files on disk are not touched — not when you move a
        photo here, not when you delete it permanently. A photo whose file comes back with a scan leaves the trash by itself.
      </Text>
      {libraryId === null ? <Text c="dimmed">No library yet.</Text> : <TrashList libraryId={libraryId} />}
    </div>
  );
}

function TrashList({ libraryId }: { libraryId: number }) {
  const version = useUi((s) => s.dataVersion);
  const dataChanged = useUi((s) => s.dataChanged);
  const openLightbox = useUi((s) => s.openLightbox);
  const [confirming, setConfirming] = useState<PhotoSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const fetchPage = useCallback((offset: number, limit: number) => call('photos.list', { libraryId, view: 'trash', offset, limit }), [libraryId]);
  const list = usePagedList<PhotoSummary>(fetchPage, `trash:${libraryId}`, version, 100);
  const neighbour = useNeighbour(list);

  const restore = useCallback(
    async (photo: PhotoSummary) => {
      try {
        await call('photos.restore', { imageHashes: [photo.imageHash] });
        notifyInfo('Restored', `${baseName(photo.mainPath)} is back in the library.`);
        dataChanged();
      } catch (error) {
        notifyError('Could not restore the photo', error);
      }
    },
    [dataChanged],
  );

  const deleteForever = async () => {
    if (!confirming) return;
    setBusy(true);
    try {
      const { deletionId } = await call('photos.deleteForever', { imageHashes: [confirming.imageHash], confirmed: true });
      const undo = deletionId === null ? undefined : { label: 'Undo', run: () => void undoDeletion(deletionId).then(dataChanged) };
      notifyInfo('Deleted permanently', `${baseName(confirming.mainPath)} was removed from Keepsake. Its files were not touched.`, 'green', undo);
      setConfirming(null);
      dataChanged();
    } catch (error) {
      notifyError('Could not delete the photo', error);
    } finally {
      setBusy(false);
    }
  };

  const renderRow = useCallback(
    (photo: PhotoSummary) => (
      <div className={`ks-trash-row ks-tile-${photo.availability}`} data-testid="trash-row" data-image-hash={photo.imageHash}>
        <button type="button" className="ks-trash-open" onClick={() => openLightbox(photo.imageHash, neighbour)} aria-label={trashRowName(photo)}>
          <Thumbnail imageHash={photo.imageHash} hasThumbnail={photo.hasThumbnail} isVideo={photo.mainType === 'VIDEO'} className="ks-row-thumb" />
        </button>
        <div className="ks-missing-row-text">
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} truncate="end">
              {baseName(photo.mainPath)}
            </Text>
            <AvailabilityBadge availability={photo.availability} driveName={photo.driveName} size="xs" />
          </Group>
          <Text size="sm" c="dimmed" truncate="start">
            <bdi dir="ltr">{photo.mainPath ?? 'unknown path'}</bdi>
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap" pr="sm">
          <Button size="xs" variant="default" onClick={() => void restore(photo)} aria-label={`Restore ${baseName(photo.mainPath)}`}>
            Restore
          </Button>
          <Button size="xs" color="red" variant="light" onClick={() => setConfirming(photo)} aria-label={`Delete permanently: ${baseName(photo.mainPath)}`}>
            Delete permanently
          </Button>
        </Group>
      </div>
    ),
    [openLightbox, neighbour, restore],
  );

  return (
    <>
      <Text fw={600} mb="xs" data-testid="trash-count">
        {list.total === null ? 'Counting…' : `${countPhotos(list.total)} in the trash`}
      </Text>
      {list.error && (
        <Alert color="red" title="Could not load the trash" role="alert" mb="sm">
          {list.error}
        </Alert>
      )}
      {list.total === 0 && !list.error ? (
        <Text c="dimmed" data-testid="trash-empty">
          The trash is empty.
        </Text>
      ) : (
        <VirtualList list={list} rowHeight={84} label="Photos in the trash" testId="trash-list" renderRow={renderRow} />
      )}
      <Modal opened={confirming !== null} onClose={() => !busy && setConfirming(null)} title="Delete permanently?" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Text>
            Keepsake forgets {baseName(confirming?.mainPath ?? null)} with its rating, caption and album links. You can undo this for 30 days.
          </Text>
          <Text size="sm" c="dimmed">
            The file on disk is not touched. If it is still in a scanned folder, the next Scan Photos imports it again as a new photo.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)} disabled={busy} data-autofocus>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={() => void deleteForever()} data-testid="trash-delete-confirm">
              Delete permanently
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
