/**
 * Brings photos' sidecars and the database together: each photo's sidecar is found (or named),
 * read, merged three ways with Keepsake's fields (merge-views.ts), written back atomically when
 * Keepsake's side has something the file lacks ('write'), and what the file won is put into the
 * database. Writes happen only under a root probed online, beside a main file that is there; a
 * sidecar that cannot be written keeps its photo waiting (sidecar_pending) with the reason.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, sep } from 'node:path';
import type { RootState, SidecarChange, SidecarsResult } from '../../../src-shared/domain.ts';
import type { Db } from '../db/open-database.ts';
import { openRegular } from '../file-workers/open-regular.ts';
import { probeStoredRoot } from '../volumes/probe-root.ts';
import { mergeViews, type MergeOutcome } from './merge-views.ts';
import { findSidecar, sidecarCandidates, sidecarPathFor } from './sidecar-path.ts';
import { keepWaiting, markSidecarsPending, settlePending } from './sidecar-pending.ts';
import { problemReason, WAITING } from './sidecar-problems.ts';
import { applyFromFile, loadSidecarPhotos, otherClaimant, recordState, writesSidecars, type SidecarPhoto, type SidecarState } from './sidecar-store.ts';
import { EMPTY_VIEW, sameView, viewOfFile, writeFor, type SidecarField, type SidecarView } from './sidecar-view.ts';
import { readSidecarXmp, writeSidecarXmp, XmpError, type SidecarFace, type SidecarXmp } from './sidecar-xmp.ts';
import { xmlSafeWrite } from './xml-chars.ts';
import { sidecarDigest, writeFailureReason, writeSidecarFile, type SidecarFileWrite, type SidecarWriteOutcome } from './write-sidecar-file.ts';

/** A sidecar larger than this is not one (they are kilobytes): left as it is. */
const MAX_SIDECAR_BYTES = 16 * 1024 * 1024;
/** Photos loaded, merged and handed to the writers together. */
const CHUNK = 250;
/** Photos recorded in one transaction (at most: the last ones when the sync ends). */
const COMMIT_EVERY = 10_000;
/** Sidecars read and written at once (file system calls in flight). */
const CONCURRENCY = 16;
const SEP = sep.charCodeAt(0);
/** Changes listed in a job's result (all are counted). */
const MAX_CHANGES = 200;
const MAX_PROBLEMS = 500;

export interface SyncOptions {
  /** 'write': sidecars are written where Keepsake's side is newer or the file lacks it; 'read': files are only read. */
  readonly mode: 'write' | 'read';
  /**
   * A sidecar whose content Keepsake has not recorded (edited in another app since, or never seen):
   * merged here, or left out and listed in `deferred` (the quiet writer hands those to a job, whose
   * history shows what changed).
   */
  readonly unknownFiles: 'merge' | 'defer';
  readonly now: () => Date;
  readonly signal?: AbortSignal;
  readonly progress?: (done: number, total: number) => void;
  /** Writes a batch of sidecars (default: on the main thread; the jobs hand them to the file workers). */
  readonly writeFiles?: (writes: readonly SidecarFileWrite[]) => Promise<readonly SidecarWriteOutcome[]>;
  /** How a root is probed (default: probeStoredRoot, nothing stored). */
  readonly probeRoot?: (db: Db, rootId: number) => Promise<RootState | null>;
}

/** What a sync did, and the photos it left for a job. */
export interface SyncOutcome extends SidecarsResult {
  readonly deferred: readonly string[];
}

/** A sidecar to write, and what the step comes to once it is written. */
type WriteStep = { readonly kind: 'write'; readonly photo: SidecarPhoto; readonly merge: MergeOutcome; readonly write: SidecarFileWrite; readonly fields: SidecarView };

/** Sidecars handed to a file worker at once. */
const WRITE_BATCH = 50;

/** Writes with the process's own asynchronous calls (a few sidecars: not worth waking the file workers). */
async function writeOnMainThread(writes: readonly SidecarFileWrite[]): Promise<SidecarWriteOutcome[]> {
  return Promise.all(
    writes.map((write) =>
      writeSidecarFile(write.path, write.text, write.replacing).then(
        (size): SidecarWriteOutcome => ({ ok: true, size, digest: sidecarDigest(write.text) }),
        (error: NodeJS.ErrnoException): SidecarWriteOutcome => ({ ok: false, code: error.code ?? null, message: error.message }),
      ),
    ),
  );
}

