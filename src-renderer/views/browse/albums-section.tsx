/**
 * The sidebar's Albums: every album of the library, all four kinds — the user's own (created here
 * or from the viewer; photos dropped on one from the grid go in it; rename and delete from its ⋯
 * menu), those made from sidecars' keywords, and the date, thing and place albums Keepsake makes.
 * Choosing one shows its photos in the grid.
 */
import { ActionIcon, Menu, Text, Tooltip } from '@mantine/core';
import { useEffect, useState, type DragEvent } from 'react';
import type { Album } from '../../../src-shared/domain.ts';
import { droppedPhotos, isPhotoDrag } from '../../lib/photo-drag.ts';
import { addToAlbum } from '../../stores/album-actions.ts';
import { useBrowse } from '../../stores/browse-store.ts';
import { useBrowseData } from '../../stores/browse-data-store.ts';
import { useUi } from '../../stores/ui-store.ts';
import { DeleteAlbumDialog, NewAlbumDialog, RenameAlbumDialog } from './album-dialogs.tsx';
import { SidebarSection } from './sidebar-section.tsx';

/** The sections of the album list, in order. */
const SECTIONS: readonly { title: string; holds: (album: Album) => boolean }[] = [
  { title: 'My albums', holds: (a) => a.kind === 'user' && a.parent === null },
  { title: 'Keywords', holds: (a) => a.kind === 'user' && a.parent !== null },
  { title: 'Dates', holds: (a) => a.kind === 'date' },
  { title: 'Things', holds: (a) => a.kind === 'thing' },
  { title: 'Places', holds: (a) => a.kind === 'place' },
];

/** The Albums section of the selected library. */
export function AlbumsSection({ libraryId }: { libraryId: number }) {
  const version = useUi((s) => s.dataVersion);
  const albums = useBrowseData((s) => (s.libraryId === libraryId ? s.albums : null));
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Album | null>(null);
  const [deleting, setDeleting] = useState<Album | null>(null);
  useEffect(() => {
    void useBrowseData.getState().loadAlbums(libraryId);
  }, [libraryId, version]);

  const add = (
    <Tooltip label="New album" withinPortal>
      <ActionIcon variant="subtle" size="sm" aria-label="New album" onClick={() => setCreating(true)} data-testid="new-album">
        <span aria-hidden="true" className="ks-plus">
          +
        </span>
      </ActionIcon>
    </Tooltip>
  );
  return (
    <SidebarSection id="albums" title="Albums" action={add}>
      {albums !== null && albums.length === 0 && (
        <Text size="xs" c="dimmed" px="sm" py={4}>
          No albums yet. Create one with +, then drag photos onto it.
        </Text>
      )}
      {SECTIONS.map(({ title, holds }) => {
        const inSection = (albums ?? []).filter(holds);
        if (inSection.length === 0) return null;
        return (
          <div key={title} className="ks-album-group">
            <Text size="xs" c="dimmed" fw={600} className="ks-album-group-title" id={`ks-albums-${title.replace(/\s+/g, '-')}`}>
              {title}
            </Text>
            <ul className="ks-tree" aria-labelledby={`ks-albums-${title.replace(/\s+/g, '-')}`}>
              {inSection.map((album) => (
                <AlbumItem key={album.id} album={album} onRename={setRenaming} onDelete={setDeleting} />
              ))}
            </ul>
          </div>
        );
      })}
      <NewAlbumDialog libraryId={libraryId} photos={[]} opened={creating} onClose={() => setCreating(false)} />
      <RenameAlbumDialog album={renaming} onClose={() => setRenaming(null)} />
      <DeleteAlbumDialog album={deleting} onClose={() => setDeleting(null)} />
    </SidebarSection>
  );
}

function AlbumItem({ album, onRename, onDelete }: { album: Album; onRename: (a: Album) => void; onDelete: (a: Album) => void }) {
  const active = useBrowse((s) => s.source.kind === 'album' && s.source.albumId === album.id);
  const [dropping, setDropping] = useState(false);
  const editable = album.kind === 'user';
  const choose = () => {
    useBrowse.getState().setSource({ kind: 'album', albumId: album.id, title: album.title });
    useUi.getState().setView('library');
  };
  const onDragOver = (event: DragEvent<HTMLElement>) => {
    if (!editable || !isPhotoDrag(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDrop = (event: DragEvent<HTMLElement>) => {
    setDropping(false);
    if (!editable || !isPhotoDrag(event)) return;
    event.preventDefault();
    void addToAlbum(album, droppedPhotos());
  };
  return (
    <li>
      <div
        className={`ks-tree-row${dropping ? ' ks-drop-target' : ''}`}
        onDragOver={onDragOver}
        onDragEnter={onDragOver}
        onDragLeave={() => setDropping(false)}
        onDrop={onDrop}
        data-testid="album-drop"
        data-album-id={album.id}
      >
        <span className="ks-tree-spacer" aria-hidden="true" />
        <span className="ks-tree-cell">
          <button
            type="button"
            className={`ks-tree-item${active ? ' ks-tree-item-active' : ''}`}
            aria-current={active ? 'true' : undefined}
            aria-label={`${album.title}, ${album.photoCount.toLocaleString()} ${album.photoCount === 1 ? 'photo' : 'photos'}`}
            title={album.title}
            onClick={choose}
            data-testid="album-row"
            data-album-id={album.id}
            data-kind={album.kind}
          >
            <span className="ks-tree-text">
              <span className="ks-tree-name">{album.title}</span>
            </span>
          </button>
          <span className={`ks-tree-counts${active ? ' ks-tree-counts-active' : ''}`} aria-hidden="true">
            <span className="ks-tree-count">{album.photoCount.toLocaleString()}</span>
          </span>
        </span>
        {editable && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" size="sm" className="ks-album-menu" aria-label={`Album actions for ${album.title}`}>
                <span aria-hidden="true">⋯</span>
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => onRename(album)}>Rename…</Menu.Item>
              <Menu.Item color="red" onClick={() => onDelete(album)}>
                Delete…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </div>
    </li>
  );
}
