/**
 * Quick look (Space in the grid): the focused photo large, over the grid, without leaving it —
 * ← / → go through the list, Space or Esc close it, Enter opens the full viewer (rating, caption,
 * albums, files). A video plays muted; a photo whose file is missing or offline shows its kept
 * thumbnail and says so.
 */
import { Badge, Group, Modal, Text } from '@mantine/core';
import { memo, useEffect, useState, type KeyboardEvent } from 'react';
import type { PhotoSummary } from '../../../src-shared/domain.ts';
import { fileUrl, needsPreview, previewUrl, thumbnailUrl } from '../../api/media.ts';
import { offlineTitle } from '../../components/availability-badge.tsx';
import { tileDate } from '../../components/photo-tile.tsx';
import { baseName } from '../../lib/format.ts';
import type { PagedList } from '../../lib/use-paged-list.ts';

interface QuickLookProps {
  readonly list: PagedList<PhotoSummary>;
  /** The photo shown, by index in the list (null: closed). */
  readonly index: number | null;
  readonly onIndex: (index: number | null) => void;
  readonly onOpen: (index: number, photo: PhotoSummary) => void;
}

/** What to show of a photo, large. */
function mediaOf(photo: PhotoSummary): { src: string; video: boolean } {
  if (photo.availability !== 'present' || photo.mainFileHash === null) return { src: thumbnailUrl(photo.imageHash), video: false };
  if (photo.mainType === 'VIDEO') return { src: fileUrl(photo.mainFileHash), video: true };
  return { src: needsPreview(photo.mainPath, photo.mainType) ? previewUrl(photo.imageHash) : fileUrl(photo.mainFileHash), video: false };
}

/**
 * Closed, it stays as it was while the Library around it re-renders (a key typed in the search):
 * a closed Modal still costs a render; its props only matter once it opens.
 */
export const QuickLook = memo(QuickLookModal, (before, after) => before.index === null && after.index === null);

function QuickLookModal({ list, index, onIndex, onOpen }: QuickLookProps) {
  const [photo, setPhoto] = useState<PhotoSummary | null>(null);
  useEffect(() => {
    if (index === null) {
      setPhoto(null);
      return;
    }
    const known = list.get(index);
    if (known) setPhoto(known);
    else void list.fetchAt(index).then((p) => setPhoto(p ?? null));
    // The list object changes each render; the photo only with the index.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index]);
  const total = list.total ?? 0;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (index === null) return;
    if (event.key === ' ') {
      event.preventDefault();
      onIndex(null);
    } else if (event.key === 'ArrowRight' && index < total - 1) {
      event.preventDefault();
      onIndex(index + 1);
    } else if (event.key === 'ArrowLeft' && index > 0) {
      event.preventDefault();
      onIndex(index - 1);
    } else if (event.key === 'Enter' && photo) {
      event.preventDefault();
      onIndex(null);
      onOpen(index, photo);
    }
  };
  const media = photo ? mediaOf(photo) : null;
  const name = photo ? baseName(photo.mainPath) : 'Quick look';
  return (
    <Modal
      opened={index !== null}
      onClose={() => onIndex(null)}
      title={name}
      size="auto"
      centered
      classNames={{ content: 'ks-quick-look', body: 'ks-quick-look-body' }}
      closeButtonProps={{ 'aria-label': 'Close' }}
      transitionProps={{ duration: 0 }}
      onKeyDown={onKeyDown}
      data-testid="quick-look"
    >
      {photo && media && (
        <>
          {media.video ? (
            <video className="ks-quick-look-media" src={media.src} poster={photo.hasThumbnail ? thumbnailUrl(photo.imageHash) : undefined} muted autoPlay loop controls />
          ) : (
            <img className="ks-quick-look-media" src={media.src} alt={name} data-testid="quick-look-image" />
          )}
          <Group gap="xs" mt="xs" justify="space-between" wrap="nowrap">
            <Text size="sm" c="dimmed">
              {tileDate(photo)}
              {photo.rating > 0 ? ` · ${'★'.repeat(photo.rating)}` : ''}
              {photo.caption ? ` · ${photo.caption}` : ''}
            </Text>
            {photo.availability === 'missing' && <Badge color="red">Missing — its kept thumbnail</Badge>}
            {photo.availability === 'offline' && <Badge color="gray">{offlineTitle(photo.driveName)}</Badge>}
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              ← → move · Space closes · Enter opens
            </Text>
          </Group>
        </>
      )}
    </Modal>
  );
}
