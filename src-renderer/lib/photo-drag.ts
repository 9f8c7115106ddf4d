/**
 * Dragging photos from the grid onto an album of the sidebar. The drag carries a type of its own
 * (so drop targets know it is photos, and other drops — files from the desktop — are not taken for
 * them) and the count; the hashes stay here, in this window: a drag of 100,000 selected photos
 * does not serialise 3 MB into the drag data.
 */
import type { DragEvent } from 'react';

/** The drag data type of photos dragged from the grid. */
export const PHOTOS_DRAG_TYPE = 'application/x-keepsake-photos';

let dragged: readonly string[] = [];

/** Starts a drag of these photos from a tile. */
export function startPhotoDrag(event: DragEvent<HTMLElement>, imageHashes: readonly string[]): void {
  dragged = imageHashes;
  event.dataTransfer.effectAllowed = 'copy';
  event.dataTransfer.setData(PHOTOS_DRAG_TYPE, String(imageHashes.length));
  if (imageHashes.length > 1) {
    // A small "12 photos" chip under the pointer instead of one tile's picture.
    const chip = document.createElement('div');
    chip.className = 'ks-drag-chip';
    chip.textContent = `${imageHashes.length.toLocaleString()} photos`;
    document.body.appendChild(chip);
    event.dataTransfer.setDragImage(chip, 12, 12);
    setTimeout(() => chip.remove(), 0);
  }
}

/** Whether a drag over a target carries photos from the grid. */
export const isPhotoDrag = (event: DragEvent<HTMLElement>): boolean => event.dataTransfer.types.includes(PHOTOS_DRAG_TYPE);

/** The photos of the drag being dropped. */
export const droppedPhotos = (): readonly string[] => dragged;
