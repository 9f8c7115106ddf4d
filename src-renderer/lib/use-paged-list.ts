/**
 * A list fetched page by page on demand: views ask for the range they show (`ensure`) and only the
 * pages covering it are fetched, so a 100,000-photo library never loads more than a screenful.
 * When the data changes (`version`), what is on screen is refetched while the old items stay visible.
 *
 * Fetching follows the view, never a backlog: at most MAX_INFLIGHT pages are asked for at a time,
 * and the next one is chosen when one answers, from the range shown THEN. A fling past 600 pages
 * thus asks for a handful of them (the core answers one request at a time, so a queue of pages
 * scrolled past would hold back the rows in view); while the view moves fast (a new range more than
 * a page away within FAST_MS), fetching waits until it settles.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Page } from '../../src-shared/contract.ts';
import { errorMessage } from '../api/client.ts';

/** What a view gets from usePagedList. */
export interface PagedList<T> {
  /** Number of items, null until the first page answered. */
  readonly total: number | null;
  readonly error: string | null;
  /** The item at `index` if its page is loaded. */
  get(index: number): T | undefined;
  /** Makes sure the items in [start, end] are (being) fetched. */
  ensure(start: number, end: number): void;
  /** The item at `index`, fetching its page if needed. */
  fetchAt(index: number): Promise<T | undefined>;
  /** Index of the first loaded item matching `predicate`, or -1. */
  findLoaded(predicate: (item: T) => boolean): number;
  /** Changes loaded items in place (an edit shown at once, before the refetch that follows it brings the same). */
  patch?(update: (item: T) => T): void;
}

/** Pages asked for at once: one being answered, one waiting, so the next starts without a gap. */
const MAX_INFLIGHT = 2;
/** A range change more than a page away within this many ms is a fling: wait for it to settle. */
const FAST_MS = 80;

/** Fetches pages of `pageSize` from `fetchPage`; `key` identifies the query (a new key starts over). */
export function usePagedList<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  key: string,
  version: number,
  pageSize = 200,
  options: { keepPrevious?: boolean } = {},
): PagedList<T> {
  const [, setTick] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const state = useRef({
    key: '',
    generation: 0,
    total: null as number | null,
    error: null as string | null,
    pages: new Map<number, readonly T[]>(),
    stale: new Map<number, readonly T[]>(),
    inflight: new Map<number, Promise<void>>(),
    wanted: [0, 0] as [number, number],
    /** When `wanted` last moved, and the timer that fetches once a fling settles. */
    movedAt: 0,
    settleTimer: null as ReturnType<typeof setTimeout> | null,
    /** The stale items are another query's (keepPrevious): they all go when its first page answers. */
    staleIsOther: false,
  });
  const keepPrevious = options.keepPrevious === true;
  const rerender = useCallback(() => setTick((t) => t + 1), []);

  const loadPage = useCallback(
    (pageIndex: number): Promise<void> => {
      const s = state.current;
      const existing = s.inflight.get(pageIndex);
      if (existing) return existing;
      if (s.pages.has(pageIndex)) return Promise.resolve();
      const generation = s.generation;
      const promise = fetchRef
        .current(pageIndex * pageSize, pageSize)
        .then((page) => {
          if (state.current.generation !== generation) return;
          s.pages.set(pageIndex, page.items);
          if (s.staleIsOther) s.stale = new Map();
          s.staleIsOther = false;
          s.stale.delete(pageIndex);
          s.total = page.total;
          s.error = null;
        })
        .catch((error: unknown) => {
          if (state.current.generation !== generation) return;
          s.error = errorMessage(error);
          if (s.total === null) s.total = 0;
        })
        .finally(() => {
          if (state.current.generation !== generation) return;
          s.inflight.delete(pageIndex);
          rerender();
          pumpRef.current();
        });
      s.inflight.set(pageIndex, promise);
      return promise;
    },
    [pageSize, rerender],
  );

  /** Asks for the pages of the range shown now that are neither loaded nor asked for, up to MAX_INFLIGHT. */
  const pump = useCallback(() => {
    const s = state.current;
    const [start, end] = s.wanted;
    const last = s.total === null ? 0 : Math.max(0, s.total - 1);
    const from = Math.floor(Math.max(0, start) / pageSize);
    const to = Math.floor(Math.min(Math.max(end, start), last) / pageSize);
    for (let p = from; p <= to && s.inflight.size < MAX_INFLIGHT; p++) {
      if (!s.pages.has(p) && !s.inflight.has(p)) void loadPage(p);
    }
  }, [loadPage, pageSize]);
  const pumpRef = useRef(pump);
  pumpRef.current = pump;

  const ensure = useCallback(
    (start: number, end: number) => {
      const s = state.current;
      const [oldStart] = s.wanted;
      s.wanted = [start, end];
      const now = performance.now();
      const fast = Math.abs(start - oldStart) > pageSize && now - s.movedAt < FAST_MS;
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
    [pageSize, pump],
  );

  // A new query starts over; a new version of the same query keeps showing old items until replaced.
  // Before the frame is painted (a layout effect): the first page is asked for a frame sooner.
  useLayoutEffect(() => {
    const s = state.current;
    const sameQuery = s.key === key;
    s.generation++;
    s.inflight = new Map();
    s.error = null;
    if (sameQuery) {
      for (const [index, items] of s.pages) s.stale.set(index, items);
    } else if (keepPrevious && s.key !== '') {
      // Another query (a search being typed): the old items stay on screen until its first page answers.
      s.key = key;
      s.stale = new Map([...s.stale, ...s.pages]);
      s.staleIsOther = true;
      s.wanted = [0, 0];
    } else {
      s.key = key;
      s.total = null;
      s.stale = new Map();
      s.wanted = [0, 0];
    }
    s.pages = new Map();
    // The first page first (it brings the total); then the range shown, as the view asks.
    if (s.total === null || !sameQuery) void loadPage(0);
    else pump();
    rerender();
  }, [key, version, loadPage, pump, rerender, keepPrevious]);

  useEffect(
    () => () => {
      const s = state.current;
      if (s.settleTimer !== null) clearTimeout(s.settleTimer);
    },
    [],
  );

  const s = state.current;
  return {
    total: s.key === key || keepPrevious ? s.total : null,
    error: s.error,
    get: (index) => {
      const p = Math.floor(index / pageSize);
      return (s.pages.get(p) ?? s.stale.get(p))?.[index % pageSize];
    },
    ensure,
    fetchAt: async (index) => {
      const p = Math.floor(index / pageSize);
      await loadPage(p);
      return s.pages.get(p)?.[index % pageSize];
    },
    findLoaded: (predicate) => {
      for (const [p, items] of s.pages) {
        const i = items.findIndex(predicate);
        if (i >= 0) return p * pageSize + i;
      }
      return -1;
    },
    patch: (update) => {
      for (const pages of [s.pages, s.stale]) for (const [p, items] of pages) pages.set(p, items.map(update));
      rerender();
    },
  };
}
