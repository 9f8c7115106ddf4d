/**
 * The album dialogs: a new album's title (optionally with the selected photos in it), a new title,
 * and the confirmation before deleting one, which says that its photos stay.
 */
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Album } from '../../../src-shared/domain.ts';
import { countPhotos } from '../../components/job-text.ts';
import { createAlbum, deleteAlbum, renameAlbum } from '../../stores/album-actions.ts';

/** A title field with OK / Cancel: New album and Rename album. */
function TitleDialog(props: {
  opened: boolean;
  title: string;
  initial: string;
  action: string;
  explain?: string;
  onClose: () => void;
  onSubmit: (title: string) => Promise<boolean>;
}) {
  const { opened, title, initial, action, explain, onClose, onSubmit } = props;
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) setValue(initial);
  }, [opened, initial]);
  const submit = async () => {
    if (!value.trim() || busy) return;
    setBusy(true);
    const done = await onSubmit(value.trim());
    setBusy(false);
    if (done) onClose();
  };
  return (
    <Modal opened={opened} onClose={() => !busy && onClose()} title={title} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {explain && (
            <Text size="sm" c="dimmed">
              {explain}
            </Text>
          )}
          <TextInput label="Album title" value={value} onChange={(e) => setValue(e.currentTarget.value)} data-autofocus maxLength={500} data-testid="album-title-input" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!value.trim()}>
              {action}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "New album": a title; the photos given (the selection) go in it. */
export function NewAlbumDialog({ libraryId, photos, opened, onClose }: { libraryId: number; photos: readonly string[]; opened: boolean; onClose: () => void }) {
  return (
    <TitleDialog
      opened={opened}
      title="New album"
      initial=""
      action="Create album"
      {...(photos.length > 0 ? { explain: `The ${countPhotos(photos.length)} you selected go in it.` } : {})}
      onClose={onClose}
      onSubmit={async (title) => (await createAlbum(libraryId, title, photos)) !== null}
    />
  );
}

/** "Rename…". */
export function RenameAlbumDialog({ album, onClose }: { album: Album | null; onClose: () => void }) {
  return (
    <TitleDialog
      opened={album !== null}
      title="Rename album"
      initial={album?.title ?? ''}
      action="Rename"
      onClose={onClose}
      onSubmit={(title) => (album ? renameAlbum(album, title) : Promise.resolve(false))}
    />
  );
}

/** "Delete…": asks first, and says the photos stay. */
export function DeleteAlbumDialog({ album, onClose }: { album: Album | null; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!album) return;
    setBusy(true);
    const done = await deleteAlbum(album);
    setBusy(false);
    if (done) onClose();
  };
  return (
    <Modal opened={album !== null} onClose={() => !busy && onClose()} title="Delete album?" centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <Text>
          The album “{album?.title}” goes. Its {countPhotos(album?.photoCount ?? 0)} stay in your library, and in any other album they are in.
        </Text>
        <Text size="sm" c="dimmed">
          No photo and no file is deleted.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="album-delete-confirm">
            Delete album
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
