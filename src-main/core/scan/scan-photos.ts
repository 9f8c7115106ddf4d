import { resolve } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import type { ScanResult } from '../../../src-shared/domain.ts';
import type { Identity } from '../file-workers/file-worker-messages.ts';
import type { FileWorkers } from '../file-workers/file-workers.ts';
import type { SkippedEntry } from '../files/list-folder.ts';
import { countScanProblems, reasonOf, ScanProblems, type ProblemSeen } from '../files/scan-problems.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { videoToolsOf } from '../video/video-tools-setting.ts';
import { probeLibraryRoots, type ProbedRoot } from '../volumes/probe-root.ts';
import { AnswerWaiter } from './answer-waiter.ts';
import { byTypeOrder, ScanApplier } from './apply-scanned.ts';
import { compareChunk, type HashProgress } from './compare-chunk.ts';
import { expectedFiles } from './count-files.ts';
import { PendingGroups, type PendingGroup } from './pending-groups.ts';
import type { DescribeRequest, ScanChange } from './scan-work.ts';
import type { MoveCandidates } from '../live/move-candidates.ts';
import { ScanStore } from './scan-store.ts';
import type { VerifiedFolders } from './verified-folders.ts';
import { walkFolders, walkFoldersInWorkers, type FolderChunk, type WalkFs } from './walk-folders.ts';
import { WorkerAnswers } from './worker-answers.ts';
import { capYoungGeneration } from './young-generation.ts';

/** Thumbnail answers written per transaction, and a quarter of the files a scan may hold unwritten. */
const SCAN_BATCH = 1000;
/** Requests waiting in the workers at most: keeps both busy while the walk goes on, bounds memory. */
const MAX_WORKER_QUEUE = 256;
/**
 * Hashed files applied as soon as this many are ready: small enough that the last batch, written
 * after the last hash, is a short tail (1,000 files take ~80 ms to apply), large enough to amortise a
 * commit. Applying earlier costs nothing: the workers hash meanwhile.
 */
const APPLY_FROM = 200;
/** Files walked but not yet applied at most (their rows and stats wait in memory). */
const MAX_PENDING_FILES = 4 * SCAN_BATCH;
/** How often the walk yields to the event loop (so cancel and progress get through) at most. */
const YIELD_EVERY_MS = 25;

/** Test hooks: an injected file system for the walk. */
export interface ScanOptions {
  readonly walkFs?: WalkFs;
  /**
   * Filled with the folders whose every file row the walk saw unchanged, in place and present: the
   * Scan for Missing that follows need not look at them again.
   */
  readonly verifiedFolders?: VerifiedFolders;
  /**
   * A reconciliation of some folders (the live library: live/reconcile-folders.ts) instead of a walk
   * of every online root: only these chunks are compared, the vanished files in `moves` are matched by
   * inode, and the library's last-scan time and its other folders' problems are left as they were.
   */
  readonly scope?: ScanScope;
  /** Told of every change applied (added, moved, restored, changed). */
  readonly onChange?: (change: ScanChange) => void;
}

/** What a scoped scan walks (see ScanOptions.scope). */
export interface ScanScope {
  /** The folders to compare, as the walk's chunks, given the probed roots and the workers. */
  chunks(online: readonly ProbedRoot[], workers: FileWorkers, onProblem: (problem: ProblemSeen) => void): Iterable<AsyncIterable<FolderChunk> | Iterable<FolderChunk>>;
  readonly moves?: MoveCandidates;
  /** The roots the scope is in: the others are not probed-for-work, their problems untouched. */
  readonly rootIds: ReadonlySet<number>;
}

/**
 * Scan Photos: walks the library's online roots, skips files whose path, size, mtime and inode are
 * unchanged, hashes the rest in the file workers and applies the results in batched transactions:
 * new photos (thumbnail + capture date from the workers), relinks of known files (restored from the
 * trash, other files re-checked), copies, RAW+JPEG+XMP grouping. Undecodable files are tracked
 * with their error. Cancelling stops between folders; every committed batch is consistent.
 */
