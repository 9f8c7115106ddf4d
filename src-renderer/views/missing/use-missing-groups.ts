/**
 * The Missing view's data: the groups ('missing.groups': each folder with its count and reason) and,
 * page by page and only for the rows on screen, each group's photos ('missing.list' with the group).
 * The list is laid out from the groups alone — a header row per group, then a row per photo — so a
 * 100,000-photo list knows its height at once and asks for the pages in view only.
 *
 * As usePagedList does: at most MAX_INFLIGHT pages are asked for at a time, chosen from the rows
 * shown when one answers; a fling waits until it settles; a new version refetches what is shown
 * while the old rows stay visible.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MissingGroup, MissingPhoto } from '../../../src-shared/domain.ts';
import { call, errorMessage } from '../../api/client.ts';
import type { PagedList } from '../../lib/use-paged-list.ts';

export type Kind = 'missing' | 'offline';

/** What a row of the list shows. */
export type MissingListRow =
  | { readonly kind: 'header'; readonly group: MissingGroup; readonly groupIndex: number }
  | { readonly kind: 'photo'; readonly group: MissingGroup; readonly groupIndex: number; readonly photo: MissingPhoto | undefined };

export interface GroupedMissing {
  /** Photos in all groups together; null until the groups answered. */
  readonly total: number | null;
  readonly groups: readonly MissingGroup[];
  readonly error: string | null;
  /** Header rows and photo rows. */
  readonly rowCount: number;
  rowAt(index: number): MissingListRow;
  isHeader(index: number): boolean;
  /** Makes sure the photos of rows [first, last] are (being) fetched. */
  ensureRows(first: number, last: number): void;
  /** The same photos as one flat list (for the lightbox's next and previous). */
  readonly photos: PagedList<MissingPhoto>;
}

/** Photos per page of a group. */
export const GROUP_PAGE = 100;
const MAX_INFLIGHT = 2;
const FAST_MS = 80;

const groupKey = (group: MissingGroup): string => `${group.folder ?? ''}\u0000${group.withSubfolders ? 1 : 0}\u0000${group.rootId ?? ''}`;

