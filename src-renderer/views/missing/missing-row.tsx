/**
 * One photo of the Missing view: kept thumbnail, name, last known path, when it was taken, since when
 * it is missing and why (in words), and "Locate…" to pick the file it became (checked by content).
 */
import { Button, Group, Text } from '@mantine/core';
import { memo } from 'react';
import type { MissingPhoto, MissingReason } from '../../../src-shared/domain.ts';
import { AvailabilityBadge, offlineTitle } from '../../components/availability-badge.tsx';
import { photoAccessibleName } from '../../components/photo-tile.tsx';
import { Thumbnail } from '../../components/thumbnail.tsx';
import { baseName, humanDate } from '../../lib/format.ts';
import { ROW_REASON } from './missing-reasons.ts';

/** Height of a photo row in pixels (the list is virtualised with fixed rows). */
export const MISSING_ROW_HEIGHT = 84;

/** A capture date as a date only (the time of day says little here). */
const takenText = (iso: string | null): string => {
  if (!iso) return 'date taken unknown';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? `taken ${iso}` : `taken ${date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}`;
};

/**
 * A row: the photo opens the lightbox; Locate… picks its file. Memoised (the callbacks take the
 * photo, so they stay the same): scrolling renders only the rows that come into view.
 */
export const MissingRow = memo(function MissingRow({
  photo,
  reason,
  onOpen,
  onLocate,
}: {
  photo: MissingPhoto;
  reason: MissingReason;
  onOpen: (photo: MissingPhoto) => void;
  onLocate: ((photo: MissingPhoto) => void) | null;
}) {
  const offline = photo.availability === 'offline';
  const path = photo.lastKnownPath ?? photo.mainPath;
  const name = baseName(path);
  // The photo's button covers the row (its name is "Photo X, missing"); the row's words lie over it,
  // outside it (they are read as the row's text, and let clicks through to it); Locate… beside it.
  return (
    <div
      className={`ks-missing-entry ks-tile-${photo.availability}`}
      title={offline ? offlineTitle(photo.driveName) : (path ?? undefined)}
      data-testid="missing-row"
      data-image-hash={photo.imageHash}
      data-availability={photo.availability}
      data-reason={reason}
    >
      <button type="button" className="ks-missing-open" onClick={() => onOpen(photo)} aria-label={photoAccessibleName(photo)}>
        <Thumbnail imageHash={photo.imageHash} hasThumbnail={photo.hasThumbnail} isVideo={photo.mainType === 'VIDEO'} className="ks-row-thumb" />
      </button>
      <div className="ks-missing-entry-text">
        <Group gap="xs" wrap="nowrap">
          <Text fw={600} truncate="end">
            {name}
          </Text>
          <AvailabilityBadge availability={photo.availability} driveName={photo.driveName} size="xs" />
          <Text size="xs" c={offline ? 'dimmed' : 'red'} fw={600} data-testid="missing-row-reason">
            {ROW_REASON[reason]}
          </Text>
          {photo.mainType === 'VIDEO' && (
            <Text size="xs" c="dimmed">
              video
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed" truncate="start" data-testid="missing-row-path">
          <bdi dir="ltr">{path ?? 'unknown path'}</bdi>
        </Text>
        <Text size="xs" c="dimmed" truncate="end" data-testid="missing-row-when">
          {takenText(photo.capturedAt)} ·{' '}
          {offline
            ? `on ${photo.driveName ? `drive “${photo.driveName}”` : 'a drive'}, which is not connected`
            : `missing since ${humanDate(photo.missingSince, 'unknown')} · Folder ${photo.rootPath ?? 'unknown'}`}
        </Text>
      </div>
      {onLocate && (
        <Button size="xs" variant="default" className="ks-missing-locate" onClick={() => onLocate(photo)} aria-label={`Locate… ${name}`}>
          Locate…
        </Button>
      )}
    </div>
  );
});