/** What one photo's step came to, applied to the database with its chunk. */
type Step =
  | { readonly kind: 'skipped'; readonly photo: SidecarPhoto; readonly reason: string }
  | { readonly kind: 'problem'; readonly photo: SidecarPhoto; readonly path: string; readonly reason: string }
  | { readonly kind: 'deferred'; readonly photo: SidecarPhoto }
  | {
      readonly kind: 'done';
      readonly photo: SidecarPhoto;
      readonly merge: MergeOutcome;
      readonly written: boolean;
      readonly state: SidecarState;
      /** Keepsake's side still holds what the file does not (a read-only sync). */
      readonly stillToWrite: boolean;
    };

/** The texts of a field for the job history. */
function describeField(field: SidecarField, view: SidecarView): string {
  switch (field) {
    case 'albums':
    case 'keywords':
      return view[field].join(', ');
    case 'faces':
      return view.faces.map((face: SidecarFace) => face.name ?? 'unnamed').join(', ') || 'none';
    default:
      return String(view[field]);
  }
}

/** Reads a sidecar's bytes and when it was last changed (refusing what is not a regular file). */
async function readSidecarBytes(path: string): Promise<{ data: Buffer; mtimeMs: number; mode: number } | { tooLarge: true }> {
  const { handle, size } = await openRegular(path);
  try {
    if (size > MAX_SIDECAR_BYTES) return { tooLarge: true };
    const info = await handle.stat();
    const data = await handle.readFile();
    return { data, mtimeMs: info.mtimeMs, mode: info.mode };
  } finally {
    await handle.close();
  }
}

