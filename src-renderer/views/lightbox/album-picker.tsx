/** The photo's user albums: pick from the library's albums, or create a new one and add the photo. */
import { Button, Group, MultiSelect, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Album, PhotoDetail } from '../../../src-shared/domain.ts';
import { call } from '../../api/client.ts';
import { notifyError } from '../../stores/notifications-store.ts';

/** Album membership editor. */
export function AlbumPicker({ photo, onChanged }: { photo: PhotoDetail; onChanged: () => Promise<void> }) {
  const [albums, setAlbums] = useState<readonly Album[]>([]);
  const [newTitle, setNewTitle] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('albums.list', { libraryId: photo.libraryId })
      .then((a) => live && setAlbums(a.filter((x) => x.kind === 'user')))
      .catch((error: unknown) => live && notifyError('Could not load albums', error));
    return () => {
      live = false;
    };
  }, [photo.libraryId]);

  const memberIds = photo.albums.filter((a) => a.kind === 'user').map((a) => String(a.id));

  const change = async (next: string[]) => {
    const added = next.filter((id) => !memberIds.includes(id));
    const removed = memberIds.filter((id) => !next.includes(id));
    setBusy(true);
    try {
      for (const id of added) await call('albums.addPhotos', { albumId: Number(id), imageHashes: [photo.imageHash] });
      for (const id of removed) await call('albums.removePhotos', { albumId: Number(id), imageHashes: [photo.imageHash] });
      await onChanged();
    } catch (error) {
      notifyError('Could not change the albums', error);
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    const title = newTitle.trim();
    if (!title) return;
    setBusy(true);
    try {
      const album = await call('albums.create', { libraryId: photo.libraryId, title });
      await call('albums.addPhotos', { albumId: album.id, imageHashes: [photo.imageHash] });
      setAlbums((a) => [...a, album]);
      setNewTitle('');
      await onChanged();
    } catch (error) {
      notifyError('Could not create the album', error);
    } finally {
      setBusy(false);
    }
  };

  // Albums the photo is in but that the list does not know yet still show as chosen.
  const data = [...albums, ...photo.albums.filter((a) => a.kind === 'user' && !albums.some((b) => b.id === a.id))].map((a) => ({
    value: String(a.id),
    label: a.title,
  }));

  return (
    <div>
      <MultiSelect
        label="Albums"
        placeholder={data.length ? 'Add to album' : 'No albums yet'}
        data={data}
        value={memberIds}
        onChange={(v) => void change(v)}
        disabled={busy}
        searchable
        comboboxProps={{ withinPortal: true }}
        data-testid="photo-albums"
      />
      <Group gap="xs" mt="xs" wrap="nowrap" align="flex-end">
        <TextInput
          aria-label="New album title"
          placeholder="New album"
          value={newTitle}
          onChange={(e) => setNewTitle(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void create();
          }}
          style={{ flex: 1 }}
          data-testid="new-album-title"
        />
        <Button variant="default" onClick={() => void create()} disabled={!newTitle.trim() || busy}>
          New album
        </Button>
      </Group>
    </div>
  );
}
