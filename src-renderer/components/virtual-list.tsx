/**
 * A virtualised list of fixed-height rows over a paged list: renders only visible rows and asks the
 * paged list for just their pages (the Missing view's first paint fetches one page only).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import type { PagedList } from '../lib/use-paged-list.ts';

interface VirtualListProps<T> {
  readonly list: PagedList<T>;
  readonly rowHeight: number;
  readonly label: string;
  readonly testId: string;
  readonly renderRow: (item: T, index: number) => ReactNode;
  /** Called once, on the frame after the first loaded rows were rendered (for timing the first paint). */
  readonly onFirstRows?: () => void;
}

/** role="list" with one role="listitem" per rendered row. */
export function VirtualList<T>({ list, rowHeight, label, testId, renderRow, onFirstRows }: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = list.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = list;
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [first, last, total, ensure]);

  const firstShown = list.get(first) !== undefined;
  const reported = useRef(false);
  useEffect(() => {
    if (!firstShown || reported.current || !onFirstRows) return;
    reported.current = true;
    requestAnimationFrame(() => onFirstRows());
  }, [firstShown, onFirstRows]);

  return (
    <div ref={scrollRef} className="ks-list-scroll" data-testid={testId} data-total={total}>
      <div role="list" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const item = list.get(row.index);
          return (
            <div
              key={row.key}
              role="listitem"
              aria-setsize={total}
              aria-posinset={row.index + 1}
              className="ks-list-row"
              style={{ height: rowHeight, transform: `translateY(${row.start}px)` }}
            >
              {item === undefined ? <div className="ks-list-row-loading" aria-hidden="true" /> : renderRow(item, row.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