/** Syncs the given photos of a library (unknown hashes and other libraries' photos are left out). */
export async function syncSidecars(db: Db, libraryId: number, imageHashes: readonly string[], options: SyncOptions): Promise<SyncOutcome> {
  const counts = { written: 0, read: 0, skipped: 0, problems: 0, unchanged: 0, changes_total: 0 };
  const changes: SidecarChange[] = [];
  const problemFiles: { path: string; reason: string }[] = [];
  const deferred: string[] = [];
  const keeps = writesSidecars(db, libraryId);
  const probe = options.probeRoot ?? ((database: Db, rootId: number) => probeStoredRoot(database, rootId));
  const roots = new Map<number, Promise<RootState | null>>();
  /** Folders found read-only: their other photos are not tried (each would fail the same way). */
  const readOnlyFolders = new Map<string, string>();
  const listings = new Map<string, Promise<Set<string> | null>>();
  const listing = (folder: string): Promise<Set<string> | null> => {
    let found = listings.get(folder);
    if (found === undefined) {
      found = readdir(folder).then((names) => new Set(names), () => null);
      listings.set(folder, found);
    }
    return found;
  };

  const writeFiles = options.writeFiles ?? writeOnMainThread;
  const step = async (photo: SidecarPhoto): Promise<Step | WriteStep> => {
    if (photo.mainPath === null || photo.mainMissing) return { kind: 'skipped', photo, reason: `${WAITING}the photo is missing` };
    if (photo.rootId === null) return { kind: 'skipped', photo, reason: `${WAITING}its folder is no longer in the library` };
    let rootState = roots.get(photo.rootId);
    if (rootState === undefined) {
      rootState = probe(db, photo.rootId);
      roots.set(photo.rootId, rootState);
    }
    const state = await rootState;
    if (state !== 'online') return { kind: 'skipped', photo, reason: `${WAITING}the drive is ${state ?? 'gone'}` };
    const mainPath = photo.mainPath;
    const folder = dirname(mainPath);
    const names = await listing(folder);
    // Never a sidecar beside a file that is not there (gone since the last scan): it waits for the scan.
    if (names === null || !names.has(basename(mainPath))) return { kind: 'skipped', photo, reason: `${WAITING}the photo is not in its folder now` };
    // A candidate beside the photo is looked up in the listing; the prefix test spares a dirname per candidate.
    const mayExist = (path: string): boolean =>
      !(path.startsWith(folder) && path.charCodeAt(folder.length) === SEP && path.indexOf(sep, folder.length + 1) === -1) || names.has(path.slice(folder.length + 1));
    const found = await findSidecar(
      sidecarCandidates(mainPath, photo.otherPaths),
      (path) => !photo.otherPaths.includes(path) && otherClaimant(db, libraryId, path, photo.imageHash) !== null,
      mayExist,
    );
    if (found !== null && found.kind !== 'file') {
      return { kind: 'problem', photo, path: found.path, reason: found.kind === 'symlink' ? 'a symbolic link: Keepsake does not write through it' : 'not a regular file' };
    }
    const target = found?.path ?? sidecarPathFor(mainPath);
    let text: string | null = null;
    let raw: SidecarXmp | null = null;
    let bytes: { data: Buffer; mtimeMs: number; mode: number } | null = null;
    if (found !== null) {
      try {
        const read = await readSidecarBytes(found.path);
        if ('tooLarge' in read) return { kind: 'problem', photo, path: found.path, reason: 'too large for an XMP sidecar: left as it is' };
        bytes = read;
        text = read.data.toString('utf8');
        raw = readSidecarXmp(text);
      } catch (error) {
        const reason = error instanceof XmpError ? `not valid XMP (${error.message}): left as it is` : writeFailureReason(error).replace('cannot write', 'cannot read');
        return { kind: 'problem', photo, path: found.path, reason };
      }
    } else if (options.mode === 'read') return { kind: 'skipped', photo, reason: 'no sidecar' };
    const digest = bytes === null ? null : sidecarDigest(bytes.data);
    const known = photo.state !== null && photo.state.path === target && photo.state.digest === digest;
    if (found !== null && !known && options.unknownFiles === 'defer') return { kind: 'deferred', photo };
    const fileView = raw === null ? EMPTY_VIEW : viewOfFile(raw);
    // The base is what this very file held when Keepsake last saw it.
    const base = found !== null && photo.state !== null && photo.state.path === target ? photo.state.fields : null;
    const keepsakeTime = Date.parse(photo.pendingSince ?? photo.state?.syncedAt ?? photo.addedAt);
    const merge = mergeViews(photo.view, fileView, base, bytes === null || keepsakeTime >= bytes.mtimeMs);
    const now = options.now().toISOString();

    if (options.mode === 'read' || (found !== null && sameView(fileView, merge.result))) {
      const data = bytes as { data: Buffer; mtimeMs: number };
      return {
        kind: 'done',
        photo,
        merge,
        written: false,
        stillToWrite: !sameView(fileView, merge.result),
        state: { path: target, size: data.data.length, digest: digest as string, fields: fileView, syncedAt: now },
      };
    }
    const readOnly = readOnlyFolders.get(dirname(target));
    if (readOnly !== undefined) return { kind: 'problem', photo, path: target, reason: readOnly };
    const dimensions = photo.width !== null && photo.height !== null ? { width: photo.width, height: photo.height } : null;
    let next: string;
    const wanted = writeFor(merge.result, raw, dimensions);
    try {
      next = writeSidecarXmp(text, wanted);
    } catch (error) {
      return { kind: 'problem', photo, path: target, reason: `cannot merge into it (${(error as Error).message}): left as it is` };
    }
    if (next === text && bytes !== null) {
      return { kind: 'done', photo, merge, written: false, stillToWrite: false, state: { path: target, size: bytes.data.length, digest: digest as string, fields: fileView, syncedAt: now } };
    }
    // What the file will hold, as a later read will see it: a new file holds exactly the merge, unless
    // characters XML cannot carry were left out of it (else the next sync would take that for an edit).
    const fields = text === null && xmlSafeWrite(wanted) === wanted ? merge.result : viewOfFile(readSidecarXmp(next));
    return { kind: 'write', photo, merge, write: { path: target, text: next, replacing: bytes === null ? null : { mode: bytes.mode } }, fields };
  };

  /** Writes a chunk's sidecars (in the file workers when given, in batches), each step then done or a problem. */
  const writeAll = async (steps: readonly (Step | WriteStep)[]): Promise<Step[]> => {
    const writes = steps.filter((s): s is WriteStep => s.kind === 'write');
    const outcomes = new Map<WriteStep, SidecarWriteOutcome>();
    if (writes.length > 0) {
      const batches: WriteStep[][] = [];
      for (let i = 0; i < writes.length; i += WRITE_BATCH) batches.push(writes.slice(i, i + WRITE_BATCH));
      await Promise.all(
        batches.map(async (batch) => {
          const results = await writeFiles(batch.map((s) => s.write));
          batch.forEach((s, i) => outcomes.set(s, results[i] as SidecarWriteOutcome));
        }),
      );
    }
    const now = options.now().toISOString();
    return steps.map((s) => {
      if (s.kind !== 'write') return s;
      const outcome = outcomes.get(s) as SidecarWriteOutcome;
      if (!outcome.ok) {
        const reason = writeFailureReason(outcome);
        if (outcome.code === 'EROFS') readOnlyFolders.set(dirname(s.write.path), reason);
        return { kind: 'problem', photo: s.photo, path: s.write.path, reason };
      }
      return { kind: 'done', photo: s.photo, merge: s.merge, written: true, stillToWrite: false, state: { path: s.write.path, size: outcome.size, digest: outcome.digest, fields: s.fields, syncedAt: now } };
    });
  };

  const commit = (steps: readonly Step[]): void => {
    const now = options.now();
    db.transaction(() => {
      for (const result of steps) {
        const { photo } = result;
        const waitingSince = photo.pendingSince ?? photo.state?.syncedAt ?? photo.addedAt;
        switch (result.kind) {
          case 'deferred':
            deferred.push(photo.imageHash);
            break;
          case 'skipped':
            counts.skipped++;
            if (options.mode === 'write' && keeps && result.reason !== 'no sidecar') keepWaiting(db, photo.imageHash, libraryId, waitingSince, result.reason, now);
            break;
          case 'problem':
            counts.problems++;
            if (problemFiles.length < MAX_PROBLEMS) problemFiles.push({ path: result.path, reason: result.reason });
            // Listed with the library's problems (sidecar-problems.ts) under the path Keepsake writes, or with the file's own name.
            if (options.mode === 'write' && keeps) keepWaiting(db, photo.imageHash, libraryId, waitingSince, problemReason(photo, result.path, result.reason), now);
            break;
          case 'done': {
            const { merge } = result;
            if (merge.fromFile.length > 0) {
              counts.read++;
              applyFromFile(db, photo, merge.result, merge.fromFile, now);
              for (const field of merge.fromFile) {
                counts.changes_total++;
                if (changes.length < MAX_CHANGES) {
                  changes.push({ path: result.state.path, field, from: describeField(field, photo.view), to: describeField(field, merge.result) });
                }
              }
            }
            if (result.written) counts.written++;
            else if (merge.fromFile.length === 0) counts.unchanged++;
            recordState(db, photo.imageHash, libraryId, result.state);
            if (options.mode === 'write') {
              if (photo.pendingSince !== null) settlePending(db, photo.imageHash, photo.pendingSince);
            } else if (result.stillToWrite && keeps) markSidecarsPending(db, [photo.imageHash], now);
            break;
          }
        }
      }
    })();
  };

  // What is written, recorded together: each commit rewrites the pages it touches in the WAL, and
  // sidecar_state's keys are random (image hashes), so 40 commits of 250 rows wrote ~80 MB where
  // one of 10,000 writes ~5 MB — I/O that competed with the sidecars' own (see the sidecars bench).
  let unsaved: Step[] = [];
  const save = (): void => {
    if (unsaved.length === 0) return;
    const steps = unsaved;
    unsaved = [];
    commit(steps);
  };
  // A chunk's files are written while the next chunk is read and merged.
  let writing: Promise<void> | null = null;
  try {
    for (let i = 0; i < imageHashes.length; i += CHUNK) {
      options.signal?.throwIfAborted();
      const photos = loadSidecarPhotos(db, imageHashes.slice(i, i + CHUNK)).filter((photo) => photo.libraryId === libraryId);
      const steps: (Step | WriteStep)[] = new Array(photos.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < photos.length) {
          const at = next++;
          steps[at] = await step(photos[at] as SidecarPhoto);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, photos.length) }, worker));
      await writing;
      const done = Math.min(i + CHUNK, imageHashes.length);
      writing = writeAll(steps).then((results) => {
        unsaved.push(...results);
        if (unsaved.length >= COMMIT_EVERY) save();
        options.progress?.(done, imageHashes.length);
      });
    }
  } finally {
    // What is written is always recorded, even when the job stops (cancel) or a write batch failed.
    try {
      await writing;
    } finally {
      save();
    }
  }
  return { ...counts, changes, problem_files: problemFiles, deferred };
}
