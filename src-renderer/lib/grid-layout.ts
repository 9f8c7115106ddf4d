/**
 * The Library grid's layout as plain numbers: a list of `total` photos cut into date groups, each a
 * header followed by rows of `columns` tiles (a group starts on a new row). Without groups (the Name
 * order, or before they are known) it is rows only. The virtual list renders items of this layout;
 * the scrubber, the sticky header and the arrow keys read positions from it.
 */
import type { DateGroup } from '../../src-shared/domain.ts';

export const GRID_GAP = 6;
export const GROUP_HEADER_HEIGHT = 44;

/** A row of the virtual list: a group's header, or a row of tiles (photos first … first + count − 1). */
export type LayoutItem =
  | { readonly kind: 'header'; readonly group: number }
  | { readonly kind: 'row'; readonly group: number; readonly first: number; readonly count: number };

/** A group placed in the list: its photos start at `start`; its header is item `item`. */
export interface PlacedGroup {
  readonly key: string | null;
  readonly count: number;
  readonly start: number;
  readonly item: number;
}

export interface GridLayout {
  readonly columns: number;
  readonly tile: number;
  readonly items: readonly LayoutItem[];
  /** Top of each item, px, and the whole height after the last. */
  readonly offsets: Float64Array;
  readonly height: number;
  /** Groups in order (empty without headers). */
  readonly groups: readonly PlacedGroup[];
}

/**
 * Columns for a width: as many tiles of at least `tileSize` as fit; the tiles then stretch to fill
 * the width (never more than one column's worth).
 */
export function columnsFor(width: number, tileSize: number): { columns: number; tile: number } {
  const columns = Math.max(1, Math.floor((width - GRID_GAP) / (tileSize + GRID_GAP)));
  const tile = width > 0 ? (width - GRID_GAP) / columns - GRID_GAP : tileSize;
  return { columns, tile };
}

/**
 * The layout. `groups` are used only when they add up to `total` (they answer separately from the
 * first page, and the list may have changed between): otherwise the list is laid out as plain rows.
 */
export function layoutGrid(total: number, groups: readonly DateGroup[] | null, columns: number, tile: number): GridLayout {
  const items: LayoutItem[] = [];
  const placed: PlacedGroup[] = [];
  const usable = groups !== null && groups.length > 0 && groups.reduce((sum, g) => sum + g.count, 0) === total;
  const runs = usable ? groups : [{ key: null, count: total }];
  let start = 0;
  runs.forEach((group, g) => {
    if (usable) {
      placed.push({ key: group.key, count: group.count, start, item: items.length });
      items.push({ kind: 'header', group: g });
    }
    for (let first = start; first < start + group.count; first += columns) {
      items.push({ kind: 'row', group: g, first, count: Math.min(columns, start + group.count - first) });
    }
    start += group.count;
  });
  const offsets = new Float64Array(items.length + 1);
  const row = tile + GRID_GAP;
  for (let i = 0; i < items.length; i++) offsets[i + 1] = (offsets[i] ?? 0) + (items[i]?.kind === 'header' ? GROUP_HEADER_HEIGHT : row);
  return { columns, tile, items, offsets, height: offsets[items.length] ?? 0, groups: placed };
}

/** The size of item `i` (what the virtualizer is told: every size is known, nothing is measured). */
export const itemSize = (layout: GridLayout, i: number): number => (layout.offsets[i + 1] ?? 0) - (layout.offsets[i] ?? 0);

/** The last index `i` with `sorted[i] <= value` (0 when none). */
function floorIndex(sorted: ArrayLike<number>, value: number, length = sorted.length): number {
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((sorted[mid] ?? 0) <= value) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}

/** The item at a scroll position. */
export const itemAt = (layout: GridLayout, y: number): number => floorIndex(layout.offsets, y, layout.items.length);

/** The group holding photo `index` (0 without groups). */
export function groupOf(layout: GridLayout, index: number): number {
  if (layout.groups.length === 0) return 0;
  return floorIndex(
    layout.groups.map((g) => g.start),
    index,
  );
}

/** The row item that holds photo `index`. */
export function rowOf(layout: GridLayout, index: number): number {
  const group = layout.groups[groupOf(layout, index)];
  const firstRow = group === undefined ? 0 : group.item + 1;
  const start = group?.start ?? 0;
  return firstRow + Math.floor((index - start) / layout.columns);
}

/**
 * The photo `rows` rows up (negative) or down from `index`, in the same column where that row is
 * long enough (a group's last row may be short), clamped to the list.
 */
export function moveRows(layout: GridLayout, index: number, rows: number): number {
  let item = rowOf(layout, index);
  const here = layout.items[item];
  if (here?.kind !== 'row') return index;
  const column = index - here.first;
  let left = Math.abs(rows);
  const step = rows < 0 ? -1 : 1;
  let target = here;
  while (left > 0) {
    let next = item + step;
    while (layout.items[next]?.kind === 'header') next += step;
    const candidate = layout.items[next];
    if (candidate?.kind !== 'row') break;
    item = next;
    target = candidate;
    left--;
  }
  return target.first + Math.min(column, target.count - 1);
}

const MONTHS = Array.from({ length: 12 }, (_, m) => new Date(2000, m, 1).toLocaleDateString(undefined, { month: 'long' }));

/** "June 2024", "Saturday, 1 June 2024", or "No date". */
export function groupLabel(key: string | null): string {
  if (key === null) return 'No date';
  const [y, m, d] = key.split('-').map(Number);
  if (y === undefined || m === undefined || Number.isNaN(y) || Number.isNaN(m)) return key;
  if (d === undefined) return `${MONTHS[m - 1] ?? m} ${y}`;
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** "Jun 2024" for the scrubber's pointer label. */
export function shortGroupLabel(key: string | null): string {
  if (key === null) return 'No date';
  const [y, m] = key.split('-').map(Number);
  if (y === undefined || m === undefined || Number.isNaN(m)) return key;
  return new Date(y, m - 1, 1).toLocaleDateString(undefined, { month: 'short', year: 'numeric' });
}
