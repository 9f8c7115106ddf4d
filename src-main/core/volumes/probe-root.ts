import { opendir, stat } from 'node:fs/promises';
import type { RootState } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { findRelocatedRoot, relocateRootInDb } from './mount-search.ts';
import { ensureRootMarker, readRootMarker, ROOT_MARKER_NAME, type RootMarker } from './root-marker.ts';
import { identifyVolume, type VolumeIdentity, type VolumeOptions } from './volume-identity.ts';
import { volumeSettings, type StatFn } from './volume-settings.ts';
import { TimeoutError, withTimeout } from './with-timeout.ts';

/** A root as the probe needs it; the volume fields are what was recorded last time it was online. */
export interface ProbeRootInput {
  readonly id: number;
  readonly path: string;
  readonly marker_id?: string | null;
  readonly volume_uuid?: string | null;
  readonly mount_point?: string | null;
  /** The database knows files under this root (an empty folder then means its drive is gone). */
  readonly hasFiles?: boolean;
}

/** Per-call probe options (defaults from `volumeSettings()`). */
export interface ProbeOptions {
  readonly timeoutMs?: number;
  readonly statFn?: StatFn;
  readonly volume?: VolumeOptions;
}

/** What a probe saw, and why it decided the state it did. */
export interface RootInspection {
  readonly state: RootState;
  /** A short reason, e.g. 'absent', 'empty mount point', 'other volume', 'stat timed out'. */
  readonly reason: string;
  readonly marker: RootMarker | null;
  readonly volume: VolumeIdentity | null;
  /** The folder holds nothing but (maybe) the marker. */
  readonly empty: boolean;
}

const stateOfError = (error: unknown): { state: RootState; reason: string } => {
  if (error instanceof TimeoutError) return { state: 'unreachable', reason: 'no answer in time' };
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return { state: 'unreadable', reason: 'permission denied' };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'offline', reason: 'absent' };
  // EIO, ESTALE, EHOSTDOWN, ENOTCONN…: the folder is there but its server or device does not answer.
  return { state: 'unreachable', reason: code ?? String(error) };
};

/** Whether a folder holds anything besides the marker; reads at most two entries. */
async function isEmptyFolder(path: string, timeoutMs: number): Promise<boolean> {
  const dir = await withTimeout(opendir(path), timeoutMs, `listing ${path}`);
  try {
    for (;;) {
      const entry = await withTimeout(dir.read(), timeoutMs, `listing ${path}`);
      if (entry === null) return true;
      if (entry.name !== ROOT_MARKER_NAME && !entry.name.startsWith(`${ROOT_MARKER_NAME}.`)) return false;
    }
  } finally {
    await dir.close().catch(() => undefined);
  }
}

/**
 * Looks at a root and decides its state: online; offline (folder absent, an empty mount point left
 * behind, another volume mounted there, or an empty folder whose marker is gone while the database
 * has files there); unreachable (a call does not answer within the timeout, or an I/O error);
 * unreadable (permission denied). A marker with the root's own id always means online.
 */
export async function inspectRoot(root: ProbeRootInput, options: ProbeOptions = {}): Promise<RootInspection> {
  const settings = volumeSettings();
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  const statFn = options.statFn ?? settings.statFn ?? stat;
  const none = { marker: null, volume: null, empty: false };
  try {
    const info = await withTimeout(statFn(root.path), timeoutMs, `stat ${root.path}`);
    if (!info.isDirectory()) return { state: 'offline', reason: 'not a folder', ...none };
  } catch (error) {
    return { ...stateOfError(error), ...none };
  }
  let empty: boolean;
  let marker: RootMarker | null;
  try {
    empty = await isEmptyFolder(root.path, timeoutMs);
    marker = await readRootMarker(root.path, timeoutMs).catch((error: unknown) => {
      if (error instanceof TimeoutError) throw error;
      return null; // A marker we may not read says nothing either way.
    });
  } catch (error) {
    return { ...stateOfError(error), ...none };
  }
  const recordedMount = root.mount_point ?? null;
  const recordedUuid = root.volume_uuid ?? null;
  const volume = await identifyVolume(root.path, {
    timeoutMs,
    ...options.volume,
    // The UUID costs a child process on some systems: only when there is one to compare.
    withUuid: options.volume?.withUuid ?? recordedUuid !== null,
  });
  const seen = { marker, volume, empty };
  if (root.marker_id && marker !== null) {
    return marker.rootId === root.marker_id
      ? { state: 'online', reason: 'marker', ...seen }
      : { state: 'offline', reason: 'another folder’s marker', ...seen };
  }
  if (recordedMount !== null && volume !== null && volume.mountPoint !== recordedMount) {
    return { state: 'offline', reason: empty ? 'empty mount point' : 'another volume', ...seen };
  }
  if (recordedUuid !== null && volume?.uuid && volume.uuid !== recordedUuid) {
    return { state: 'offline', reason: 'another volume', ...seen };
  }
  if (root.marker_id && marker === null && empty && root.hasFiles) {
    return { state: 'offline', reason: 'empty folder, marker gone', ...seen };
  }
  return { state: 'online', reason: 'folder present', ...seen };
}

/** A root after probing; `relocatedFrom` is set when its drive was found at another mount point. */
export interface ProbedRoot {
  readonly id: number;
  readonly path: string;
  readonly state: RootState;
  readonly reason?: string;
  readonly relocatedFrom?: string;
}

