/** Next / previous photo for the lightbox, found in the paged list the lightbox was opened from. */
import { useMemo, useRef } from 'react';
import type { PhotoSummary } from '../../src-shared/domain.ts';
import type { Neighbour } from '../stores/ui-store.ts';
import type { PagedList } from './use-paged-list.ts';

/** A stable Neighbour function over a (changing) paged list. */
export function useNeighbour<T extends PhotoSummary>(list: PagedList<T>): Neighbour {
  const ref = useRef(list);
  ref.current = list;
  return useMemo<Neighbour>(
    () => async (imageHash, delta) => {
      const current = ref.current;
      const index = current.findLoaded((p) => p.imageHash === imageHash);
      if (index < 0) return null;
      const next = index + delta;
      if (next < 0 || (current.total !== null && next >= current.total)) return null;
      const photo = current.get(next) ?? (await current.fetchAt(next));
      return photo?.imageHash ?? null;
    },
    [],
  );
}
