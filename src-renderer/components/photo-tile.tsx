/**
 * One photo in the grid: a button with an accessible name, its thumbnail and availability badge,
 * its rating, its name and date on hover (or keyboard focus), a check mark when selected. It can be
 * dragged (onto an album of the sidebar).
 */
import { memo, useState, type DragEvent, type MouseEvent } from 'react';
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

/** One formatter for every tile (making one per call is what costs, not formatting). */
const TILE_DATE = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const tileDates = new Map<string, string>();

/** A capture (or, without one, added) time as a short local date: "Jul 14, 2023" ("added …" for the latter). */
export function tileDate(photo: PhotoSummary): string {
  const iso = photo.capturedAt ?? photo.addedAt;
  // A capture time is wall-clock time where it was taken: read its date as written, not shifted.
  const day = `${photo.capturedAt === null ? 'a' : 'c'}${iso.slice(0, 10)}`;
  let text = tileDates.get(day);
  if (text === undefined) {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    const date = match === null ? '' : TILE_DATE.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    text = photo.capturedAt === null && date !== '' ? `added ${date}` : date;
    tileDates.set(day, text);
  }
  return text;
}

interface PhotoTileProps {
  readonly photo: PhotoSummary;
  readonly index: number;
  readonly focused: boolean;
  readonly selected: boolean;
  /** A click, with its modifier keys (the grid decides: open, toggle, range). */
  readonly onClick: (index: number, event: MouseEvent<HTMLButtonElement>) => void;
  readonly onFocusIndex: (index: number) => void;
  readonly onDragStart: (index: number, event: DragEvent<HTMLButtonElement>) => void;
  /** The tile's size in CSS px (square). */
  readonly size: number;
  /**
   * Whether its thumbnail may load now. While the grid scrolls fast, tiles that come into view wait
   * (decoding a thumbnail per tile per frame is what makes a fling stutter), and so do the results of
   * a search being typed; once shown, a photo's thumbnail stays.
   */
  readonly showImage?: boolean;
  /** How soon its thumbnail is fetched: on screen before the rows around it. */
  readonly priority?: 'high' | 'low';
}

/** A grid cell's button; only the focused tile is in the tab order (roving tabindex). */
export const PhotoTile = memo(function PhotoTile({ photo, index, focused, selected, onClick, onFocusIndex, onDragStart, size, showImage = true, priority }: PhotoTileProps) {
  // Kept per photo, not per tile: a tile is reused for another photo when the list changes under it
  // (a search being typed), and that photo's thumbnail waits like a new tile's.
  const [shownFor, setShownFor] = useState(showImage ? photo.imageHash : null);
  if (showImage && shownFor !== photo.imageHash) setShownFor(photo.imageHash);
  const imageShown = showImage || shownFor === photo.imageHash;
  const offline = photo.availability === 'offline';
  const title = offline ? `${baseName(photo.mainPath)} — ${offlineTitle(photo.driveName)}` : (photo.mainPath ?? undefined);
  return (
    <button
      type="button"
      className={`ks-tile ks-tile-${photo.availability}${selected ? ' ks-tile-selected' : ''}`}
      aria-label={photoAccessibleName(photo)}
      title={title}
      tabIndex={focused ? 0 : -1}
      data-index={index}
      data-testid="photo-tile"
      data-image-hash={photo.imageHash}
      data-availability={photo.availability}
      data-rating={photo.rating}
      data-selected={selected ? 'true' : undefined}
      draggable
      onDragStart={(event) => onDragStart(index, event)}
      onClick={(event) => onClick(index, event)}
      onFocus={() => onFocusIndex(index)}
    >
      {imageShown ? (
        <Thumbnail
          imageHash={photo.imageHash}
          hasThumbnail={photo.hasThumbnail}
          isVideo={photo.mainType === 'VIDEO'}
          crop={{ size, width: photo.thumbnailWidth, height: photo.thumbnailHeight }}
          priority={priority}
        />
      ) : (
        <span className="ks-thumb-waiting" aria-hidden="true" />
      )}
      {/* Plain spans, not Mantine Badge + Tooltip: a tile is rendered thousands of times while scrolling. */}
      {photo.mainType === 'VIDEO' && (
        <span className="ks-tile-video" aria-hidden="true" data-testid="video-duration">
          {/* Drawn by CSS (::after): text inside the button that its name ("Video clip.webm") lacks fails axe's label rule. */}
          ▶{photo.durationS !== null && <span className="ks-tile-duration" data-duration={formatDuration(photo.durationS)} />}
        </span>
      )}
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
      {photo.rating > 0 && (
        <span className="ks-tile-rating" aria-hidden="true" data-testid="tile-rating">
          {'★'.repeat(photo.rating)}
        </span>
      )}
      <span className="ks-tile-caption" aria-hidden="true">
        <span className="ks-tile-name">{baseName(photo.mainPath)}</span>
        <span className="ks-tile-date">{tileDate(photo)}</span>
      </span>
      {/* Clicking the check mark selects, like Ctrl/Cmd-click (it is part of the button, not a second control; drawn by CSS). */}
      <span className="ks-tile-check" aria-hidden="true" data-check="true" />
    </button>
  );
});
