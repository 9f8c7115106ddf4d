import { stat } from 'node:fs/promises';
import type { RootState } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { refreshAvailability } from '../photos/availability.ts';

/**
 * Probes a root before any job touches it. MINIMAL VERSION: a folder that exists and can be listed
 * is online, an absent one offline, permission denied unreadable. The removable-drives work replaces
 * the body (markers, volume UUID, empty mount points, timeouts) behind the same signature.
 */
export async function probeRoot(root: { id: number; path: string }): Promise<RootState> {
  try {
    const info = await stat(root.path);
    return info.isDirectory() ? 'online' : 'offline';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'unreadable';
    return 'offline';
  }
}

/**
 * Probes every root of a library, stores each state and refreshes the availability of photos whose
 * root changed state. Returns the roots with their states.
 */
export async function probeLibraryRoots(db: Db, libraryId: number, now = new Date()): Promise<{ id: number; path: string; state: RootState }[]> {
  const roots = db.prepare('SELECT id, path, state FROM roots WHERE library_id = ?').all(libraryId) as { id: number; path: string; state: RootState }[];
  const probed = await Promise.all(roots.map(async (root) => ({ ...root, previous: root.state, state: await probeRoot(root) })));
  const save = db.prepare('UPDATE roots SET state = ?, state_checked_at = ? WHERE id = ?');
  db.transaction(() => {
    for (const root of probed) save.run(root.state, now.toISOString(), root.id);
    if (probed.some((root) => root.state !== root.previous)) refreshAvailability(db, libraryId, undefined, now);
  })();
  return probed.map(({ id, path, state }) => ({ id, path, state }));
}
