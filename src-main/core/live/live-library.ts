/**
 * The live library: while the app (or `keepsake watch`) runs, every online root is kept up to date
 * without the user asking. Folder watches (a worker thread: watch-worker.ts) say which folders
 * changed; after a short quiet period those folders are reconciled (reconcile-folders.ts) through
 * the job queue, as every write is. A root that cannot be watched — a network share, or more folders
 * than the system's watch limit leaves room for — is polled by folder times (catch-up.ts) at an
 * interval instead. At start (and on wake: `catchUp`) each root is caught up the same way. A root
 * whose drive is not there is watched for coming back: a change in the system's mounts probes it,
 * and when it is online again it is caught up and watched.
 *
 * Events are hints, never facts: a delete event never deletes anything, and it leads to "missing"
 * only through Scan for Missing, under a root probed online at that moment.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { JOB_TYPE_CODES, type LiveChangesResult, type RootWatch } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import type { JobContext } from '../jobs/job-context.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { scanMissingJob, scanPhotosJob } from '../job-specs/job-specs.ts';
import type { Logger } from '../log/log-file.ts';
import type { ScanChange } from '../scan/scan-work.ts';
import { readSettings } from '../settings/app-settings.ts';
import { mountFor, readMounts } from '../volumes/volume-identity.ts';
import { probeLibraryRoots } from '../volumes/probe-root.ts';
import { changedFolders, knownFolders } from './catch-up.ts';
import { reconcileFolders, type DirtyFolder } from './reconcile-folders.ts';
import type { WatchCommand, WatchReport } from './watch-messages.ts';
import { setWatchState } from './watch-state.ts';

/** How long a root's folders stay quiet before they are reconciled (a copy of 1,000 files is one reconciliation, not 1,000). */
const QUIET_MS = 400;
/** …but a root that never goes quiet (a long copy) is reconciled at least this often. */
const MAX_WAIT_MS = 3000;
/** How often the system's mounts are looked at for a drive coming back (a read of /proc/self/mountinfo). */
const MOUNT_CHECK_MS = 2000;
/** Filesystems whose changes a folder watch does not see (made by another machine): polled. */
const NETWORK_FILESYSTEMS = /^(cifs|smb3?|smbfs|nfs4?|afpfs|webdav|davfs|9p|ceph|glusterfs|fuse\..*|fuse|sshfs)$/;

export interface LiveLibraryOptions {
  readonly db: Db;
  readonly dataDir: string;
  readonly runner: JobRunner;
  readonly getWorkers: () => FileWorkers;
  readonly now: () => Date;
  readonly log: Logger;
  /** Told of each change applied, and of each reconciliation that changed something. */
  readonly onChange?: (libraryId: number, change: ScanChange) => void;
  readonly onReconciled?: (libraryId: number, result: LiveChangesResult) => void;
  /** Only this library (`keepsake watch --library`); every library when left out. */
  readonly libraryId?: number;
  /** Folder watches the system allows (Linux: fs.inotify.max_user_watches); for tests. */
  readonly watchLimit?: number;
  /** Overrides the Settings' poll interval (tests). */
  readonly pollIntervalMs?: number;
}

interface RootEntry {
  readonly id: number;
  readonly libraryId: number;
  path: string;
  mode: RootWatch;
  dirty: Map<string, boolean>;
  firstDirtyAt: number | null;
  quiet: NodeJS.Timeout | null;
  poll: NodeJS.Timeout | null;
  online: boolean;
  /** A burst may have lost events: once its changed folders are reconciled, the whole root is looked at. */
  verify: boolean;
}

/**
 * How a root is kept up to date: polled when it is a network share (a folder watch does not see
 * what another machine changes there) or has more folders than half the system's watch limit
 * (other programs — editors, sync clients — need watches too); watched otherwise.
 */
export function watchModeFor(fsType: string, folders: number, watchLimit: number | null): 'watching' | 'polling-network' | 'polling-limit' {
  if (NETWORK_FILESYSTEMS.test(fsType)) return 'polling-network';
  if (watchLimit !== null && folders > watchLimit / 2) return 'polling-limit';
  return 'watching';
}

