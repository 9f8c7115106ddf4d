import { delimiter } from 'node:path';

/** A stat-like call: only `isDirectory` is used. Injectable, so tests can make a NAS sleep. */
export type StatFn = (path: string) => Promise<{ isDirectory(): boolean }>;

/** Process-wide probing settings; every field may be overridden per call too. */
export interface VolumeSettings {
  /** How long a probe waits for one filesystem call before calling the root unreachable. */
  readonly timeoutMs: number;
  /** The stat used on a root's own folder (default fs.promises.stat). */
  readonly statFn: StatFn | null;
  /**
   * Where drives get mounted, as path patterns whose `*` segments match any folder: a drive that
   * comes back at another mount point is looked for there. null = the platform's usual places.
   */
  readonly searchRoots: readonly string[] | null;
}

const fromEnv = (): readonly string[] | null => {
  // KEEPSAKE_MOUNT_SEARCH="/tmp/x/media/*:/srv/*" lets the CLI and e2e tests point at their own mounts.
  const value = process.env.KEEPSAKE_MOUNT_SEARCH;
  return value ? value.split(delimiter).filter(Boolean) : null;
};

let current: VolumeSettings = { timeoutMs: 3000, statFn: null, searchRoots: fromEnv() };

/** The settings probes use when a call does not override them. */
export const volumeSettings = (): VolumeSettings => current;

/**
 * Overrides probing settings for the whole process (tests: a slow stat, a private mount search
 * root; the app: a longer timeout). Returns a function that puts the previous settings back.
 */
export function configureVolumeProbing(overrides: Partial<VolumeSettings>): () => void {
  const previous = current;
  current = { ...current, ...overrides };
  return () => {
    current = previous;
  };
}
