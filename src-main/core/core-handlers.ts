import type { EventPayloads } from '../../src-shared/contract.ts';
import type { LocateResult } from '../../src-shared/domain.ts';
import { addPhotosToAlbum, createAlbum, listAlbums, removePhotosFromAlbum } from './albums/albums.ts';
import type { Db } from './db/open-database.ts';
import { CoreError, badRequest, conflict } from './errors.ts';
import type { HashPool } from './hashing/hash-pool.ts';
import type { CoreHandlers } from './keepsake.ts';
import { listJobs } from './jobs/job-record.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import { deleteMissingJob, locateFolderJob, scanMissingJob, scanPhotosJob } from './jobs/job-specs.ts';
import { addLibrary, assertLibrary, listLibraries, removeLibrary } from './library/libraries.ts';
import { addRoot, listRoots, removeRoot } from './library/roots.ts';
import { previewDeleteMissing } from './missing/delete-missing.ts';
import { listMatches } from './matches/list-matches.ts';
import { listMissing, listMissingFolders } from './missing/missing-list.ts';
import { deletePhotosForever } from './photos/delete-forever.ts';
import { librariesOf, restorePhotos, setCaption, setRating, trashPhotos } from './photos/photo-edits.ts';
import { getPhotoDetail, listPhotos } from './photos/photo-queries.ts';
import { removeThumbnails } from './photos/remove-photos.ts';
import { getStats } from './stats/stats.ts';
import { locateFolder } from './volumes/locate-folder.ts';
import { resolveMatchCommand } from './volumes/volume-commands.ts';

/** What the handlers work with; the facade owns each of these. */
export interface CoreDeps {
  readonly db: Db;
  readonly dataDir: string;
  readonly now: () => Date;
  readonly runner: JobRunner;
  readonly getPool: () => HashPool;
  emit<E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]): void;
}

/**
 * The one table of core handlers: every contract command except the two that need the desktop shell.
 * Each receives an already validated request; errors meant for the user are CoreErrors with a code.
 */