export async function scanPhotos(ctx: JobContext, workers: FileWorkers, options: ScanOptions = {}): Promise<ScanResult> {
  const { db, libraryId, signal } = ctx;
  signal.throwIfAborted();
  capYoungGeneration();
  // Taken before the walk: a change made while it runs is newer, and the next catch-up sees it.
  const startedAt = ctx.now().toISOString();
  const roots = await probeLibraryRoots(db, libraryId, ctx.now());
  const online = roots.filter((root) => root.state === 'online');
  const store = new ScanStore(db, libraryId);
  const applier = new ScanApplier(store, new Set(online.map((root) => root.id)), ctx.now, options.onChange);
  const scope = options.scope;
  const counts = applier.counts;
  const waiter = new AnswerWaiter();
  const answers = new WorkerAnswers(workers, ctx.dataDir, counts, waiter, () => videoToolsOf(db));
  // Cancel: the workers' requests are given up (they reject at once; a worker stuck on one is
  // replaced) and the waiter wakes, so that no answer that never comes holds the job or close().
  signal.addEventListener('abort', () => {
    workers.abandon();
    waiter.answered();
  }, { once: true });
  signal.throwIfAborted();
  const pending = new PendingGroups();
  const hashes: HashProgress = { queued: 0, done: 0 };
  // Every file the walk sees and cannot import is recorded with its reason (files/scan-problems.ts).
  const problems = new ScanProblems(db, libraryId, ctx.jobId, ctx.now);

  /** Applies the groups (in walk order) and the workers' answers in one transaction, then asks for the work it found. */
  const commit = async (groups: PendingGroup[]): Promise<void> => {
    const results = await Promise.all(groups.map((group) => Promise.all(group.hashing.map((h) => h.result))));
    signal.throwIfAborted();
    const { described, sidecars } = answers.take();
    const work = db.transaction(() => {
      groups.forEach((group, g) => applyGroup(applier, group, results[g] as (Identity | Error)[], problems));
      for (const { request, value } of described) applier.described(request, value);
      for (const { request, value } of sidecars) applier.sidecarRead(request, value);
      return applier.drain();
    })();
    answers.ask(work.describes, work.sidecars);
  };

  /** Applies the settled head of the pending groups if it holds `minFiles` files. Returns whether it committed. */
  const applySettled = async (minFiles: number): Promise<boolean> => {
    const groups = pending.takeSettled(minFiles);
    if (groups.length === 0) return false;
    await commit(groups);
    return true;
  };

  /**
   * Keeps the workers fed while the main thread writes: groups are applied as soon as a batch of them
   * has all its hashes, never by waiting for the workers to drain; the walk only waits when the
   * workers are full or too many files wait to be applied. Returns whether it committed.
   */
  const applyReady = async (): Promise<boolean> => {
    let committed = false;
    for (;;) {
      if (await applySettled(pending.files >= MAX_PENDING_FILES ? 1 : APPLY_FROM)) {
        committed = true;
        continue;
      }
      if (workers.pending <= MAX_WORKER_QUEUE && pending.files < MAX_PENDING_FILES) return committed;
      signal.throwIfAborted();
      await waiter.next();
      reportImport();
    }
  };

  answers.ask(leftoverDescribes(ctx, online), []);
  let seenFiles = 0;
  // The total first — a first scan counts its files by name ("Finding photos… 12,345 found"), a
  // rescan knows them — so that "Importing 1,234 of 5,000" has a total that holds (count-files.ts).
  const expected = scope === undefined
    ? await expectedFiles(db, online, new Set([...roots.map((root) => resolve(root.path)), resolve(ctx.dataDir)]), { signal, onFound: (found) => ctx.progress('count', found, 0) })
    : 0;
  /** "Importing N of T": the files walked and done with (those still waiting for their hash are not). */
  const reportImport = (): void => ctx.progress('import', seenFiles - (hashes.queued - hashes.done), Math.max(expected, seenFiles));
  let lastYield = Date.now();
  const walkProblem = (problem: ProblemSeen) => {
    // Cancelled: the walk's listings were given up (workers.abandon), not unreadable.
    if (signal.aborted) return;
    counts.errors++;
    problems.record(problem);
  };
  const walks = scope === undefined
    ? walkOnlineRoots(ctx, roots, online, workers, options.walkFs, walkProblem)
    : scope.chunks(online.filter((root) => scope.rootIds.has(root.id)), workers, walkProblem);
  for (const chunk of walks) {
    for await (const folder of chunk) {
      signal.throwIfAborted();
      seenFiles += folder.files.length;
      const { group, verified, rows } = compareChunk(folder, { store, workers, counts, waiter, hashes, moves: scope?.moves });
      if (verified) options.verifiedFolders?.add(folder.folder, rows);
      if (group.restores.length > 0 || group.hashing.length > 0) pending.push(group);
      reportImport();
      if (await applyReady()) lastYield = Date.now();
      else if (Date.now() - lastYield > YIELD_EVERY_MS) {
        await nextTick();
        lastYield = Date.now();
      }
    }
  }
  // The walk is done and the main thread has nothing else to do: each group left is applied as soon
  // as it settles, so that the one write after the last hash holds only the last group or so.
  while (pending.length > 0) {
    if (await applySettled(1)) continue;
    signal.throwIfAborted();
    await waiter.next();
    reportImport();
  }
  // New photos' thumbnails and dates: wait for the workers, writing their answers a batch at a time.
  while (answers.outstanding > 0) {
    signal.throwIfAborted();
    ctx.progress('thumbnails', answers.describedCount, answers.describedCount + answers.outstanding);
    await waiter.next();
    if (answers.describedCount >= SCAN_BATCH) await commit([]);
  }
  await commit([]);
  if (scope === undefined) {
    problems.finish(online.map((root) => root.id));
    db.prepare('UPDATE library_counts SET last_scan_at = ? WHERE library_id = ?').run(ctx.now().toISOString(), libraryId);
    // Every folder of these roots was just looked at: the live library's catch-up starts from here.
    const reconciled = db.prepare('UPDATE roots SET reconciled_at = ? WHERE id = ?');
    for (const root of online) reconciled.run(startedAt, root.id);
  }
  const missing = db.prepare('SELECT count(*) FROM files WHERE library_id = ? AND missing = 1').pluck().get(libraryId) as number;
  ctx.progress('done', seenFiles, seenFiles);
  return { ...counts, missing, skipped_roots: roots.length - online.length, problems: countScanProblems(db, libraryId) };
}

