/**
 * The virtualised thumbnail grid: date groups (a header each, kept at the top while its photos
 * scroll by) of rows × responsive columns through @tanstack/react-virtual, and a date scrubber at
 * the side. Only the rows on screen (plus a few) are rendered and only their pages are fetched, so
 * it stays smooth at 100,000 photos.
 *
 * Pointer: a click opens the photo — or, while photos are selected, selects or deselects it;
 * Ctrl/Cmd-click (or the tile's check mark) selects or deselects; Shift-click selects the range
 * from the last clicked photo. Keys (src-shared/keyboard-shortcuts.ts): arrows / Home / End /
 * PageUp / PageDown move (with Shift they extend the selection), Enter opens, Space shows a quick
 * look, X selects or deselects, 0–5 rate the selected photos (or the focused one). Ctrl/Cmd+A and
 * Esc are the view's (they work wherever the focus is in it).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { DateGroup, PhotoSummary } from '../../src-shared/domain.ts';
import { matchesShortcut } from '../../src-shared/keyboard-shortcuts.ts';
import { startPhotoDrag } from '../lib/photo-drag.ts';
import { GRID_GAP, GROUP_HEADER_HEIGHT, columnsFor, groupAtRow, groupLabel, layoutGrid, moveRows, rowAt, rowOf, rowSize, type GridLayout, type LayoutRow } from '../lib/grid-layout.ts';
import { PLATFORM, isTypingTarget } from '../lib/keyboard.ts';
import type { PagedList } from '../lib/use-paged-list.ts';
import { useSelection, type FetchHashes } from '../stores/selection-store.ts';
import { DateScrubber } from './date-scrubber.tsx';
import { PhotoTile } from './photo-tile.tsx';

interface PhotoGridProps {
  readonly list: PagedList<PhotoSummary>;
  /** The list's date groups (null: none, or not known yet — plain rows). */
  readonly groups: readonly DateGroup[] | null;
  /** Smallest tile, CSS px (tiles stretch to fill the width). */
  readonly tileSize: number;
  readonly label: string;
  /** A new key (another folder, search, order) scrolls back to the top. */
  readonly resetKey: string;
  readonly onOpen: (index: number, photo: PhotoSummary) => void;
  /** The hashes at a range of positions of this list (for Shift ranges and group selection). */
  readonly fetchHashes: FetchHashes;
  /** A rating key: the selected photos, or the focused one. */
  readonly onRate: (imageHashes: readonly string[], rating: number) => void;
  /** Space: a quick look at the focused photo. */
  readonly onQuickLook: (index: number) => void;
  readonly testId?: string;
  /** Tiles coming into view wait with their thumbnails (a search being typed: each key's results are passed by). */
  readonly holdImages?: boolean;
}

const RATING_KEYS = new Set(['0', '1', '2', '3', '4', '5']);
/**
 * Photos up to which the grid renders every tile, not only those around the view: about two screens
 * of them, all there to find and tab through. Not more: a folder of 100 rendered whole measured
 * 110–200 ms to its tiles on screen, against 50–100 ms for the rows around the view alone.
 */
const SMALL_LIST = 60;
/** The date scrubber's width (app.css .ks-scrubber). */
const SCRUBBER_WIDTH = 52;
const NUMBER = new Intl.NumberFormat();
/** Scrolling faster than this (px per ms: two screens a second) holds new tiles' thumbnails back… */
const FAST_SCROLL = 1.6;
/** …until it has been slower (or stopped) this long. */
const SETTLE_MS = 120;

