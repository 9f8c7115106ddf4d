import type { RootWatch } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';

/**
 * How each root is kept up to date right now, as the Settings page shows it: one answer per open
 * database (several libraries' cores share a test process), set by the live library only.
 */
const states = new WeakMap<Db, Map<number, RootWatch>>();

export function watchStateOf(db: Db, rootId: number): RootWatch {
  return states.get(db)?.get(rootId) ?? 'not-watched';
}

export function setWatchState(db: Db, rootId: number, state: RootWatch | null): void {
  let map = states.get(db);
  if (map === undefined) states.set(db, (map = new Map()));
  if (state === null) map.delete(rootId);
  else map.set(rootId, state);
}