/** One walked group applied: its restores, then its hashed files in type order (pictures before their companions). */
function applyGroup(applier: ScanApplier, group: PendingGroup, results: readonly (Identity | Error)[], problems: ScanProblems): void {
  // A folder's moves go as one set; the rest one by one.
  const moves = group.restores.filter((restore) => restore.moved === true);
  if (moves.length > 0) applier.movedAll(moves);
  for (const { row, seen, moved } of group.restores) if (moved !== true) applier.restore(row, seen);
  const hashed = group.hashing.map((h, i) => ({ seen: h.seen, alone: h.alone, result: results[i] as Identity | Error }));
  for (const { seen, alone, result } of byTypeOrder(hashed)) {
    if (result instanceof Error) {
      applier.hashFailed(seen, result);
      // Gone since the walk saw it: nothing to import (Scan for Missing tells if it was known).
      if ((result as NodeJS.ErrnoException).code !== 'ENOENT') problems.record({ rootId: seen.rootId, path: seen.path, reason: reasonOf(result) });
    }
    else applier.hashed(seen, result.md5, { imageSignature: result.imageSignature, alone });
  }
}

/** Photos an interrupted scan left waiting for their thumbnail and date, whose main file is under an online root. */
function leftoverDescribes(ctx: JobContext, online: readonly ProbedRoot[]): DescribeRequest[] {
  const onlineIds = new Set(online.map((root) => root.id));
  const rows = ctx.db.prepare(`SELECT p.image_hash AS imageHash, f.hash AS fileHash, f.path, f.type, f.root_id AS rootId FROM photos p
    JOIN files f ON f.hash = p.main_file
    WHERE p.library_id = ? AND p.needs_describe = 1 AND f.missing = 0 AND f.unreadable = 0 LIMIT 100000`).all(ctx.libraryId) as (DescribeRequest & { rootId: number | null })[];
  return rows.filter((row) => row.rootId !== null && onlineIds.has(row.rootId)).map(({ imageHash, fileHash, path, type }) => ({ imageHash, fileHash, path, type }));
}

/**
 * The walk of each online root, folder chunk by folder chunk. Other roots are walked as themselves
 * and the data folder's thumbnails are not photos, so neither is walked inside a root. Folders are
 * read by the workers, ahead of the comparison; an injected file system (tests) is walked here.
 */
function* walkOnlineRoots(
  ctx: JobContext,
  roots: readonly ProbedRoot[],
  online: readonly ProbedRoot[],
  workers: FileWorkers,
  walkFs: WalkFs | undefined,
  onProblem: (problem: ProblemSeen) => void,
): Generator<AsyncIterable<FolderChunk> | Iterable<FolderChunk>> {
  const skipFolders = new Set([...roots.map((root) => resolve(root.path)), resolve(ctx.dataDir)]);
  for (const root of online) {
    const rootPath = resolve(root.path);
    const walk = {
      rootId: root.id,
      rootPath,
      skipFolders: new Set([...skipFolders].filter((path) => path !== rootPath)),
      onError: (path: string, error: Error) => onProblem({ rootId: root.id, path, reason: reasonOf(error) }),
      onSkipped: (entry: SkippedEntry) => onProblem({ rootId: root.id, ...entry }),
    };
    yield walkFs === undefined
      ? walkFoldersInWorkers({ ...walk, list: (folder, maxFiles) => workers.listFolder(folder, maxFiles) })
      : walkFolders({ ...walk, fs: walkFs });
  }
}
