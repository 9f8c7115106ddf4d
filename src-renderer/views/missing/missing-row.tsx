/** One row of the Missing view: kept thumbnail, name, last known path, root, missing since, label. */
import { Group, Text } from '@mantine/core';
import type { MissingPhoto } from '../../../src-shared/domain.ts';
import { AvailabilityBadge, offlineTitle } from '../../components/availability-badge.tsx';
import { photoAccessibleName } from '../../components/photo-tile.tsx';
import { Thumbnail } from '../../components/thumbnail.tsx';
import { baseName, humanDate } from '../../lib/format.ts';

/** Height of a row in pixels (the list is virtualised with fixed rows). */
export const MISSING_ROW_HEIGHT = 84;

/** A row; the whole row is a button that opens the lightbox. */
export function MissingRow({ photo, onOpen }: { photo: MissingPhoto; onOpen: () => void }) {
  const offline = photo.availability === 'offline';
  const path = photo.lastKnownPath ?? photo.mainPath;
  return (
    <button
      type="button"
      className={`ks-missing-row ks-tile-${photo.availability}`}
      onClick={onOpen}
      aria-label={photoAccessibleName(photo)}
      title={offline ? offlineTitle(photo.driveName) : (path ?? undefined)}
      data-testid="missing-row"
      data-image-hash={photo.imageHash}
      data-availability={photo.availability}
    >
      <Thumbnail imageHash={photo.imageHash} hasThumbnail={photo.hasThumbnail} isVideo={photo.mainType === 'VIDEO'} className="ks-row-thumb" />
      <div className="ks-missing-row-text">
        <Group gap="xs" wrap="nowrap">
          <Text fw={600} truncate="end">
            {baseName(path)}
          </Text>
          <AvailabilityBadge availability={photo.availability} driveName={photo.driveName} size="xs" />
          {photo.mainType === 'VIDEO' && (
            <Text size="xs" c="dimmed">
              video
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed" truncate="start" data-testid="missing-row-path">
          <bdi dir="ltr">{path ?? 'unknown path'}</bdi>
        </Text>
        <Text size="xs" c="dimmed" truncate="end">
          {offline
            ? `On ${photo.driveName ? `drive “${photo.driveName}”` : 'a drive'}, which is not connected`
            : `Folder ${photo.rootPath ?? 'unknown'} · missing since ${humanDate(photo.missingSince, 'unknown')}`}
        </Text>
      </div>
    </button>
  );
}
