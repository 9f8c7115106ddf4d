import { resolve } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import type { ScanResult } from '../../../src-shared/domain.ts';
import type { Identity } from '../hashing/hash-messages.ts';
import type { HashPool } from '../hashing/hash-pool.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { refreshAvailability } from '../photos/availability.ts';
import { thumbnailPath } from '../thumbnails/thumbnail-path.ts';
import { probeLibraryRoots } from '../volumes/probe-root.ts';
import { byTypeOrder, ScanApplier, type DescribeRequest, type SidecarRequest } from './apply-scanned.ts';
import { sameStat, ScanStore, type FileRow } from './scan-store.ts';
import { countStems, stemOf } from './file-stem.ts';
import { walkFolders, walkFoldersInWorkers, type SeenFile, type WalkFs } from './walk-folders.ts';
import { capYoungGeneration } from './young-generation.ts';

/** Thumbnail answers written per transaction, and a quarter of the files a scan may hold unwritten. */
const SCAN_BATCH = 1000;
/** Requests waiting in the pool at most: keeps both workers busy while the walk goes on, bounds memory. */
const MAX_POOL_QUEUE = 256;
/**
 * Hashed files applied as soon as this many are ready: small enough that the last batch, written
 * after the last hash, is a short tail (1,000 files take ~80 ms to apply), large enough to amortise a
 * commit. Applying earlier costs nothing: the workers hash meanwhile.
 */
const APPLY_FROM = 200;
/** Files walked but not yet applied at most (their rows and stats wait in memory). */
const MAX_PENDING_FILES = 4 * SCAN_BATCH;
/** Files in a folder from which one query for the folder beats one per file. */
const FOLDER_QUERY_FROM = 8;
/** How often the walk yields to the event loop (so cancel and progress get through) at most. */
const YIELD_EVERY_MS = 25;

/** Test hooks: an injected file system for the walk. */
export interface ScanOptions {
  readonly walkFs?: WalkFs;
  /**
   * Filled with the folders whose every file row the walk saw unchanged, in place and present: the
   * Scan for Missing that follows need not look at them again.
   */
  readonly verifiedFolders?: Set<string>;
}

/** One folder chunk's work: files to restore without hashing, and files being hashed. */
interface PendingGroup {
  readonly restores: { row: FileRow; seen: SeenFile }[];
  readonly hashing: { seen: SeenFile; alone: boolean; result: Promise<Identity | Error> }[];
  /** Hashes not answered yet: the group is applied once this is 0. */
  unsettled: number;
}

/**
 * Scan Photos: walks the library's online roots, skips files whose path, size, mtime and inode are
 * unchanged, hashes the rest in the worker pool and applies the results in batched transactions:
 * new photos (thumbnail + capture date from the pool), relinks of known files (restored from the
 * trash, other files re-checked), copies, RAW+JPEG+XMP grouping. Undecodable files are tracked
 * with their error. Cancelling stops between folders; every committed batch is consistent.
 */
