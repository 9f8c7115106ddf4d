/**
 * The virtualised thumbnail grid: rows × responsive columns through @tanstack/react-virtual. Only the
 * rows on screen (plus a few) are rendered and only their pages are fetched, so it stays smooth at
 * 100,000 photos. Keyboard: arrows / Home / End / PageUp / PageDown move focus, Enter opens.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PhotoSummary } from '../../src-shared/domain.ts';
import type { PagedList } from '../lib/use-paged-list.ts';
import { PhotoTile } from './photo-tile.tsx';

const MIN_TILE = 160;
const GAP = 6;

interface PhotoGridProps {
  readonly list: PagedList<PhotoSummary>;
  readonly label: string;
  readonly onOpen: (index: number, photo: PhotoSummary) => void;
  readonly testId?: string;
}

/** The grid; `list.total` items laid out in rows that fill the available width. */
export function PhotoGrid({ list, label, onOpen, testId = 'photo-grid' }: PhotoGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [focusIndex, setFocusIndex] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const total = list.total ?? 0;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor((width - GAP) / (MIN_TILE + GAP)));
  const tile = width > 0 ? (width - GAP) / columns - GAP : MIN_TILE;
  const rowCount = Math.ceil(total / columns);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => tile + GAP,
    overscan: 3,
  });
  useEffect(() => virtualizer.measure(), [tile, virtualizer]);

  const rows = virtualizer.getVirtualItems();
  const firstRow = rows[0]?.index ?? 0;
  const lastRow = rows[rows.length - 1]?.index ?? 0;
  const { ensure } = list;
  useEffect(() => {
    if (total > 0) ensure(firstRow * columns, (lastRow + 1) * columns - 1);
  }, [firstRow, lastRow, columns, total, ensure]);

  // Keep the focused index inside the list when it shrinks.
  useEffect(() => {
    if (focusIndex >= total && total > 0) setFocusIndex(total - 1);
  }, [focusIndex, total]);

  // After moving focus by keyboard, focus the tile once it is rendered.
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const moveFocus = useCallback(
    (next: number) => {
      const clamped = Math.max(0, Math.min(total - 1, next));
      pendingFocus.current = clamped;
      setFocusIndex(clamped);
      virtualizer.scrollToIndex(Math.floor(clamped / columns), { align: 'auto' });
    },
    [total, columns, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0) return;
    const perPage = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? tile) / (tile + GAP))) * columns;
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      PageDown: perPage,
      PageUp: -perPage,
      Home: -focusIndex,
      End: total - 1 - focusIndex,
    };
    const delta = moves[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    moveFocus(focusIndex + delta);
  };

  // Tiles are memoised: keep the open callback stable while the list object changes each render.
  const listRef = useRef(list);
  listRef.current = list;
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const open = useCallback((index: number) => {
    const photo = listRef.current.get(index);
    if (photo) onOpenRef.current(index, photo);
  }, []);

  // Roving tabindex: if the focused tile scrolled out of the rendered rows, the first rendered one takes the tab stop.
  const tabbable = focusIndex >= firstRow * columns && focusIndex < (lastRow + 1) * columns ? focusIndex : firstRow * columns;

  return (
    <div
      ref={scrollRef}
      className="ks-grid-scroll"
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount}
      aria-colcount={columns}
      data-testid={testId}
      data-total={total}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {rows.map((row) => (
          <div
            key={row.key}
            role="row"
            aria-rowindex={row.index + 1}
            className="ks-grid-row"
            style={{ transform: `translateY(${row.start}px)`, height: tile, gap: GAP, paddingLeft: GAP }}
          >
            {Array.from({ length: columns }, (_, c) => {
              const index = row.index * columns + c;
              if (index >= total) return null;
              const photo = list.get(index);
              return (
                <div role="gridcell" key={c} aria-colindex={c + 1} style={{ width: tile, height: tile }}>
                  {photo ? (
                    <PhotoTile
                      photo={photo}
                      index={index}
                      focused={index === tabbable}
                      onOpen={open}
                      onFocusIndex={setFocusIndex}
                      size={tile}
                    />
                  ) : (
                    <div className="ks-tile ks-tile-loading" aria-hidden="true" data-index={index} />
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