/** The last index whose start is at or before `at` (starts ascending). */
function lastAtOrBefore(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The grouped Missing (or Offline) list of a library. */
export function useMissingGroups(libraryId: number, kind: Kind, version: number): GroupedMissing {
  const [, setTick] = useState(0);
  const rerender = useCallback(() => setTick((t) => t + 1), []);
  const state = useRef({
    key: '',
    generation: 0,
    groups: [] as readonly MissingGroup[],
    total: null as number | null,
    error: null as string | null,
    /** Row of each group's header, and the flat index of each group's first photo. */
    headerRows: [] as number[],
    photoStarts: [] as number[],
    rowCount: 0,
    pages: new Map<string, readonly MissingPhoto[]>(),
    stale: new Map<string, readonly MissingPhoto[]>(),
    inflight: new Map<string, Promise<void>>(),
    wanted: [0, 0] as [number, number],
    movedAt: 0,
    settleTimer: null as ReturnType<typeof setTimeout> | null,
  });
  const query = `${libraryId}:${kind}`;

  const pageKey = (g: number, page: number): string => `${groupKey(state.current.groups[g] as MissingGroup)}\u0000${page}`;

  const loadPage = useCallback(
    (g: number, page: number): Promise<void> => {
      const s = state.current;
      const group = s.groups[g];
      if (group === undefined) return Promise.resolve();
      const key = pageKey(g, page);
      const existing = s.inflight.get(key);
      if (existing) return existing;
      if (s.pages.has(key)) return Promise.resolve();
      const generation = s.generation;
      const promise = call('missing.list', {
        libraryId,
        kind,
        group: { folder: group.folder, withSubfolders: group.withSubfolders },
        offset: page * GROUP_PAGE,
        limit: GROUP_PAGE,
      })
        .then((answer) => {
          if (state.current.generation !== generation) return;
          s.pages.set(key, answer.items);
          s.stale.delete(key);
        })
        .catch((error: unknown) => {
          if (state.current.generation !== generation) return;
          s.error = errorMessage(error);
        })
        .finally(() => {
          if (state.current.generation !== generation) return;
          s.inflight.delete(key);
          rerender();
          pumpRef.current();
        });
      s.inflight.set(key, promise);
      return promise;
    },
    [libraryId, kind, rerender],
  );

  /** Where row `index` is: its group, and which photo of it (-1: the header). */
  const locate = (index: number): { g: number; i: number } => {
    const s = state.current;
    const g = lastAtOrBefore(s.headerRows, index);
    return { g, i: index - (s.headerRows[g] ?? 0) - 1 };
  };

  const pump = useCallback(() => {
    const s = state.current;
    if (s.groups.length === 0) return;
    const [first, last] = s.wanted;
    const end = Math.min(Math.max(first, last), s.rowCount - 1);
    for (let row = Math.max(0, first); row <= end && s.inflight.size < MAX_INFLIGHT; row++) {
      const { g, i } = locate(row);
      if (i < 0) continue;
      const page = Math.floor(i / GROUP_PAGE);
      const key = pageKey(g, page);
      if (!s.pages.has(key) && !s.inflight.has(key)) void loadPage(g, page);
      // Skip to the next page's first row: the rows between are on this page.
      const group = s.groups[g] as MissingGroup;
      const lastOfPage = Math.min(group.count - 1, (page + 1) * GROUP_PAGE - 1);
      row = (s.headerRows[g] as number) + 1 + lastOfPage;
    }
  }, [loadPage]);
  const pumpRef = useRef(pump);
  pumpRef.current = pump;

  const ensureRows = useCallback(
    (first: number, last: number) => {
      const s = state.current;
      const [oldFirst] = s.wanted;
      s.wanted = [first, last];
      const now = performance.now();
      const fast = Math.abs(first - oldFirst) > GROUP_PAGE && now - s.movedAt < FAST_MS;
      s.movedAt = now;
      if (s.settleTimer !== null) clearTimeout(s.settleTimer);
      s.settleTimer = null;
      if (!fast) {
        pump();
        return;
      }
      s.settleTimer = setTimeout(() => {
        s.settleTimer = null;
        pumpRef.current();
      }, FAST_MS);
    },
    [pump],
  );

  // The groups first (they lay the list out); then the pages of the rows shown.
  useEffect(() => {
    const s = state.current;
    const sameQuery = s.key === query;
    const generation = ++s.generation;
    s.inflight = new Map();
    if (!sameQuery) {
      s.key = query;
      s.groups = [];
      s.total = null;
      s.headerRows = [];
      s.photoStarts = [];
      s.rowCount = 0;
      s.pages = new Map();
      s.stale = new Map();
      s.wanted = [0, 0];
      s.error = null;
      rerender();
    }
    // The first group's first page comes with the groups: the first screen needs one round trip.
    call('missing.groups', { libraryId, kind, firstPage: GROUP_PAGE })
      .then(({ total, groups, firstPage }) => {
        if (state.current.generation !== generation) return;
        const headerRows: number[] = [];
        const photoStarts: number[] = [];
        let row = 0;
        let photo = 0;
        for (const group of groups) {
          headerRows.push(row);
          photoStarts.push(photo);
          row += 1 + group.count;
          photo += group.count;
        }
        // What was shown stays until its page is fetched again.
        for (const [key, items] of s.pages) s.stale.set(key, items);
        s.pages = new Map();
        Object.assign(s, { groups, total, headerRows, photoStarts, rowCount: row, error: null });
        if (firstPage !== null && groups.length > 0) {
          const key = pageKey(0, 0);
          s.pages.set(key, firstPage);
          s.stale.delete(key);
        }
        pump();
        rerender();
      })
      .catch((error: unknown) => {
        if (state.current.generation !== generation) return;
        s.error = errorMessage(error);
        if (s.total === null) s.total = 0;
        rerender();
      });
  }, [query, version, libraryId, kind, pump, rerender]);

  useEffect(
    () => () => {
      const s = state.current;
      if (s.settleTimer !== null) clearTimeout(s.settleTimer);
    },
    [],
  );

  const s = state.current;
  const photoOf = (g: number, i: number): MissingPhoto | undefined => {
    const page = Math.floor(i / GROUP_PAGE);
    const key = pageKey(g, page);
    return (s.pages.get(key) ?? s.stale.get(key))?.[i % GROUP_PAGE];
  };
  const flatToGroup = (index: number): { g: number; i: number } => {
    const g = lastAtOrBefore(s.photoStarts, index);
    return { g, i: index - (s.photoStarts[g] ?? 0) };
  };
  const current = s.key === query;
  const photos: PagedList<MissingPhoto> = {
    total: current ? s.total : null,
    error: s.error,
    get: (index) => {
      if (s.groups.length === 0) return undefined;
      const { g, i } = flatToGroup(index);
      return photoOf(g, i);
    },
    ensure: (start, end) => {
      const a = flatToGroup(start);
      const b = flatToGroup(end);
      ensureRows((s.headerRows[a.g] ?? 0) + 1 + a.i, (s.headerRows[b.g] ?? 0) + 1 + b.i);
    },
    fetchAt: async (index) => {
      if (s.groups.length === 0) return undefined;
      const { g, i } = flatToGroup(index);
      await loadPage(g, Math.floor(i / GROUP_PAGE));
      return photoOf(g, i);
    },
    findLoaded: (predicate) => {
      for (const [g, group] of s.groups.entries()) {
        for (let page = 0; page * GROUP_PAGE < group.count; page++) {
          const items = s.pages.get(`${groupKey(group)}\u0000${page}`);
          const i = items?.findIndex(predicate) ?? -1;
          if (i >= 0) return (s.photoStarts[g] as number) + page * GROUP_PAGE + i;
        }
      }
      return -1;
    },
  };
  return {
    total: current ? s.total : null,
    groups: current ? s.groups : [],
    error: s.error,
    rowCount: current ? s.rowCount : 0,
    rowAt: (index) => {
      const { g, i } = locate(index);
      const group = s.groups[g] as MissingGroup;
      return i < 0 ? { kind: 'header', group, groupIndex: g } : { kind: 'photo', group, groupIndex: g, photo: photoOf(g, i) };
    },
    isHeader: (index) => locate(index).i < 0,
    ensureRows,
    photos,
  };
}