export async function scanPhotos(ctx: JobContext, pool: HashPool, options: ScanOptions = {}): Promise<ScanResult> {
  const { db, libraryId, signal } = ctx;
  signal.throwIfAborted();
  capYoungGeneration();
  const roots = await probeLibraryRoots(db, libraryId, ctx.now());
  const online = roots.filter((root) => root.state === 'online');
  const onlineIds = new Set(online.map((root) => root.id));
  const store = new ScanStore(db, libraryId);
  const applier = new ScanApplier(store, onlineIds, ctx.now);
  const counts = applier.counts;
  // Other roots are walked as themselves; the data folder's thumbnails are not photos.
  const skipFolders = new Set([...roots.map((root) => resolve(root.path)), resolve(ctx.dataDir)]);

  let pending: PendingGroup[] = [];
  let pendingFiles = 0;
  let seenFiles = 0;
  let hashQueued = 0;
  let hashDone = 0;
  // Pool answers still to come, counted (not a Set of promises raced in a loop: every race call
  // hangs a reaction on each pending promise, megabytes of garbage per thousand photos).
  let describing = 0;
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const settled = () => {
    describing--;
    wakeUp();
  };
  /** Resolves at the next answer from the pool (a hash, a description or a sidecar). */
  const nextAnswer = () => new Promise<void>((resolve) => {
    wake = resolve;
  });
  let described: { request: DescribeRequest; value: Awaited<ReturnType<HashPool['describe']>> }[] = [];
  let sidecarsRead: { request: SidecarRequest; value: Awaited<ReturnType<HashPool['sidecar']>> }[] = [];

  const rootOfFile = db.prepare('SELECT root_id FROM files WHERE hash = ?').pluck();
  const rootOf = (hash: string) => rootOfFile.get(hash) as number;
  const startPoolWork = (describes: DescribeRequest[], sidecars: SidecarRequest[]) => {
    for (const request of describes) {
      describing++;
      pool.describe(request.path, thumbnailPath(ctx.dataDir, request.imageHash), request.type).then(
        (value) => {
          described.push({ request, value });
          settled();
        },
        () => {
          counts.errors++; // gone or unreadable since it was hashed: the next scan sees it
          settled();
        },
      );
    }
    for (const request of sidecars) {
      describing++;
      pool.sidecar(request.path).then(
        (value) => {
          sidecarsRead.push({ request, value });
          settled();
        },
        () => settled(), // a sidecar we cannot parse adds nothing; the photo is whole without it
      );
    }
  };

  /** Applies every settled group (in order) and the pool's answers in one transaction. */
  const commit = async (groups: PendingGroup[]) => {
    const settled = await Promise.all(groups.map(async (group) => ({ group, results: await Promise.all(group.hashing.map((h) => h.result)) })));
    signal.throwIfAborted();
    const answers = described;
    const sidecarAnswers = sidecarsRead;
    described = [];
    sidecarsRead = [];
    let work: ReturnType<ScanApplier['drain']> | undefined;
    db.transaction(() => {
      for (const { group, results } of settled) {
        for (const { row, seen } of group.restores) applier.restore(row, seen);
        const hashed = group.hashing.map((h, i) => ({ seen: h.seen, alone: h.alone, result: results[i] as Identity | Error }));
        for (const { seen, alone, result } of byTypeOrder(hashed)) {
          if (result instanceof Error) applier.hashFailed(seen, result);
          else applier.hashed(seen, result.md5, { imageSignature: result.imageSignature, alone });
        }
      }
      for (const { request, value } of answers) applier.described(request, value);
      for (const { request, value } of sidecarAnswers) applier.sidecarRead(request, value);
      work = applier.drain();
      refreshAvailability(db, libraryId, work.touched, ctx.now());
    })();
    if (work !== undefined) startPoolWork(work.describes, work.sidecars);
  };

  /**
   * Applies the groups at the head of `pending` that have all their hashes, if they hold at least
   * `minFiles` files (every group holds one or more). Returns whether it committed.
   */
  const applySettled = async (minFiles: number): Promise<boolean> => {
    let ready = 0;
    let readyFiles = 0;
    for (const group of pending) {
      if (group.unsettled > 0) break;
      ready++;
      readyFiles += group.restores.length + group.hashing.length;
    }
    if (ready === 0 || readyFiles < minFiles) return false;
    const groups = pending.splice(0, ready);
    pendingFiles -= readyFiles;
    await commit(groups);
    return true;
  };

  /**
   * Keeps the workers fed while the main thread writes: groups are applied (in walk order) as soon
   * as a batch of them has all its hashes, never by waiting for the pool to drain; the walk only
   * waits when the pool is full or too many files wait to be applied. Returns whether it committed.
   */
  const applyReady = async (): Promise<boolean> => {
    let committed = false;
    for (;;) {
      if (await applySettled(pendingFiles >= MAX_PENDING_FILES ? 1 : APPLY_FROM)) {
        committed = true;
        continue;
      }
      if (pool.pending <= MAX_POOL_QUEUE && pendingFiles < MAX_PENDING_FILES) return committed;
      signal.throwIfAborted();
      await nextAnswer();
    }
  };

  // Photos an interrupted scan left waiting for their thumbnail and date get them now.
  const leftovers = db.prepare(`SELECT p.image_hash AS imageHash, f.hash AS fileHash, f.path, f.type FROM photos p
    JOIN files f ON f.hash = p.main_file
    WHERE p.library_id = ? AND p.needs_describe = 1 AND f.missing = 0 AND f.unreadable = 0 LIMIT 100000`).all(libraryId) as DescribeRequest[];
  startPoolWork(leftovers.filter((request) => onlineIds.has(rootOf(request.fileHash))), []);

  let lastYield = Date.now();
  for (const root of online) {
    const walk = {
      rootId: root.id,
      rootPath: resolve(root.path),
      skipFolders: new Set([...skipFolders].filter((path) => path !== resolve(root.path))),
      onError: () => void counts.errors++,
    };
    // Folders are read by the workers, ahead of the comparison; an injected file system (tests) is walked here.
    const chunks = options.walkFs === undefined
      ? walkFoldersInWorkers({ ...walk, list: (folder, maxFiles) => pool.listFolder(folder, maxFiles) })
      : walkFolders({ ...walk, fs: options.walkFs });
    for await (const chunk of chunks) {
      signal.throwIfAborted();
      const group: PendingGroup = { restores: [], hashing: [], unsettled: 0 };
      // A whole folder's rows come in one query; a huge folder (several chunks) is looked up file by file.
      const known = chunk.whole && chunk.files.length >= FOLDER_QUERY_FROM ? store.filesIn(chunk.folder) : undefined;
      // A folder new to the library, seen whole: a file whose stem no other file there has is alone.
      const stems = known !== undefined && known.size === 0 ? countStems(chunk.files.map((file) => file.path)) : undefined;
      let unchangedHere = 0;
      for (const seen of chunk.files) {
        seenFiles++;
        const row = known === undefined ? store.fileAt(seen.path) : known.get(seen.path);
        if (row !== undefined && sameStat(row, seen)) {
          if (row.missing === 1 || row.unreadable === 1 || row.root_id !== seen.rootId) group.restores.push({ row, seen });
          else {
            counts.unchanged++;
            unchangedHere++;
          }
          continue;
        }
        const copy = store.copyAt(seen.path);
        if (copy !== undefined && sameStat(copy, seen)) {
          counts.unchanged++;
          continue;
        }
        hashQueued++;
        group.unsettled++;
        const result = pool.identify(seen.path).then(
          (identity) => identity as Identity | Error,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ).finally(() => {
          hashDone++;
          group.unsettled--;
          wakeUp();
        });
        group.hashing.push({ seen, alone: stems?.get(stemOf(seen.path)) === 1, result });
      }
      // Every row of the folder was just seen unchanged and in place: nothing there is missing.
      if (known !== undefined && unchangedHere === known.size && unchangedHere === chunk.files.length) options.verifiedFolders?.add(chunk.folder);
      if (group.restores.length > 0 || group.hashing.length > 0) {
        pending.push(group);
        pendingFiles += group.restores.length + group.hashing.length;
      }
      ctx.progress(hashQueued > 0 ? 'hash' : 'walk', hashQueued > 0 ? hashDone : seenFiles, hashQueued > 0 ? hashQueued : seenFiles);
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
    await nextAnswer();
  }
  // New photos' thumbnails and dates: wait for the pool, writing its answers a batch at a time.
  while (describing > 0) {
    signal.throwIfAborted();
    ctx.progress('thumbnails', described.length, described.length + describing);
    await nextAnswer();
    if (described.length >= SCAN_BATCH) await commit([]);
  }
  await commit([]);
  const finishedAt = ctx.now().toISOString();
  db.prepare('UPDATE library_counts SET last_scan_at = ? WHERE library_id = ?').run(finishedAt, libraryId);
  const missing = (db.prepare('SELECT count(*) AS n FROM files WHERE library_id = ? AND missing = 1').get(libraryId) as { n: number }).n;
  ctx.progress('done', seenFiles, seenFiles);
  return { ...counts, missing, skipped_roots: roots.length - online.length };
}