/** The system's limit on folder watches (null where there is none to speak of). */
function systemWatchLimit(): number | null {
  try {
    return Number(readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

const workerUrl = (): URL => new URL(`./watch-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export class LiveLibrary {
  readonly #o: LiveLibraryOptions;
  readonly #roots = new Map<number, RootEntry>();
  readonly #controller = new AbortController();
  #worker: Worker | null = null;
  #mountCheck: NodeJS.Timeout | null = null;
  #autoScan: NodeJS.Timeout | null = null;
  #mountsSeen = '';
  #stopped = false;

  constructor(options: LiveLibraryOptions) {
    this.#o = options;
  }

  /** Starts watching (or polling) every root, catches each up, and runs Auto Scan's launch scans. */
  async start(): Promise<void> {
    const settings = readSettings(this.#o.db);
    if (settings.watchFolders) {
      this.#worker = new Worker(workerUrl());
      this.#worker.on('message', (report: WatchReport) => this.#onReport(report));
      this.#worker.on('error', (error) => this.#o.log.error({ err: error }, 'the folder watcher failed; roots are polled'));
      this.#worker.unref();
      this.#mountsSeen = await this.#mountsSignature();
      this.#mountCheck = setInterval(() => void this.#checkMounts(), MOUNT_CHECK_MS);
      this.#mountCheck.unref();
      for (const library of this.#libraries()) await this.#startLibrary(library);
    }
    const auto = settings.autoScan;
    if (auto.onLaunch) for (const library of this.#libraries()) this.#runAutoScan(library);
    if (auto.everyHours > 0) {
      this.#autoScan = setInterval(() => this.#libraries().forEach((library) => this.#runAutoScan(library)), auto.everyHours * 3_600_000);
      this.#autoScan.unref();
    }
  }

  /** A library's roots changed (added, removed, located elsewhere): they are watched afresh. */
  async resync(libraryId: number): Promise<void> {
    if (this.#stopped || this.#worker === null) return;
    if (this.#o.libraryId !== undefined && this.#o.libraryId !== libraryId) return;
    for (const root of [...this.#roots.values()].filter((r) => r.libraryId === libraryId)) {
      if (root.quiet !== null) clearTimeout(root.quiet);
      if (root.poll !== null) clearInterval(root.poll);
      this.#send(this.#worker, { kind: 'unwatch', rootId: root.id });
      setWatchState(this.#o.db, root.id, null);
      this.#roots.delete(root.id);
    }
    const exists = this.#o.db.prepare('SELECT 1 FROM libraries WHERE id = ?').get(libraryId) !== undefined;
    if (exists) await this.#startLibrary(libraryId);
  }

  /** After sleep, or when asked: every online root is caught up by its folder times. */
  catchUp(): void {
    for (const root of this.#roots.values()) this.#queueCatchUp(root);
  }

  /** Each root's watch state (also what roots.list reports, through watch-state.ts). */
  status(): { rootId: number; watch: RootWatch }[] {
    return [...this.#roots.values()].map((root) => ({ rootId: root.id, watch: root.mode }));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#controller.abort();
    if (this.#mountCheck !== null) clearInterval(this.#mountCheck);
    if (this.#autoScan !== null) clearInterval(this.#autoScan);
    for (const root of this.#roots.values()) {
      if (root.quiet !== null) clearTimeout(root.quiet);
      if (root.poll !== null) clearInterval(root.poll);
      setWatchState(this.#o.db, root.id, null);
    }
    const worker = this.#worker;
    this.#worker = null;
    if (worker !== null) {
      this.#send(worker, { kind: 'close' });
      await worker.terminate().catch(() => undefined);
    }
  }

  #libraries(): number[] {
    if (this.#o.libraryId !== undefined) return [this.#o.libraryId];
    return this.#o.db.prepare('SELECT id FROM libraries ORDER BY id').pluck().all() as number[];
  }

  #send(worker: Worker, command: WatchCommand): void {
    worker.postMessage(command);
  }

  async #startLibrary(libraryId: number): Promise<void> {
    // Probed through the queue: a probe may store a drive found at a new mount point.
    const probed = await this.#o.runner.enqueue(libraryId, `live-probe:${libraryId}`, () => probeLibraryRoots(this.#o.db, libraryId, this.#o.now()));
    for (const root of probed) {
      const entry: RootEntry = { id: root.id, libraryId, path: root.path, mode: 'not-watched', dirty: new Map(), firstDirtyAt: null, quiet: null, poll: null, online: root.state === 'online', verify: false };
      this.#roots.set(root.id, entry);
      if (entry.online) await this.#watchRoot(entry);
      else this.#setMode(entry, 'not-watched');
    }
  }

  #setMode(root: RootEntry, mode: RootWatch): void {
    root.mode = mode;
    setWatchState(this.#o.db, root.id, mode);
  }

  /** Watches an online root (or polls it), then catches it up. */
  async #watchRoot(root: RootEntry): Promise<void> {
    if (this.#stopped) return;
    const mounts = await readMounts();
    const fsType = mountFor(root.path, mounts)?.fsType ?? '';
    const folders = knownFolders(this.#o.db, root.libraryId, root.path);
    const mode = watchModeFor(fsType, folders.length, this.#o.watchLimit ?? systemWatchLimit());
    if (mode !== 'watching') this.#poll(root, mode);
    else if (this.#worker !== null) {
      this.#setMode(root, 'watching');
      this.#send(this.#worker, { kind: 'watch', rootId: root.id, rootPath: root.path, folders });
    }
    this.#queueCatchUp(root);
  }

  #poll(root: RootEntry, mode: RootWatch): void {
    this.#setMode(root, mode);
    if (root.poll !== null) clearInterval(root.poll);
    const every = this.#o.pollIntervalMs ?? readSettings(this.#o.db).pollIntervalS * 1000;
    root.poll = setInterval(() => this.#queueCatchUp(root), every);
    root.poll.unref();
  }

  #onReport(report: WatchReport): void {
    const root = this.#roots.get(report.rootId);
    if (root === undefined || this.#stopped) return;
    switch (report.kind) {
      case 'watching':
        this.#o.log.info({ rootId: root.id, folders: report.folders }, 'watching a root');
        return;
      case 'limit':
        this.#o.log.warn({ rootId: root.id }, 'the system watch limit was reached: polling the root instead');
        this.#poll(root, 'polling-limit');
        return;
      case 'overflow': {
        // Some events may be lost. First the folders the events that arrived named (10,000 renames are
        // in within seconds: nearly always nothing was lost, the worker drains the kernel's queue as it
        // fills), then the whole root, folder by folder, for whatever a lost event hid.
        this.#o.log.warn({ rootId: root.id, events: report.events }, 'a burst of changes: reconciling the folders named, then the whole root');
        root.verify = true;
        this.#markDirty(root, report.folders.map((path) => ({ path, deep: false })));
        return;
      }
      case 'dirty':
        this.#markDirty(root, report.folders.map((path) => ({ path, deep: false })));
        return;
    }
  }

  #markDirty(root: RootEntry, folders: readonly DirtyFolder[]): void {
    for (const folder of folders) root.dirty.set(folder.path, folder.deep || (root.dirty.get(folder.path) ?? false));
    const now = Date.now();
    root.firstDirtyAt ??= now;
    if (root.quiet !== null) clearTimeout(root.quiet);
    const wait = Math.max(0, Math.min(QUIET_MS, root.firstDirtyAt + MAX_WAIT_MS - now));
    root.quiet = setTimeout(() => this.#queueReconcile(root), wait);
    root.quiet.unref();
  }

  #queueCatchUp(root: RootEntry): void {
    const since = this.#o.db.prepare('SELECT reconciled_at FROM roots WHERE id = ?').pluck().get(root.id) as string | null | undefined;
    if (since === undefined) return; // the root was removed
    const startedAt = this.#o.now().toISOString();
    const folders = changedFolders(this.#o.db, root.libraryId, root.path, since);
    if (folders.length === 0) {
      this.#o.db.prepare('UPDATE roots SET reconciled_at = ? WHERE id = ?').run(startedAt, root.id);
      return;
    }
    this.#markDirty(root, folders);
  }

  #queueReconcile(root: RootEntry): void {
    root.quiet = null;
    if (this.#stopped) return;
    // One task per root at a time in the queue; it takes every folder gathered by the time it runs.
    this.#o.runner
      .enqueue(root.libraryId, `live:${root.id}`, () => this.#reconcile(root))
      .catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'unavailable' && !this.#stopped) this.#o.log.error({ err: error, rootId: root.id }, 'could not apply the changes noticed');
      });
  }

  async #reconcile(root: RootEntry): Promise<void> {
    const folders = [...root.dirty].map(([path, deep]) => ({ path, deep }));
    root.dirty = new Map();
    root.firstDirtyAt = null;
    if (folders.length === 0 || this.#stopped) return;
    try {
      await this.#reconcileFolders(root, folders);
    } finally {
      // After a burst: the whole root, once what surely changed is in and nothing newer waits first.
      if (folders.some((folder) => folder.deep && folder.path === root.path)) root.verify = false;
      else if (root.verify && root.dirty.size === 0 && root.online && !this.#stopped) {
        root.verify = false;
        this.#markDirty(root, [{ path: root.path, deep: true }]);
      }
    }
  }

  async #reconcileFolders(root: RootEntry, folders: readonly DirtyFolder[]): Promise<void> {
    const startedAt = this.#o.now().toISOString();
    const ctx: JobContext = {
      db: this.#o.db,
      jobId: `live-${randomUUID()}`,
      libraryId: root.libraryId,
      dataDir: this.#o.dataDir,
      signal: this.#controller.signal,
      now: this.#o.now,
      progress: () => undefined,
    };
    const result = await reconcileFolders(ctx, this.#o.getWorkers(), root.id, folders, (change) => this.#o.onChange?.(root.libraryId, change));
    if (result.offline) {
      // The drive went away: not missing, offline. Its watches are dropped; a mount change brings it back.
      root.online = false;
      if (this.#worker !== null) this.#send(this.#worker, { kind: 'unwatch', rootId: root.id });
      if (root.poll !== null) clearInterval(root.poll);
      root.poll = null;
      this.#setMode(root, 'not-watched');
      this.#o.onReconciled?.(root.libraryId, { added: 0, moved: 0, missing: 0, restored: 0, changed: 0 });
      return;
    }
    this.#o.db.prepare('UPDATE roots SET reconciled_at = ? WHERE id = ?').run(startedAt, root.id);
    const { added, moved, missing, restored, changed } = result;
    const noticed = { added, moved, missing, restored, changed };
    if (added + moved + missing + restored + changed === 0) return;
    recordNoticed(this.#o.db, root.libraryId, noticed, startedAt, this.#o.now().toISOString());
    this.#o.onReconciled?.(root.libraryId, noticed);
  }

  async #mountsSignature(): Promise<string> {
    return (await readMounts()).map((mount) => `${mount.device} ${mount.mountPoint}`).sort().join('\n');
  }

  /** A drive mounted or unmounted: the roots that are not online are probed, and those back are caught up and watched. */
  async #checkMounts(): Promise<void> {
    if (this.#stopped) return;
    const seen = await this.#mountsSignature();
    if (seen === this.#mountsSeen) return;
    this.#mountsSeen = seen;
    for (const libraryId of new Set([...this.#roots.values()].map((root) => root.libraryId))) {
      const probed = await this.#o.runner
        .enqueue(libraryId, `live-probe:${libraryId}`, () => probeLibraryRoots(this.#o.db, libraryId, this.#o.now()))
        .catch(() => []);
      for (const state of probed) {
        const root = this.#roots.get(state.id);
        if (root === undefined) continue;
        root.path = state.path;
        if (state.state === 'online' && !root.online) {
          root.online = true;
          this.#o.log.info({ rootId: root.id, path: root.path }, 'a drive came back: catching up and watching its root');
          await this.#watchRoot(root);
          if (readSettings(this.#o.db).autoScan.onDriveMounted) this.#runAutoScan(libraryId);
        } else if (state.state !== 'online' && root.online) {
          // Unplugged while watched: offline, nothing missing; its events were only hints.
          root.online = false;
          if (this.#worker !== null) this.#send(this.#worker, { kind: 'unwatch', rootId: root.id });
          this.#setMode(root, 'not-watched');
          this.#o.onReconciled?.(libraryId, { added: 0, moved: 0, missing: 0, restored: 0, changed: 0 });
        }
      }
    }
  }

  #runAutoScan(libraryId: number): void {
    const { jobs } = readSettings(this.#o.db).autoScan;
    const spec = jobs === 'scan_missing' ? scanMissingJob(libraryId) : scanPhotosJob(libraryId, this.#o.getWorkers);
    this.#o.runner.start(spec);
  }
}

/** "Keepsake noticed 12 moved photos": a finished row in the job history, one per reconciliation that changed something. */
function recordNoticed(db: Db, libraryId: number, result: LiveChangesResult, startedAt: string, finishedAt: string): void {
  db.prepare(`INSERT INTO jobs (id, type, type_code, library_id, status, phase, current, total, created_at, started_at, finished_at, result)
    VALUES (?, 'live_changes', ?, ?, 'succeeded', 'done', 0, 0, ?, ?, ?, ?)`).run(randomUUID(), JOB_TYPE_CODES.live_changes, libraryId, startedAt, startedAt, finishedAt, JSON.stringify(result));
}
