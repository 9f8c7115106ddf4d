/**
 * The Library grid's layout as plain numbers: a list of `total` photos in date groups, laid out in
 * rows of `columns` tiles. A group that fits in what is left of the current row goes there, beside
 * the one before (a run of small days takes one row, not one row each); a group that does not fit
 * starts a new row and fills as many as it needs. A row in which a group starts has a band above its
 * tiles with that group's title where it starts. Without groups (the Name order, or before they are
 * known) it is rows only. Positions in a row are just `index - row.first`: no slot is left empty
 * between two groups sharing a row.
 *
 * The virtual list renders the rows of this layout; the scrubber, the sticky title and the arrow
 * keys read positions from it.
 */
import type { DateGroup } from '../../src-shared/domain.ts';

export const GRID_GAP = 6;
/** The band above a row in which a group starts (its title, count and Select). */
export const GROUP_HEADER_HEIGHT = 40;

/** A group's part of a row: photos first … first + count − 1 of group `group`. */
export interface RowSegment {
  readonly group: number;
  readonly first: number;
  readonly count: number;
  /** The group starts here (its title is above it). */
  readonly starts: boolean;
}

/** A row of the virtual list: photos first … first + count − 1, in segments of their groups. */
export interface LayoutRow {
  readonly first: number;
  readonly count: number;
  readonly segments: readonly RowSegment[];
  /** A group starts in this row: the row has a title band above its tiles. */
  readonly band: boolean;
}

/** A group placed in the list: its photos start at `start`, in row `row`. */
export interface PlacedGroup {
  readonly key: string | null;
  readonly count: number;
  readonly start: number;
  readonly row: number;
}

export interface GridLayout {
  readonly columns: number;
  readonly tile: number;
  readonly rows: readonly LayoutRow[];
  /** Top of each row, px, and the whole height after the last. */
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
  const usable = groups !== null && groups.length > 0 && groups.reduce((sum, g) => sum + g.count, 0) === total;
  const rows: { first: number; count: number; segments: RowSegment[]; band: boolean }[] = [];
  const placed: PlacedGroup[] = [];
  if (!usable) {
    for (let first = 0; first < total; first += columns) {
      const count = Math.min(columns, total - first);
      rows.push({ first, count, segments: [{ group: 0, first, count, starts: false }], band: false });
    }
  } else {
    let start = 0;
    groups.forEach((group, g) => {
      const last = rows.at(-1);
      // Beside the group before, if it fits in what is left of its row; else from a new row.
      if (last !== undefined && last.count + group.count <= columns) {
        last.segments.push({ group: g, first: start, count: group.count, starts: true });
        last.count += group.count;
        last.band = true;
        placed.push({ key: group.key, count: group.count, start, row: rows.length - 1 });
      } else {
        placed.push({ key: group.key, count: group.count, start, row: rows.length });
        for (let first = start; first < start + group.count; first += columns) {
          const count = Math.min(columns, start + group.count - first);
          rows.push({ first, count, segments: [{ group: g, first, count, starts: first === start }], band: first === start });
        }
      }
      start += group.count;
    });
  }
  const offsets = new Float64Array(rows.length + 1);
  const row = tile + GRID_GAP;
  for (let i = 0; i < rows.length; i++) offsets[i + 1] = (offsets[i] ?? 0) + row + (rows[i]?.band === true ? GROUP_HEADER_HEIGHT : 0);
  return { columns, tile, rows, offsets, height: offsets[rows.length] ?? 0, groups: placed };
}

/** The height of row `i` (what the virtualizer is told: every size is known, nothing is measured). */
export const rowSize = (layout: GridLayout, i: number): number => (layout.offsets[i + 1] ?? 0) - (layout.offsets[i] ?? 0);

/** The last index `i` with `value(i) <= target` among 0 … length − 1 (0 when none). */
function floorIndex(length: number, value: (i: number) => number, target: number): number {
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (value(mid) <= target) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}

/** The row at a scroll position. */
export const rowAt = (layout: GridLayout, y: number): number => floorIndex(layout.rows.length, (i) => layout.offsets[i] ?? 0, y);

/** The row that holds photo `index`. */
export const rowOf = (layout: GridLayout, index: number): number => floorIndex(layout.rows.length, (i) => layout.rows[i]?.first ?? 0, index);

/** The group holding photo `index` (0 without groups). */
export const groupOf = (layout: GridLayout, index: number): number =>
  layout.groups.length === 0 ? 0 : floorIndex(layout.groups.length, (g) => layout.groups[g]?.start ?? 0, index);

/** The group at the top of a row (its first photo's). */
export const groupAtRow = (layout: GridLayout, row: number): number => layout.rows[row]?.segments[0]?.group ?? 0;

/**
 * The photo `rows` rows up (negative) or down from `index`, at the same place in its row where
 * that row is long enough (a row may be short), clamped to the list.
 */
export function moveRows(layout: GridLayout, index: number, rows: number): number {
  const here = rowOf(layout, index);
  const row = layout.rows[here];
  if (row === undefined) return index;
  const target = layout.rows[Math.max(0, Math.min(layout.rows.length - 1, here + rows))] ?? row;
  return target.first + Math.min(index - row.first, target.count - 1);
}

/** The formatters, made once (making one per call is what costs). */
const FORMATS = {
  month: new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' }),
  monthShort: new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' }),
  day: new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  dayShort: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
};
const labels = new Map<string, string>();

/** A group key's label in one of the formats, remembered. */
function formatKey(key: string, format: keyof typeof FORMATS): string {
  const cacheKey = `${format}|${key}`;
  let label = labels.get(cacheKey);
  if (label === undefined) {
    const [y, m, d] = key.split('-').map(Number);
    label = y === undefined || m === undefined || Number.isNaN(y) || Number.isNaN(m) ? key : FORMATS[format].format(new Date(y, m - 1, d ?? 1));
    labels.set(cacheKey, label);
  }
  return label;
}

/** "June 2024", "Saturday, June 1, 2024" (or, short, "Jun 2024", "Jun 1, 2024"), or "No date". */
export function groupLabel(key: string | null, short = false): string {
  if (key === null) return 'No date';
  const day = key.length > 7;
  return formatKey(key, day ? (short ? 'dayShort' : 'day') : short ? 'monthShort' : 'month');
}

/** "Jun 2024" for the scrubber's pointer label. */
export function shortGroupLabel(key: string | null): string {
  return key === null ? 'No date' : formatKey(key.slice(0, 7), 'monthShort');
}