export function createCoreHandlers(deps: CoreDeps) {
  const { db, dataDir, now, runner } = deps;
  const changed = (libraryId: number, reason: string): void => deps.emit('library.changed', { libraryId, reason });
  const changedAll = (libraryIds: readonly number[], reason: string): void => {
    for (const libraryId of libraryIds) changed(libraryId, reason);
  };
  const assertIdle = (libraryId: number, action: string): void => {
    if (runner.isBusy(libraryId)) throw conflict(`Cannot ${action} while a job of this library is queued or running; cancel it or wait`);
  };

  const handlers = {
    'libraries.list': () => listLibraries(db),
    'libraries.add': (request) => {
      const library = addLibrary(db, request, now());
      changed(library.id, 'library added');
      return library;
    },
    'libraries.remove': async (request) => {
      if (request.confirmed !== true) throw badRequest('Removing a library needs confirmation');
      assertLibrary(db, request.libraryId);
      assertIdle(request.libraryId, 'remove the library');
      const { thumbnailHashes } = removeLibrary(db, request.libraryId);
      changed(request.libraryId, 'library removed');
      await removeThumbnails(dataDir, thumbnailHashes);
      return { removed: true as const };
    },
    'roots.list': (request) => listRoots(db, request.libraryId, request.probe, now()),
    'roots.add': (request) => {
      const root = addRoot(db, request.libraryId, request.path, now());
      changed(root.libraryId, 'root added');
      return root;
    },
    'roots.remove': (request) => {
      const libraryId = db.prepare('SELECT library_id FROM roots WHERE id = ?').pluck().get(request.rootId) as number | undefined;
      if (libraryId !== undefined) assertIdle(libraryId, 'remove a root');
      const removed = removeRoot(db, request.rootId);
      changed(removed.libraryId, 'root removed');
      return { removed: true as const };
    },
    'roots.locate': async (request) => {
      assertLibrary(db, request.libraryId);
      // Through the queue (one writer, kept in the job history); the caller still gets the answer.
      let failure: unknown = null;
      const jobId = runner.start(
        locateFolderJob(request.libraryId, (ctx) =>
          locateFolder(ctx.db, request.libraryId, request.from, request.to, {
            now: ctx.now(),
            signal: ctx.signal,
            onProgress: (current, total) => ctx.progress('locate', current, total),
          }).catch((error: unknown) => {
            failure = error;
            throw error;
          }),
        ),
      );
      const record = await runner.waitFor(jobId);
      if (record.status === 'succeeded' && record.result !== null) {
        changed(request.libraryId, 'folder located');
        return record.result as LocateResult;
      }
      if (failure !== null) throw failure;
      throw new CoreError(record.status === 'cancelled' ? 'cancelled' : 'internal', record.error ?? 'Locate folder did not finish');
    },
    'photos.list': (request) => {
      assertLibrary(db, request.libraryId);
      return listPhotos(db, request);
    },
    'photos.get': (request) => getPhotoDetail(db, request.imageHash),
    'photos.setRating': (request) => {
      const photo = setRating(db, request.imageHash, request.rating);
      changed(photo.libraryId, 'rating');
      return photo;
    },
    'photos.setCaption': (request) => {
      const photo = setCaption(db, request.imageHash, request.caption);
      changed(photo.libraryId, 'caption');
      return photo;
    },
    'photos.trash': (request) => {
      const result = trashPhotos(db, request.imageHashes, now());
      changedAll(result.libraryIds, 'trash');
      return { count: result.count };
    },
    'photos.restore': (request) => {
      const result = restorePhotos(db, request.imageHashes);
      changedAll(result.libraryIds, 'restore');
      return { count: result.count };
    },
    'photos.deleteForever': async (request) => {
      if (request.confirmed !== true) throw badRequest('Deleting photos for good needs confirmation');
      // A scan relinking these very photos must not have them pulled from under it.
      for (const libraryId of librariesOf(db, request.imageHashes)) assertIdle(libraryId, 'delete photos for good');
      const result = await deletePhotosForever(db, dataDir, request.imageHashes);
      changedAll(result.libraryIds, 'deleted forever');
      return { count: result.count };
    },
    'albums.list': (request) => listAlbums(db, request.libraryId),
    'albums.create': (request) => {
      const album = createAlbum(db, request.libraryId, request.title, now());
      changed(album.libraryId, 'album created');
      return album;
    },
    'albums.addPhotos': (request) => {
      const album = addPhotosToAlbum(db, request.albumId, request.imageHashes);
      changed(album.libraryId, 'album changed');
      return album;
    },
    'albums.removePhotos': (request) => {
      const album = removePhotosFromAlbum(db, request.albumId, request.imageHashes);
      changed(album.libraryId, 'album changed');
      return album;
    },
    'missing.list': (request) => listMissing(db, request),
    'missing.folders': (request) => listMissingFolders(db, request.libraryId),
    'missing.deletePreview': (request) => {
      assertLibrary(db, request.libraryId);
      return previewDeleteMissing(db, request.libraryId, request.includeOffline, now());
    },
    // Reads the stored open suggestions only: Scan Photos and Scan for Missing look for new ones.
    'matches.list': (request) => {
      assertLibrary(db, request.libraryId);
      return listMatches(db, request.libraryId);
    },
    'matches.resolve': async (request) => {
      const result = await resolveMatchCommand(db, dataDir, request, now());
      changed(result.libraryId, request.accept ? 'match accepted' : 'match rejected');
      return { resolved: true as const };
    },
    'jobs.start': (request) => {
      assertLibrary(db, request.libraryId);
      switch (request.type) {
        case 'scan_photos':
          return { jobId: runner.start(scanPhotosJob(request.libraryId, deps.getPool)) };
        case 'scan_missing':
          return { jobId: runner.start(scanMissingJob(request.libraryId)) };
        case 'delete_missing':
          if (request.confirmed !== true) throw badRequest('Delete Missing Photos needs confirmation');
          return { jobId: runner.start(deleteMissingJob(request.libraryId, request.includeOffline)) };
      }
    },
    'jobs.cancel': (request) => ({ cancelled: runner.cancel(request.jobId) }),
    'jobs.list': (request) => {
      if (request.libraryId !== undefined) assertLibrary(db, request.libraryId);
      return listJobs(db, { libraryId: request.libraryId, limit: request.limit });
    },
    'stats.get': (request) => getStats(db, request.libraryId),
  } satisfies CoreHandlers;
  return handlers;
}
