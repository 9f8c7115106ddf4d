/**
 * The date scrubber beside the grid: the years down its side where their photos are, a mark where
 * the view is, and the month under the pointer. Click or drag to jump there; as a slider it also
 * takes the keyboard (↑/↓ the previous / next group, Page Up / Down a year, Home / End).
 */
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { groupAtRow, rowAt, shortGroupLabel, type GridLayout } from '../lib/grid-layout.ts';

interface DateScrubberProps {
  readonly layout: GridLayout;
  readonly scrollTop: number;
  /** The grid's visible height. */
  readonly viewport: number;
  readonly onScrollTo: (top: number) => void;
}

/** Years closer than this (px) on the track: only the first is labelled. */
const LABEL_SPACING = 18;

export function DateScrubber({ layout, scrollTop, viewport, onScrollTo }: DateScrubberProps) {
  const trackRef = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  const [pointer, setPointer] = useState<number | null>(null);
  const dragging = useRef(false);

  useLayoutEffect(() => {
    const el = trackRef.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const range = Math.max(1, layout.height - viewport);
  const groupTop = (g: number) => layout.offsets[layout.groups[g]?.row ?? 0] ?? 0;
  /** Track position (px) of a scroll position, and back. */
  const toTrack = (top: number) => (Math.min(top, range) / range) * height;
  const toScroll = (y: number) => (Math.max(0, Math.min(height, y)) / Math.max(1, height)) * range;
  const groupAtScroll = (top: number) => groupAtRow(layout, rowAt(layout, top));

  // The year labels move only when the layout or the track does, not as the grid scrolls.
  const years = useMemo(() => {
    const found: { year: string; y: number }[] = [];
    let lastY = Number.NEGATIVE_INFINITY;
    let lastYear = '';
    layout.groups.forEach((group) => {
      const year = group.key === null ? '—' : group.key.slice(0, 4);
      if (year === lastYear) return;
      lastYear = year;
      const y = (Math.min(layout.offsets[group.row] ?? 0, range) / range) * height;
      if (y - lastY < LABEL_SPACING) return;
      lastY = y;
      found.push({ year, y });
    });
    return found;
  }, [layout, range, height]);

  const current = groupAtScroll(scrollTop);
  const currentKey = layout.groups[current]?.key ?? null;
  const yOf = (event: PointerEvent<HTMLDivElement>) => event.clientY - (trackRef.current?.getBoundingClientRect().top ?? 0);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    event.currentTarget.setPointerCapture(event.pointerId);
    onScrollTo(toScroll(yOf(event)));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const y = yOf(event);
    setPointer(y);
    if (dragging.current) onScrollTo(toScroll(y));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    event.currentTarget.releasePointerCapture(event.pointerId);
  };

  const goToGroup = (g: number) => onScrollTo(groupTop(Math.max(0, Math.min(layout.groups.length - 1, g))));
  const yearStep = (direction: 1 | -1) => {
    const year = (currentKey ?? '').slice(0, 4);
    let g = current;
    while (layout.groups[g + direction] !== undefined && (layout.groups[g]?.key ?? '').slice(0, 4) === year) g += direction;
    goToGroup(g);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, () => void> = {
      ArrowDown: () => goToGroup(current + 1),
      ArrowUp: () => goToGroup(current - 1),
      PageDown: () => yearStep(1),
      PageUp: () => yearStep(-1),
      Home: () => goToGroup(0),
      End: () => goToGroup(layout.groups.length - 1),
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    move();
  };

  const hovered = pointer === null ? null : (layout.groups[groupAtScroll(toScroll(pointer))]?.key ?? null);
  return (
    <div
      ref={trackRef}
      className="ks-scrubber"
      role="slider"
      tabIndex={0}
      aria-label="Scroll by date"
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round((Math.min(scrollTop, range) / range) * 100)}
      aria-valuetext={shortGroupLabel(currentKey)}
      data-testid="date-scrubber"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerLeave={() => !dragging.current && setPointer(null)}
      onKeyDown={onKeyDown}
    >
      {years.map(({ year, y }) => (
        <span key={`${year}-${y}`} className="ks-scrubber-year" style={{ top: y }} aria-hidden="true">
          {year}
        </span>
      ))}
      <span className="ks-scrubber-thumb" style={{ top: toTrack(scrollTop) }} aria-hidden="true" />
      {pointer !== null && (
        <span className="ks-scrubber-label" style={{ top: pointer }} aria-hidden="true" data-testid="scrubber-label">
          {shortGroupLabel(hovered)}
        </span>
      )}
    </div>
  );
}
