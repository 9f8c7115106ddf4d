/**
 * The bar over the grid while photos are selected: how many, rate them (0–5 stars), add them to an
 * album (or a new one), move them to the trash (undoable from the toast, as in the viewer), clear.
 */
import { ActionIcon, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { memo, useMemo, useState } from 'react';
import { addToAlbum, trashPhotos } from '../../stores/album-actions.ts';
import { useBrowseData, userAlbums } from '../../stores/browse-data-store.ts';
import { useSelection } from '../../stores/selection-store.ts';
import { NewAlbumDialog } from '../browse/album-dialogs.tsx';

/** Memoized: its own store decides what it shows, not the Library's re-renders. */
export const SelectionBar = memo(function SelectionBar({ libraryId, onRate }: { libraryId: number; onRate: (imageHashes: readonly string[], rating: number) => void }) {
  const selected = useSelection((s) => s.selected);
  const busy = useSelection((s) => s.busy);
  const allAlbums = useBrowseData((s) => (s.libraryId === libraryId ? s.albums : null));
  const albums = useMemo(() => userAlbums(allAlbums), [allAlbums]);
  const [creating, setCreating] = useState(false);
  if (selected.size === 0 && !busy) return null;
  const hashes = () => [...useSelection.getState().selected];
  const count = selected.size;
  return (
    <Group className="ks-selection-bar" gap="sm" wrap="wrap" role="toolbar" aria-label="Selected photos" data-testid="selection-bar">
      <Tooltip label="Clear the selection (Esc)" withinPortal>
        <ActionIcon variant="subtle" aria-label="Clear the selection" onClick={() => useSelection.getState().clear()}>
          <span aria-hidden="true">✕</span>
        </ActionIcon>
      </Tooltip>
      <Text fw={700} data-testid="selection-count" aria-live="polite">
        {busy ? 'Selecting…' : `${count.toLocaleString()} selected`}
      </Text>
      <Group gap={2} wrap="nowrap" aria-label="Rate the selected photos" role="group">
        {[1, 2, 3, 4, 5].map((stars) => (
          <Tooltip key={stars} label={`${stars} ${stars === 1 ? 'star' : 'stars'} (key ${stars})`} withinPortal>
            <ActionIcon variant="subtle" color="yellow" disabled={busy} aria-label={`Rate ${stars} ${stars === 1 ? 'star' : 'stars'}`} onClick={() => onRate(hashes(), stars)}>
              <span aria-hidden="true" className="ks-star">
                ★
              </span>
            </ActionIcon>
          </Tooltip>
        ))}
        <Button size="compact-sm" variant="subtle" disabled={busy} onClick={() => onRate(hashes(), 0)}>
          No stars
        </Button>
      </Group>
      <Menu withinPortal position="bottom-start">
        <Menu.Target>
          <Button size="compact-sm" variant="default" disabled={busy} data-testid="add-to-album">
            Add to album
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {albums.map((album) => (
            <Menu.Item key={album.id} onClick={() => void addToAlbum(album, hashes())}>
              {album.title}
            </Menu.Item>
          ))}
          {albums.length > 0 && <Menu.Divider />}
          <Menu.Item onClick={() => setCreating(true)}>New album…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Button size="compact-sm" variant="light" color="red" disabled={busy} onClick={() => void trashPhotos(hashes())} data-testid="trash-selection">
        Move to Trash
      </Button>
      <NewAlbumDialog libraryId={libraryId} photos={creating ? hashes() : []} opened={creating} onClose={() => setCreating(false)} />
    </Group>
  );
});
