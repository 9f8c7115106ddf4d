/**
 * Confirm-delete dialog for Delete Missing Photos: fetches the preview and says how many photos, faces
 * and album links will be removed, that it is permanent and that files on disk are not touched.
 * Offline photos are kept unless the user ticks the box (which re-fetches the preview). Cancel
 * changes nothing; only the red confirm button starts the job, with confirmed: true.
 */
import { Alert, Button, Checkbox, Group, List, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DeleteMissingCounts } from '../../src-shared/domain.ts';
import { call, errorMessage } from '../api/client.ts';
import { startDeleteMissing } from '../stores/job-actions.ts';
import { useSelectedLibrary } from '../stores/libraries-store.ts';
import { useUi } from '../stores/ui-store.ts';

const n = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** The dialog, mounted once; opened through the UI store. */
export function ConfirmDeleteMissingDialog() {
  const opened = useUi((s) => s.deleteMissingOpen);
  const setOpen = useUi((s) => s.setDeleteMissingOpen);
  const library = useSelectedLibrary();
  const libraryId = library?.id ?? null;
  const [includeOffline, setIncludeOffline] = useState(false);
  const [preview, setPreview] = useState<DeleteMissingCounts | null>(null);
  const [offlineCount, setOfflineCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Each opening starts unchecked with a fresh preview.
  useEffect(() => {
    if (opened) setIncludeOffline(false);
  }, [opened]);

  useEffect(() => {
    if (!opened || libraryId === null) return;
    let live = true;
    setPreview(null);
    setError(null);
    call('missing.deletePreview', { libraryId, includeOffline })
      .then((p) => {
        if (!live) return;
        setPreview(p);
        if (!includeOffline) setOfflineCount(p.offline_photos);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [opened, libraryId, includeOffline]);

  const close = () => {
    if (!submitting) setOpen(false);
  };
  const confirm = async () => {
    if (libraryId === null) return;
    setSubmitting(true);
    const jobId = await startDeleteMissing(libraryId, includeOffline);
    setSubmitting(false);
    if (jobId) setOpen(false);
  };

  const loading = preview === null && error === null;
  const photos = preview?.photos ?? 0;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Delete missing photos?"
      centered
      size="lg"
      data-testid="delete-missing-dialog"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="sm">
        {library && (
          <Text size="sm" c="dimmed">
            Library: {library.name}
          </Text>
        )}
        {loading && (
          <Group gap="xs">
            <Loader size="sm" />
            <Text>Counting what would be removed…</Text>
          </Group>
        )}
        {error && (
          <Alert color="red" title="Could not prepare the deletion" role="alert">
            {error}
          </Alert>
        )}
        {preview && (
          <>
            <Text data-testid="delete-preview-summary">
              This removes {n(preview.photos, 'photo')} from Keepsake, with {n(preview.faces, 'face')} and{' '}
              {n(preview.album_links, 'album link')}.
            </Text>
            <List size="sm" spacing={2}>
              <List.Item data-testid="delete-preview-photos">{n(preview.photos, 'photo')}</List.Item>
              <List.Item data-testid="delete-preview-faces">{n(preview.faces, 'face')}</List.Item>
              <List.Item data-testid="delete-preview-album-links">{n(preview.album_links, 'album link')}</List.Item>
              <List.Item>
                {n(preview.files, 'file record')}, {n(preview.thumbnails, 'thumbnail')}
              </List.Item>
            </List>
          </>
        )}
        <Alert color="red" variant="light" title="They leave Keepsake">
          Their ratings, captions, faces and album links go with them. You can undo this for 30 days. Files on disk are not touched:
          Keepsake only forgets photos whose files are already gone.
        </Alert>
        {offlineCount > 0 && (
          <Checkbox
            checked={includeOffline}
            onChange={(e) => setIncludeOffline(e.currentTarget.checked)}
            label={`Also delete ${n(offlineCount, 'photo')} on offline drives`}
            description="They are on drives that are not connected; they are kept unless you tick this."
            data-testid="delete-include-offline"
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={close} disabled={submitting} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={() => void confirm()} disabled={loading || error !== null || photos === 0} loading={submitting} data-testid="delete-missing-confirm">
            {`Delete ${n(photos, 'photo')}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
