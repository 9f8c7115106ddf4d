/** One photo in the grid: a button with an accessible name, its thumbnail and availability badge. */
import { memo } from 'react';
import type { PhotoSummary } from '../../src-shared/domain.ts';
import { baseName, formatDuration } from '../lib/format.ts';
import { offlineTitle } from './availability-badge.tsx';
import { Thumbnail } from './thumbnail.tsx';

/** "Photo IMG_1.jpg, missing" — what a screen reader (and the e2e specs) hear. */
export function photoAccessibleName(photo: PhotoSummary): string {
  const kind = photo.mainType === 'VIDEO' ? 'Video' : 'Photo';
  const state = photo.availability === 'present' ? '' : `, ${photo.availability}`;
  return `${kind} ${baseName(photo.mainPath)}${state}`;
}

interface PhotoTileProps {
  readonly photo: PhotoSummary;
  readonly index: number;
  readonly focused: boolean;
  readonly onOpen: (index: number) => void;
  readonly onFocusIndex: (index: number) => void;
  /** The tile's size in CSS px (square). */
  readonly size: number;
}

/** A grid cell's button; only the focused tile is in the tab order (roving tabindex). */
export const PhotoTile = memo(function PhotoTile({ photo, index, focused, onOpen, onFocusIndex, size }: PhotoTileProps) {
  const offline = photo.availability === 'offline';
  const title = offline ? `${baseName(photo.mainPath)} — ${offlineTitle(photo.driveName)}` : (photo.mainPath ?? undefined);
  return (
    <button
      type="button"
      className={`ks-tile ks-tile-${photo.availability}`}
      aria-label={photoAccessibleName(photo)}
      title={title}
      tabIndex={focused ? 0 : -1}
      data-index={index}
      data-testid="photo-tile"
      data-image-hash={photo.imageHash}
      data-availability={photo.availability}
      onClick={() => onOpen(index)}
      onFocus={() => onFocusIndex(index)}
    >
      <Thumbnail
        imageHash={photo.imageHash}
        hasThumbnail={photo.hasThumbnail}
        isVideo={photo.mainType === 'VIDEO'}
        crop={{ size, width: photo.thumbnailWidth, height: photo.thumbnailHeight }}
      />
      {photo.mainType === 'VIDEO' && (
        <span className="ks-tile-video" aria-hidden="true" data-testid="video-duration">
          ▶{photo.durationS !== null && <span className="ks-tile-duration">{formatDuration(photo.durationS)}</span>}
        </span>
      )}
      {/* Plain spans, not Mantine Badge + Tooltip: a tile is rendered thousands of times while scrolling. */}
      {photo.availability === 'missing' && (
        <span className="ks-tile-badge ks-badge-missing" data-testid="badge-missing">
          Missing
        </span>
      )}
      {photo.availability === 'offline' && (
        <span className="ks-tile-badge ks-badge-offline" data-testid="badge-offline">
          Offline
        </span>
      )}
    </button>
  );
});
