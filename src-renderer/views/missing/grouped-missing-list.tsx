/**
 * The Missing view's list: virtualised, a header row per group and a fixed-height row per photo;
 * only the rows in view are rendered and only their pages fetched (see use-missing-groups.ts).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { MissingGroup, MissingPhoto } from '../../../src-shared/domain.ts';
import { MissingGroupHeader, MISSING_HEADER_HEIGHT } from './missing-group-header.tsx';
import { MissingRow, MISSING_ROW_HEIGHT } from './missing-row.tsx';
import type { GroupedMissing } from './use-missing-groups.ts';

interface GroupedMissingListProps {
  readonly data: GroupedMissing;
  readonly label: string;
  readonly onOpen: (photo: MissingPhoto) => void;
  readonly onLocatePhoto: ((photo: MissingPhoto) => void) | null;
  readonly onLocateFolder: (group: MissingGroup) => void;
  /** Called once, on the frame after the first loaded photo rows were rendered (for timing the first paint). */
  readonly onFirstRows?: () => void;
}

/** role="list" with one role="listitem" per rendered row (headers included). */
export function GroupedMissingList({ data, label, onOpen, onLocatePhoto, onLocateFolder, onFirstRows }: GroupedMissingListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rowCount, isHeader } = data;
  const estimateSize = useCallback((index: number) => (isHeader(index) ? MISSING_HEADER_HEIGHT : MISSING_ROW_HEIGHT), [isHeader]);
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize, overscan: 6 });
  // Heights follow the groups: a new layout (after a change) is measured again.
  useEffect(() => virtualizer.measure(), [data.groups, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRows } = data;
  useEffect(() => {
    if (rowCount > 0) ensureRows(first, last);
  }, [first, last, rowCount, ensureRows, data.groups]);

  const shown = items.some((row) => {
    const at = row.index < rowCount ? data.rowAt(row.index) : null;
    return at?.kind === 'photo' && at.photo !== undefined;
  });
  const reported = useRef(false);
  useEffect(() => {
    if (!shown || reported.current || !onFirstRows) return;
    reported.current = true;
    requestAnimationFrame(() => onFirstRows());
  }, [shown, onFirstRows]);

  return (
    <div ref={scrollRef} className="ks-list-scroll" data-testid="missing-list" data-total={data.total ?? 0} data-groups={data.groups.length}>
      <div role="list" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          if (row.index >= rowCount) return null;
          const at = data.rowAt(row.index);
          let content: ReactNode;
          if (at.kind === 'header') {
            content = <MissingGroupHeader group={at.group} onLocate={at.group.folder === null ? null : onLocateFolder} />;
          } else if (at.photo === undefined) {
            content = <div className="ks-list-row-loading" aria-hidden="true" />;
          } else {
            content = <MissingRow photo={at.photo} reason={at.group.reason} onOpen={onOpen} onLocate={onLocatePhoto} />;
          }
          return (
            <div
              key={row.key}
              role="listitem"
              aria-setsize={rowCount}
              aria-posinset={row.index + 1}
              className={at.kind === 'header' ? 'ks-list-row ks-list-header-row' : 'ks-list-row'}
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
            >
              {content}
            </div>
          );
        })}
      </div>
    </div>
  );
}
