/** The lightbox's side panel: rating, caption, user albums, the photo's information, files with their state, and actions. */
import { Badge, Button, Divider, Group, Rating, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { PhotoDetail } from '../../../src-shared/domain.ts';
import { call } from '../../api/client.ts';
import { AvailabilityBadge } from '../../components/availability-badge.tsx';
import { humanDate, humanSize } from '../../lib/format.ts';
import { notifyError, notifyInfo } from '../../stores/notifications-store.ts';
import { useUi } from '../../stores/ui-store.ts';
import { AlbumPicker } from './album-picker.tsx';
import { PhotoInfoPanel } from './photo-info-panel.tsx';

interface PhotoSidePanelProps {
  readonly photo: PhotoDetail;
  readonly onChanged: () => Promise<void>;
  readonly onTrashed: () => void;
}

/** Side panel of the lightbox. */
export function PhotoSidePanel({ photo, onChanged, onTrashed }: PhotoSidePanelProps) {
  const dataChanged = useUi((s) => s.dataChanged);
  const [rating, setRating] = useState(photo.rating);
  const [caption, setCaption] = useState(photo.caption);
  useEffect(() => {
    setRating(photo.rating);
    setCaption(photo.caption);
  }, [photo.imageHash, photo.rating, photo.caption]);

  // Esc or ←/→ can close or change the photo while the caption still has focus (no blur then):
  // an unsaved edit is saved when the panel leaves that photo too. Keyed by photo, so an edit is
  // never written onto the next photo.
  const unsaved = useRef<{ imageHash: string; caption: string } | null>(null);
  useEffect(() => {
    const imageHash = photo.imageHash;
    return () => {
      const edit = unsaved.current;
      if (edit && edit.imageHash === imageHash) {
        unsaved.current = null;
        call('photos.setCaption', edit).catch((error: unknown) => notifyError('Could not save the caption', error));
      }
    };
  }, [photo.imageHash]);

  const saveRating = async (value: number) => {
    const before = rating;
    setRating(value);
    try {
      await call('photos.setRating', { imageHash: photo.imageHash, rating: value });
    } catch (error) {
      setRating(before);
      notifyError('Could not save the rating', error);
    }
  };

  const saveCaption = async () => {
    unsaved.current = null;
    if (caption === photo.caption) return;
    try {
      await call('photos.setCaption', { imageHash: photo.imageHash, caption });
      await onChanged();
    } catch (error) {
      notifyError('Could not save the caption', error);
    }
  };

  const trash = async () => {
    try {
      await call('photos.trash', { imageHashes: [photo.imageHash] });
      notifyInfo('Moved to Trash', 'The photo is in Keepsake’s trash; its files are untouched.');
      dataChanged();
      onTrashed();
    } catch (error) {
      notifyError('Could not move the photo to the trash', error);
    }
  };

  const showInFolder = async (fileHash: string) => {
    try {
      const { shown } = await call('photos.showInFolder', { fileHash });
      if (!shown) notifyInfo('Not shown', 'The file could not be shown in its folder (it may be gone).', 'yellow');
    } catch (error) {
      notifyError('Could not show the file', error);
    }
  };

  const mainFile = photo.files.find((f) => f.isMain) ?? photo.files[0];
  return (
    <ScrollArea className="ks-side-panel" type="auto" data-testid="photo-side-panel">
      <Stack gap="md" p="md">
        <Group gap="xs">
          <AvailabilityBadge availability={photo.availability} driveName={photo.driveName} />
          {photo.inTrash && <Badge color="yellow">In Trash</Badge>}
          <Text size="sm" c="dimmed">
            {photo.capturedAt ? `Taken ${humanDate(photo.capturedAt)}` : `Added ${humanDate(photo.addedAt)}`}
          </Text>
        </Group>
        <div>
          <Text fw={600} size="sm" mb={4} id="rating-label">
            Rating
          </Text>
          {/* Mantine passes getSymbolLabel the star's value (0 is the hidden "clear" radio), not an index. */}
          <Rating value={rating} onChange={(v) => void saveRating(v)} aria-labelledby="rating-label" data-testid="photo-rating" getSymbolLabel={(value) => `${value} star${value === 1 ? '' : 's'}`} />
        </div>
        <Textarea
          label="Caption"
          placeholder="Add a caption"
          autosize
          minRows={2}
          maxRows={6}
          value={caption}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setCaption(value);
            unsaved.current = { imageHash: photo.imageHash, caption: value };
          }}
          onBlur={() => void saveCaption()}
          data-testid="photo-caption"
        />
        <AlbumPicker photo={photo} onChanged={onChanged} />
        <Divider />
        <PhotoInfoPanel photo={photo} />
        <Divider />
        <div>
          <Title order={3} size="h5" mb={4}>
            Files
          </Title>
          <Stack gap={6} data-testid="photo-files">
            {photo.files.map((file) => (
              <div key={file.hash} className="ks-file-row" data-testid="photo-file" data-missing={file.missing}>
                <Text size="xs" className="ks-path">
                  {file.path}
                </Text>
                <Group gap={6}>
                  <Badge size="xs" variant="light">
                    {file.type}
                  </Badge>
                  {file.isMain && (
                    <Badge size="xs" variant="outline">
                      main
                    </Badge>
                  )}
                  {file.missing ? (
                    <Badge size="xs" color="red">
                      Missing{file.missingSince ? ` since ${humanDate(file.missingSince)}` : ''}
                    </Badge>
                  ) : file.unreadable ? (
                    <Badge size="xs" color="orange">
                      Unreadable
                    </Badge>
                  ) : (
                    <Badge size="xs" color="green" variant="light">
                      {photo.availability === 'offline' ? 'Offline' : 'On disk'}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {humanSize(file.size)}
                  </Text>
                </Group>
                {file.error && (
                  <Text size="xs" c="red">
                    {file.error}
                  </Text>
                )}
              </div>
            ))}
          </Stack>
        </div>
        <Group gap="xs">
          <Button variant="default" disabled={!mainFile || mainFile.missing} onClick={() => mainFile && void showInFolder(mainFile.hash)}>
            Show in folder
          </Button>
          {!photo.inTrash && (
            <Button variant="light" color="red" onClick={() => void trash()}>
              Move to Trash
            </Button>
          )}
        </Group>
      </Stack>
    </ScrollArea>
  );
}