/** Options of `probeLibraryRoots` (all optional; defaults from `volumeSettings()`). */
export interface ProbeLibraryOptions extends ProbeOptions {
  /** Mount search patterns (see VolumeSettings.searchRoots). */
  readonly searchRoots?: readonly string[];
  /** Skip looking for drives mounted elsewhere. */
  readonly noRelocation?: boolean;
  /**
   * false: tell what the probe finds without storing anything (no state, no relocation, no marker
   * file): for a process that opened the library read-only, or a library a job is working on.
   */
  readonly store?: boolean;
}

interface RootRow {
  id: number;
  path: string;
  state: RootState;
  marker_id: string | null;
  volume_uuid: string | null;
  volume_label: string | null;
  mount_point: string | null;
  has_files: number;
}

/**
 * Probes every root of a library, looks for offline drives mounted elsewhere (and moves their roots
 * there, rewriting file paths, hashing nothing), records markers and volume identities of online
 * roots, stores each state and refreshes the availability of photos when anything changed.
 */
export async function probeLibraryRoots(db: Db, libraryId: number, now = new Date(), options: ProbeLibraryOptions = {}): Promise<ProbedRoot[]> {
  const roots = db
    .prepare(
      `SELECT id, path, state, marker_id, volume_uuid, volume_label, mount_point,
              EXISTS (SELECT 1 FROM files WHERE files.root_id = roots.id) AS has_files
       FROM roots WHERE library_id = ?`,
    )
    .all(libraryId) as RootRow[];
  const timeoutMs = options.timeoutMs ?? volumeSettings().timeoutMs;
  const results = await Promise.all(
    roots.map(async (root) => {
      // The UUID is looked up when there is one to compare, or none recorded yet (to record it).
      const withUuid = options.volume?.withUuid ?? (root.volume_uuid !== null || root.mount_point === null);
      const seen = await inspectRoot({ ...root, hasFiles: root.has_files === 1 }, { ...options, volume: { ...options.volume, withUuid } });
      let relocated: Awaited<ReturnType<typeof findRelocatedRoot>> = null;
      if (seen.state === 'offline' && !options.noRelocation && (root.marker_id || root.volume_uuid)) {
        relocated = await findRelocatedRoot(root, { timeoutMs, searchRoots: options.searchRoots, volume: options.volume }).catch(() => null);
      }
      // Remember an online root's marker and volume, once it has content (an empty folder may be
      // the bare mount point of a drive that is not plugged in: nothing to remember there).
      let markerId = root.marker_id;
      if (options.store !== false && seen.state === 'online' && !seen.empty && (markerId === null || seen.marker === null)) {
        markerId = (await ensureRootMarker(root.path, { timeoutMs, now, ...(markerId ? { id: markerId } : {}) })) ?? markerId;
      }
      return { root, seen, relocated, markerId };
    }),
  );

  if (options.store === false) {
    return results.map(({ root, seen, relocated }) =>
      relocated !== null
        ? { id: root.id, path: relocated.path, state: 'online', reason: `found by ${relocated.by}`, relocatedFrom: root.path }
        : { id: root.id, path: root.path, state: seen.state, reason: seen.reason },
    );
  }
  const stamp = now.toISOString();
  const save = db.prepare('UPDATE roots SET state = ?, state_checked_at = ? WHERE id = ?');
  const remember = db.prepare(
    `UPDATE roots SET marker_id = @markerId, volume_uuid = coalesce(@uuid, volume_uuid),
       volume_label = coalesce(@label, volume_label), mount_point = @mountPoint WHERE id = @id`,
  );
  const out: ProbedRoot[] = [];
  let changed = false;
  db.transaction(() => {
    for (const { root, seen, relocated, markerId } of results) {
      if (relocated !== null) {
        try {
          relocateRootInDb(db, libraryId, root.id, root.path, relocated, now);
          out.push({ id: root.id, path: relocated.path, state: 'online', reason: `found by ${relocated.by}`, relocatedFrom: root.path });
          changed = true;
          continue;
        } catch {
          // The new paths clash with rows already there: leave the root offline; Locate folder can sort it out.
        }
      }
      save.run(seen.state, stamp, root.id);
      if (seen.state !== root.state) changed = true;
      if (seen.state === 'online' && !seen.empty && seen.volume !== null) {
        remember.run({ id: root.id, markerId, uuid: seen.volume.uuid, label: seen.volume.label, mountPoint: seen.volume.mountPoint });
      }
      out.push({ id: root.id, path: root.path, state: seen.state, reason: seen.reason });
    }
    if (changed) refreshAvailability(db, libraryId, undefined, now);
  })();
  return out;
}

/**
 * Probes one stored root with everything recorded about it (marker, UUID, mount point, whether it
 * has files), without saving anything: with the root's row at hand, a bare mount point left by an
 * unplugged drive is seen as offline.
 */
export async function probeStoredRoot(db: Db, rootId: number, options: ProbeOptions = {}): Promise<RootState | null> {
  const root = db
    .prepare(
      `SELECT id, path, marker_id, volume_uuid, mount_point, EXISTS (SELECT 1 FROM files WHERE files.root_id = roots.id) AS has_files
       FROM roots WHERE id = ?`,
    )
    .get(rootId) as (Omit<RootRow, 'state' | 'volume_label'>) | undefined;
  if (root === undefined) return null;
  return (await inspectRoot({ ...root, hasFiles: root.has_files === 1 }, options)).state;
}