/** The grid; `list.total` items laid out in rows that fill the available width. */
export function PhotoGrid({ list, groups, tileSize, label, resetKey, onOpen, fetchHashes, onRate, onQuickLook, testId = 'photo-grid', holdImages = false }: PhotoGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [viewport, setViewport] = useState(0);
  const [scrollbar, setScrollbar] = useState(0);
  const [focusIndex, setFocusIndex] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const total = list.total ?? 0;
  const selected = useSelection((s) => s.selected);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => {
      setWidth(el.clientWidth);
      setViewport(el.clientHeight);
      setScrollbar(el.offsetWidth - el.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Scrolling fast: tiles coming into view wait with their thumbnails until it slows (see PhotoTile).
  const [fast, setFast] = useState(false);
  const motion = useRef({ top: 0, at: 0, timer: null as ReturnType<typeof setTimeout> | null });
  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const m = motion.current;
    const now = performance.now();
    const speed = Math.abs(el.scrollTop - m.top) / Math.max(1, now - m.at);
    m.top = el.scrollTop;
    m.at = now;
    if (speed > FAST_SCROLL) setFast(true);
    if (m.timer !== null) clearTimeout(m.timer);
    m.timer = setTimeout(() => setFast(false), SETTLE_MS);
  }, []);
  useEffect(() => () => {
    if (motion.current.timer !== null) clearTimeout(motion.current.timer);
  }, []);

  const { columns, tile } = columnsFor(width, tileSize);
  const layout = useMemo(() => layoutGrid(total, groups, columns, tile), [total, groups, columns, tile]);
  const layoutRef = useRef<GridLayout>(layout);
  layoutRef.current = layout;

  const virtualizer = useVirtualizer({
    count: layout.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => rowSize(layoutRef.current, i),
    // While it scrolls fast each frame shows rows never rendered before: rows around them would be
    // rendered for nothing (a fling's frame is then about 11 rows of tiles instead of 7).
    overscan: total <= SMALL_LIST ? layout.rows.length : fast ? 1 : 3,
  });
  // Each row is one ARIA row, or two when a title band is above its tiles.
  const ariaRows = useMemo(() => {
    const starts = new Int32Array(layout.rows.length + 1);
    for (let i = 0; i < layout.rows.length; i++) starts[i + 1] = (starts[i] ?? 0) + (layout.rows[i]?.band === true ? 2 : 1);
    return starts;
  }, [layout]);
  useEffect(() => virtualizer.measure(), [layout, virtualizer]);

  // Another list: back to its top.
  useEffect(() => {
    // A jump back to the top, not a fling: it holds no thumbnail and no page back.
    motion.current.top = 0;
    motion.current.at = performance.now();
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    setFocusIndex(0);
  }, [resetKey]);

  const items = virtualizer.getVirtualItems();
  const firstItem = items[0]?.index ?? 0;
  const lastItem = items[items.length - 1]?.index ?? 0;
  const photoRange = useMemo(() => {
    const first = layout.rows[firstItem];
    const last = layout.rows[lastItem];
    return first === undefined || last === undefined ? null : ([first.first, last.first + last.count - 1] as const);
  }, [firstItem, lastItem, layout]);
  const { ensure } = list;
  // While it scrolls fast no page is asked for: the pages of rows flown past would only hold back
  // those where it stops (and each answer costs a render mid-fling).
  useEffect(() => {
    if (total > 0 && photoRange !== null && !fast) ensure(photoRange[0], photoRange[1]);
  }, [photoRange, total, ensure, fast]);

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

  // Tiles are memoised: keep their callbacks stable while the list object changes each render.
  const listRef = useRef(list);
  listRef.current = list;
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const fetchRef = useRef(fetchHashes);
  fetchRef.current = fetchHashes;

  const moveFocus = useCallback(
    (next: number, extend: boolean) => {
      const clamped = Math.max(0, Math.min(total - 1, next));
      pendingFocus.current = clamped;
      setFocusIndex(clamped);
      virtualizer.scrollToIndex(rowOf(layoutRef.current, clamped), { align: 'auto' });
      const selection = useSelection.getState();
      if (extend) void selection.selectRange(clamped, (offset, limit) => fetchRef.current(offset, limit));
      else selection.setAnchor(clamped);
    },
    [total, virtualizer],
  );

  const onTileClick = useCallback((index: number, event: MouseEvent<HTMLButtonElement>) => {
    const photo = listRef.current.get(index);
    if (!photo) return;
    const selection = useSelection.getState();
    if (event.shiftKey) {
      event.preventDefault();
      void selection.selectRange(index, (offset, limit) => fetchRef.current(offset, limit));
      return;
    }
    const onCheck = (event.target as Element).closest('[data-check]') !== null;
    const mod = PLATFORM === 'mac' ? event.metaKey : event.ctrlKey;
    if (mod || onCheck || selection.selected.size > 0) {
      selection.toggle(photo.imageHash, index);
      return;
    }
    selection.setAnchor(index);
    onOpenRef.current(index, photo);
  }, []);

  const onTileDragStart = useCallback((index: number, event: DragEvent<HTMLButtonElement>) => {
    const photo = listRef.current.get(index);
    if (!photo) return;
    const { selected: chosen } = useSelection.getState();
    // Dragging a selected photo drags the whole selection; another photo goes alone.
    startPhotoDrag(event, chosen.has(photo.imageHash) ? [...chosen] : [photo.imageHash]);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0 || isTypingTarget(event.target)) return;
    const photo = list.get(focusIndex);
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    if (plain && !event.shiftKey && RATING_KEYS.has(event.key)) {
      event.preventDefault();
      const { selected: chosen } = useSelection.getState();
      const hashes = chosen.size > 0 ? [...chosen] : photo ? [photo.imageHash] : [];
      if (hashes.length > 0) onRate(hashes, Number(event.key));
      return;
    }
    if (matchesShortcut('gridOpen', event, PLATFORM)) {
      event.preventDefault();
      if (photo) onOpenRef.current(focusIndex, photo);
      return;
    }
    if (matchesShortcut('gridPreview', event, PLATFORM)) {
      event.preventDefault();
      onQuickLook(focusIndex);
      return;
    }
    if (matchesShortcut('gridSelect', event, PLATFORM)) {
      event.preventDefault();
      if (photo) useSelection.getState().toggle(photo.imageHash, focusIndex);
      return;
    }
    if (!plain) return;
    const perPage = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? tile) / (tile + GRID_GAP)));
    const moves: Record<string, () => number> = {
      ArrowRight: () => focusIndex + 1,
      ArrowLeft: () => focusIndex - 1,
      ArrowDown: () => moveRows(layout, focusIndex, 1),
      ArrowUp: () => moveRows(layout, focusIndex, -1),
      PageDown: () => moveRows(layout, focusIndex, perPage),
      PageUp: () => moveRows(layout, focusIndex, -perPage),
      Home: () => 0,
      End: () => total - 1,
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    moveFocus(move(), event.shiftKey);
  };

  const selectGroup = useCallback(async (group: number) => {
    const placed = layoutRef.current.groups[group];
    if (!placed) return;
    useSelection.getState().add(await fetchRef.current(placed.start, placed.count));
  }, []);

  // Roving tabindex: if the focused tile scrolled out of the rendered rows, the first rendered one takes the tab stop.
  const tabbable = photoRange !== null && (focusIndex < photoRange[0] || focusIndex > photoRange[1]) ? photoRange[0] : focusIndex;
  const scrollTop = virtualizer.scrollOffset ?? 0;
  const hasGroups = layout.groups.length > 0;
  // The scrubber is for long lists: a few screens of photos scroll well enough without it.
  const scrubber = hasGroups && layout.height > viewport * 3;

  return (
    <div className={`ks-grid-wrap${scrubber ? ' ks-grid-grouped' : ''}${selected.size > 0 ? ' ks-selecting' : ''}`}>
      <div
        ref={scrollRef}
        className="ks-grid-scroll"
        role="grid"
        aria-label={label}
        aria-rowcount={ariaRows[layout.rows.length] ?? 0}
        aria-colcount={columns}
        aria-multiselectable="true"
        data-testid={testId}
        data-total={total}
        data-scrolling-fast={fast ? 'true' : undefined}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {items.map((virtual) => {
            // Rows on screen fetch their thumbnails first; the ones rendered around them (overscan,
            // or a small list's every row) wait behind them.
            const onScreen = virtual.end > scrollTop && virtual.start < scrollTop + viewport;
            const row = layout.rows[virtual.index];
            if (row === undefined) return null;
            return (
              <div key={virtual.key} className="ks-grid-item" style={{ transform: `translateY(${virtual.start}px)`, height: rowSize(layout, virtual.index) }}>
                {row.band && <TitleBand row={row} layout={layout} ariaRow={(ariaRows[virtual.index] ?? 0) + 1} onSelect={selectGroup} />}
                <div role="row" aria-rowindex={(ariaRows[virtual.index] ?? 0) + (row.band ? 2 : 1)} className="ks-grid-row" style={{ height: tile, gap: GRID_GAP, paddingLeft: GRID_GAP }}>
                  {Array.from({ length: row.count }, (_, c) => {
                    const index = row.first + c;
                    const photo = list.get(index);
                    const isSelected = photo !== undefined && selected.has(photo.imageHash);
                    const segmentStart = c > 0 && row.segments.some((segment) => segment.first === index);
                    return (
                      <div
                        role="gridcell"
                        key={c}
                        aria-colindex={c + 1}
                        aria-selected={isSelected}
                        className={segmentStart ? 'ks-cell-segment-start' : undefined}
                        style={{ width: tile, height: tile }}
                      >
                        {photo ? (
                          <PhotoTile
                            photo={photo}
                            index={index}
                            focused={index === tabbable}
                            selected={isSelected}
                            onClick={onTileClick}
                            onFocusIndex={setFocusIndex}
                            onDragStart={onTileDragStart}
                            size={tile}
                            showImage={!fast && !holdImages}
                            priority={onScreen ? 'high' : 'low'}
                          />
                        ) : (
                          <div className="ks-tile ks-tile-loading" aria-hidden="true" data-index={index} />
                        )}
                      </div>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
      </div>
      {hasGroups && <StickyHeader layout={layout} scrollTop={scrollTop} right={scrubber ? SCRUBBER_WIDTH : scrollbar} onSelect={selectGroup} />}
      {scrubber && (
        <DateScrubber
          layout={layout}
          scrollTop={scrollTop}
          viewport={viewport}
          onScrollTo={(top) => {
            if (scrollRef.current) scrollRef.current.scrollTop = top;
          }}
        />
      )}
    </div>
  );
}

/** The band above a row in which groups start: each one's title, where its photos start. */
const TitleBand = memo(function TitleBand({ row, layout, ariaRow, onSelect }: { row: LayoutRow; layout: GridLayout; ariaRow: number; onSelect: (group: number) => Promise<void> }) {
  const step = layout.tile + GRID_GAP;
  return (
    <div role="row" aria-rowindex={ariaRow} className="ks-grid-band" style={{ height: GROUP_HEADER_HEIGHT }}>
      {row.segments
        .filter((segment) => segment.starts)
        .map((segment) => {
          const group = layout.groups[segment.group];
          const width = segment.count * step - GRID_GAP;
          return (
            <div
              key={segment.group}
              role="rowheader"
              className="ks-group-header"
              data-testid="group-header"
              data-key={group?.key ?? ''}
              style={{ left: GRID_GAP + (segment.first - row.first) * step, width }}
            >
              <GroupTitle groupKey={group?.key ?? null} count={group?.count ?? 0} short={width < 280} showCount={width >= 150} onSelect={() => void onSelect(segment.group)} />
            </div>
          );
        })}
    </div>
  );
});

/** A group's title ("June 2024 · 120") and its Select button. */
function GroupTitle(props: { groupKey: string | null; count: number; short: boolean; showCount?: boolean; onSelect: () => void; focusable?: boolean }) {
  const { groupKey, count, short, showCount = true, onSelect, focusable = true } = props;
  const label = groupLabel(groupKey);
  return (
    <>
      <span className="ks-group-title" title={label}>
        {groupLabel(groupKey, short)}
      </span>
      {showCount && <span className="ks-group-count">{NUMBER.format(count)}</span>}
      <button
        type="button"
        className="ks-group-select"
        tabIndex={focusable ? undefined : -1}
        onClick={onSelect}
        aria-label={`Select the ${NUMBER.format(count)} ${count === 1 ? 'photo' : 'photos'} of ${label}`}
      >
        Select
      </button>
    </>
  );
}

/**
 * The title of the group at the top of the view, kept there while its photos scroll under it and
 * pushed up by the next title band. A copy for the eyes: the real titles are in the grid.
 */
function StickyHeader({ layout, scrollTop, right, onSelect }: { layout: GridLayout; scrollTop: number; right: number; onSelect: (group: number) => Promise<void> }) {
  if (scrollTop <= 0 || layout.rows.length === 0) return null;
  const top = rowAt(layout, scrollTop);
  const group = groupAtRow(layout, top);
  const placed = layout.groups[group];
  let next = top + 1;
  while (next < layout.rows.length && layout.rows[next]?.band !== true) next++;
  const push = next >= layout.rows.length ? 0 : Math.min(0, (layout.offsets[next] ?? 0) - scrollTop - GROUP_HEADER_HEIGHT);
  return (
    <div className="ks-group-header ks-group-sticky" style={{ transform: `translateY(${push}px)`, right }} data-testid="sticky-group-header" aria-hidden="true">
      <GroupTitle groupKey={placed?.key ?? null} count={placed?.count ?? 0} short={false} focusable={false} onSelect={() => void onSelect(group)} />
    </div>
  );
}
