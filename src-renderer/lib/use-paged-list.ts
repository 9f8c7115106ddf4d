/**
 * A list fetched page by page on demand: views ask for the range they show (`ensure`) and only the
 * pages covering it are fetched, so a 100,000-photo library never loads more than a screenful.
 * When the data changes (`version`), what is on screen is refetched while the old items stay visible.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
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
}

/** Fetches pages of `pageSize` from `fetchPage`; `key` identifies the query (a new key starts over). */
export function usePagedList<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  key: string,
  version: number,
  pageSize = 200,
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
  });
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
        });
      s.inflight.set(pageIndex, promise);
      return promise;
    },
    [pageSize, rerender],
  );

  const ensure = useCallback(
    (start: number, end: number) => {
      const s = state.current;
      s.wanted = [start, end];
      const last = s.total === null ? 0 : Math.max(0, s.total - 1);
      const from = Math.floor(Math.max(0, start) / pageSize);
      const to = Math.floor(Math.min(Math.max(end, start), last) / pageSize);
      for (let p = from; p <= to; p++) void loadPage(p);
    },
    [loadPage, pageSize],
  );

  // A new query starts over; a new version of the same query keeps showing old items until replaced.
  useEffect(() => {
    const s = state.current;
    const sameQuery = s.key === key;
    s.generation++;
    s.inflight = new Map();
    s.error = null;
    if (sameQuery) {
      for (const [index, items] of s.pages) s.stale.set(index, items);
    } else {
      s.key = key;
      s.total = null;
      s.stale = new Map();
      s.wanted = [0, 0];
    }
    s.pages = new Map();
    void loadPage(0).then(() => ensure(s.wanted[0], s.wanted[1]));
    rerender();
  }, [key, version, loadPage, ensure, rerender]);

  const s = state.current;
  return {
    total: s.key === key ? s.total : null,
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
  };
}
