import type { EventPayloads } from '../../src-shared/contract.ts';
import type { LibraryAccess, LocateResult, Root } from '../../src-shared/domain.ts';
import { addPhotosToAlbum, createAlbum, deleteAlbum, listAlbums, removePhotosFromAlbum, renameAlbum } from './albums/albums.ts';
import { backUpBeforeDeleteForever } from './backups/backup-before-delete.ts';
import type { Db } from './db/open-database.ts';
import { CoreError, badRequest, conflict, notFound } from './errors.ts';
import type { FileWorkers } from './file-workers/file-workers.ts';
import { listScanProblems } from './files/scan-problems.ts';
import type { CoreHandlers } from './core-commands.ts';
import { listJobs } from './jobs/job-record.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import { deleteMissingJob, locateFolderJob, refreshThumbnailsJob, scanMissingJob, scanPhotosJob } from './job-specs/job-specs.ts';
import { addLibrary, assertLibrary, listLibraries, listRootsOf, removeLibrary, setWriteSidecars } from './library/libraries.ts';
import { readSidecarsJob, writeSidecarsJob } from './sidecars/sidecar-jobs.ts';
import { addRoot, removeRoot } from './library/roots.ts';
import { previewDeleteMissing } from './missing/delete-missing.ts';
import { listMatches } from './matches/list-matches.ts';
import { listMissing, listMissingFolders } from './missing/missing-list.ts';
import { listMissingGroups } from './missing/missing-groups.ts';
import { checkPickedFile, relinkPickedFile } from './photos/locate-photo.ts';
import { deletePhotosForever } from './photos/delete-forever.ts';
import { librariesOf, restorePhotos, setCaption, setRating, setRatings, trashPhotos } from './photos/photo-edits.ts';
import { listDateGroups, listHashes } from './photos/photo-groups.ts';
import { firstPageWithGroups, searchFirstPage, searchHashes, searchPage } from './photos/search-page.ts';
import { folderTree } from './folders/folder-tree.ts';
import { getPhotoDetail, listPhotos } from './photos/photo-queries.ts';
import { getPhotoInfo } from './photos/photo-info.ts';
import { removeThumbnails } from './thumbnails/remove-thumbnails.ts';
import { getStats } from './stats/stats.ts';
import { locateFolder } from './library/locate-folder.ts';
import { probeLibraryRoots } from './volumes/probe-root.ts';
import { listUndoable } from './undo/deletion-records.ts';
import { undoDeletion } from './undo/undo-deletion.ts';
import { resolveMatchCommand } from './matches/resolve-match-command.ts';
import { settingsView } from './settings/settings-view.ts';
import { writeSettings } from './settings/app-settings.ts';
import { librariesWithOldThumbnails } from './thumbnails/old-thumbnails.ts';

/** What the handlers work with; the facade owns each of these. */
export interface CoreDeps {
  readonly db: Db;
  readonly dataDir: string;
  readonly now: () => Date;
  /** The job queue; null in a process that opened the library read-only (it runs no jobs). */
  readonly runner: JobRunner | null;
  readonly getWorkers: () => FileWorkers;
  /** False: the database is read-only here; the probing reads store nothing. */
  readonly writable: boolean;
  readonly access: () => LibraryAccess;
  /** The settings were changed (the live library starts or stops watching, takes a new poll interval). */
  readonly onSettingsChanged?: () => void;
  emit<E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]): void;
}

/**
 * The one table of core handlers: every contract command except the two that need the desktop shell.
 * Each receives an already validated request; errors meant for the user are CoreErrors with a code.
 *
 * Every write goes through the job queue: jobs are queued; a structural change (roots, trash,
 * deleting, a match) is refused with 'conflict' while a job of its library is queued or running, and
 * otherwise takes its turn in the queue (see JobRunner.exclusive). Ratings (one photo's or many's),
 * captions, album membership and user albums' titles (rename, delete) are single-statement edits
 * of fields no job reads and writes back across an await, so
 * they apply at once, even during a scan: a user rating photos while a long scan runs is not kept waiting.
 */
export function createCoreHandlers(deps: CoreDeps) {
  const { db, dataDir, now } = deps;
  const jobs = (): JobRunner => {
    if (deps.runner === null) throw conflict('This process opened the library read-only: it changes nothing');
    return deps.runner;
  };
  /** Whether a probe may store what it finds now (the library is writable here and no job is at work on it). */
  const mayStoreProbe = (libraryId: number): boolean => deps.writable && deps.runner !== null && !deps.runner.isBusy(libraryId);
  /**
   * Probes a library's roots. When it may not store them now, it only tells (a job of the library
   * probes at its own start) — and where the drives changed, a probe that stores is queued behind the jobs.
   */
  const probe = async (libraryId: number): Promise<Root[]> => {
    if (mayStoreProbe(libraryId)) {
      await jobs().exclusive(libraryId, 'probe the drives', () => probeLibraryRoots(db, libraryId, now()));
      return listRootsOf(db, libraryId);
    }
    const stored = listRootsOf(db, libraryId);
    const found = new Map((await probeLibraryRoots(db, libraryId, now(), { store: false })).map((root) => [root.id, root]));
    const roots = stored.map((root) => {
      const seen = found.get(root.id);
      return seen === undefined ? root : { ...root, path: seen.path, state: seen.state };
    });
    if (deps.writable && deps.runner !== null && roots.some((root, i) => root.state !== stored[i]?.state || root.path !== stored[i]?.path)) {
      deps.runner.enqueue(libraryId, `probe:${libraryId}`, () => probeLibraryRoots(db, libraryId, now())).then(
        () => changed(libraryId, 'roots probed'),
        () => undefined, // closing, or the drive went again: the next probe tells
      );
    }
    return roots;
  };
  const changed = (libraryId: number, reason: string): void => deps.emit('library.changed', { libraryId, reason });
  const changedAll = (libraryIds: readonly number[], reason: string): void => {
    for (const libraryId of libraryIds) changed(libraryId, reason);
  };
  /** A structural write: refused while a job of the library is at work, else run with the library held. */
  const exclusive = <T>(libraryId: number, action: string, fn: () => T | Promise<T>): Promise<T> => jobs().exclusive(libraryId, action, fn);

  const handlers = {
    'library.access': () => deps.access(),
    'libraries.list': () => listLibraries(db),
    // A new library: no job can be at work on it, so nothing to wait for or refuse.
    'libraries.add': (request) => {
      jobs();
      const library = addLibrary(db, request, now());
      changed(library.id, 'library added');
      return library;
    },
    'libraries.remove': async (request) => {
      if (request.confirmed !== true) throw badRequest('Removing a library needs confirmation');
      assertLibrary(db, request.libraryId);
      return exclusive(request.libraryId, 'remove the library', async () => {
        const { thumbnailHashes } = removeLibrary(db, request.libraryId);
        changed(request.libraryId, 'library removed');
        await removeThumbnails(dataDir, thumbnailHashes);
        return { removed: true as const };
      });
    },
    // Turned on: every photo's sidecar is written, as a job with progress (edits are written as they come from then on).
    'libraries.setSidecars': (request) => {
      const runner = jobs();
      const library = setWriteSidecars(db, request.libraryId, request.enabled);
      const jobId = request.enabled ? runner.start(writeSidecarsJob(request.libraryId, deps.getWorkers)) : null;
      changed(request.libraryId, request.enabled ? 'sidecars on' : 'sidecars off');
      return { library, jobId };
    },
    'roots.list': async (request) => {
      assertLibrary(db, request.libraryId);
      return request.probe ? probe(request.libraryId) : listRootsOf(db, request.libraryId);
    },
    'roots.add': (request) =>
      exclusive(request.libraryId, 'add a folder', () => {
        const root = addRoot(db, request.libraryId, request.path, now());
        changed(root.libraryId, 'root added');
        return root;
      }),
    'roots.remove': (request) => {
      const libraryId = db.prepare('SELECT library_id FROM roots WHERE id = ?').pluck().get(request.rootId) as number | undefined;
      if (libraryId === undefined) throw notFound(`No root with id ${request.rootId}`);
      return exclusive(libraryId, 'remove a folder', () => {
        const removed = removeRoot(db, request.rootId);
        changed(removed.libraryId, 'root removed');
        return { removed: true as const };
      });
    },
    'roots.locate': async (request) => {
      assertLibrary(db, request.libraryId);
      const runner = jobs();
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
      if (request.groups === undefined || request.offset !== 0) return searchPage(db, request) ?? listPhotos(db, request);
      return firstPageWithGroups(db, { ...request, by: request.groups });
    },
    'photos.dateGroups': (request) => {
      assertLibrary(db, request.libraryId);
      return searchFirstPage(db, { ...request, offset: 0, limit: 0 })?.groups ?? listDateGroups(db, request);
    },
    'photos.hashes': (request) => {
      assertLibrary(db, request.libraryId);
      return searchHashes(db, request) ?? listHashes(db, request);
    },
    // Like one rating, a single statement (in one transaction) on a field no job writes back.
    'photos.setRatings': (request) => {
      const result = setRatings(db, request.imageHashes, request.rating, now());
      changedAll(result.libraryIds, 'rating');
      return { count: result.count };
    },
    'folders.tree': (request) => folderTree(db, request.libraryId),
    'photos.get': (request) => getPhotoDetail(db, request.imageHash),
    // Reads the main file's EXIF in a file worker; a file that is not there gets what the database knows.
    'photos.info': (request) => getPhotoInfo(db, deps.getWorkers, request.imageHash),
    'photos.setRating': (request) => {
      const photo = setRating(db, request.imageHash, request.rating, now());
      changed(photo.libraryId, 'rating');
      return photo;
    },
    'photos.setCaption': (request) => {
      const photo = setCaption(db, request.imageHash, request.caption, now());
      changed(photo.libraryId, 'caption');
      return photo;
    },
    // A scan untrashes photos whose files it finds again, and relinks the very photos a delete
    // would pull from under it: trash and delete wait for no job, they are refused during one.
    'photos.trash': (request) =>
      exclusiveFor(request.imageHashes, 'move photos to the trash', () => {
        const result = trashPhotos(db, request.imageHashes, now());
        changedAll(result.libraryIds, 'trash');
        return { count: result.count };
      }),
    'photos.restore': (request) =>
      exclusiveFor(request.imageHashes, 'restore photos from the trash', () => {
        const result = restorePhotos(db, request.imageHashes);
        changedAll(result.libraryIds, 'restore');
        return { count: result.count };
      }),
    'photos.deleteForever': async (request) => {
      if (request.confirmed !== true) throw badRequest('Deleting photos for good needs confirmation');
      return exclusiveFor(request.imageHashes, 'delete photos for good', async () => {
        const backup = await backUpBeforeDeleteForever(db, dataDir, request.imageHashes, now());
        const result = await deletePhotosForever(db, dataDir, request.imageHashes, { ...(backup ? { backupName: backup.name } : {}), now: now() });
        changedAll(result.libraryIds, 'deleted forever');
        return { count: result.count, deletionId: result.jobId };
      });
    },
    // "Locate…" one photo: the picked file is read and hashed first (holding nothing), then relinked
    // in the library's turn, and only when its content is the photo's own; refused during a job.
    'photos.locate': async (request) => {
      jobs();
      const match = await checkPickedFile(db, request.imageHash, request.path);
      return exclusive(match.libraryId, 'locate a photo', () => {
        const photo = relinkPickedFile(db, match, now());
        changed(match.libraryId, 'photo located');
        return { photo, relinkedFile: match.path };
      });
    },
    'albums.list': (request) => listAlbums(db, request.libraryId),
    'albums.create': (request) => {
      const album = createAlbum(db, request.libraryId, request.title, now());
      changed(album.libraryId, 'album created');
      return album;
    },
    'albums.addPhotos': (request) => {
      const album = addPhotosToAlbum(db, request.albumId, request.imageHashes, now());
      changed(album.libraryId, 'album changed');
      return album;
    },
    'albums.removePhotos': (request) => {
      const album = removePhotosFromAlbum(db, request.albumId, request.imageHashes, now());
      changed(album.libraryId, 'album changed');
      return album;
    },
    'albums.rename': (request) => {
      const album = renameAlbum(db, request.albumId, request.title, now());
      changed(album.libraryId, 'album renamed');
      return album;
    },
    // The album goes, never its photos.
    'albums.delete': (request) => {
      if (request.confirmed !== true) throw badRequest('Deleting an album needs confirmation');
      const { album, photoCount } = deleteAlbum(db, request.albumId, now());
      changed(album.libraryId, 'album deleted');
      return { deleted: true as const, photoCount };
    },
    'missing.list': (request) => listMissing(db, request),
    'missing.folders': (request) => listMissingFolders(db, request.libraryId),
    'missing.groups': async (request) => {
      const answer = await listMissingGroups(db, request.libraryId, request.kind);
      const [first] = answer.groups;
      const firstPage =
        request.firstPage === undefined || first === undefined
          ? null
          : listMissing(db, { libraryId: request.libraryId, kind: request.kind, group: { folder: first.folder, withSubfolders: first.withSubfolders }, offset: 0, limit: request.firstPage }).items;
      return { ...answer, firstPage };
    },
    'missing.deletePreview': async (request) => {
      assertLibrary(db, request.libraryId);
      if (!mayStoreProbe(request.libraryId)) return previewDeleteMissing(db, request.libraryId, request.includeOffline, now(), { store: false });
      return jobs().exclusive(request.libraryId, 'count what Delete Missing would remove', () => previewDeleteMissing(db, request.libraryId, request.includeOffline, now()));
    },
    // Reads the stored open suggestions only: Scan Photos and Scan for Missing look for new ones.
    'matches.list': (request) => {
      assertLibrary(db, request.libraryId);
      return listMatches(db, request.libraryId);
    },
    'matches.resolve': (request) => {
      const libraryId = db.prepare('SELECT library_id FROM match_suggestions WHERE id = ?').pluck().get(request.matchId) as number | undefined;
      if (libraryId === undefined) throw notFound(`No suggested match with id ${request.matchId}`);
      return exclusive(libraryId, request.accept ? 'accept a match' : 'reject a match', async () => {
        const result = await resolveMatchCommand(db, dataDir, request, now());
        changed(result.libraryId, request.accept ? 'match accepted' : 'match rejected');
        return { resolved: true as const };
      });
    },
    'jobs.start': (request) => {
      assertLibrary(db, request.libraryId);
      const runner = jobs();
      switch (request.type) {
        case 'scan_photos':
          return { jobId: runner.start(scanPhotosJob(request.libraryId, deps.getWorkers)) };
        case 'scan_missing':
          return { jobId: runner.start(scanMissingJob(request.libraryId)) };
        case 'refresh_thumbnails':
          return { jobId: runner.start(refreshThumbnailsJob(request.libraryId, deps.getWorkers)) };
        case 'write_sidecars':
          return { jobId: runner.start(writeSidecarsJob(request.libraryId, deps.getWorkers)) };
        case 'read_sidecars':
          return { jobId: runner.start(readSidecarsJob(request.libraryId, null, false, deps.getWorkers)) };
        case 'delete_missing':
          if (request.confirmed !== true) throw badRequest('Delete Missing Photos needs confirmation');
          return { jobId: runner.start(deleteMissingJob(request.libraryId, request.includeOffline)) };
      }
    },
    'jobs.cancel': (request) => ({ cancelled: jobs().cancel(request.jobId) }),
    'jobs.list': (request) => {
      if (request.libraryId !== undefined) assertLibrary(db, request.libraryId);
      return listJobs(db, { libraryId: request.libraryId, limit: request.limit });
    },
    'problems.list': (request) => {
      assertLibrary(db, request.libraryId);
      return listScanProblems(db, request.libraryId, request.offset, request.limit);
    },
    'stats.get': (request) => getStats(db, request.libraryId),
    'settings.get': () => settingsView(db),
    'settings.set': async (request) => {
      const runner = jobs();
      const { ffmpegPath, ...others } = request;
      writeSettings(db, { ...others, ...(ffmpegPath === undefined ? {} : { ffmpegPath }) });
      const view = await settingsView(db);
      deps.onSettingsChanged?.();
      // An ffmpeg that works now: the videos that waited for one get their posters.
      if (ffmpegPath !== undefined && view.videoTools !== null) {
        for (const libraryId of librariesWithOldThumbnails(db, { videos: true })) runner.start(refreshThumbnailsJob(libraryId, deps.getWorkers));
      }
      return view;
    },
    'deletions.list': (request) => listUndoable(db, now(), request.libraryId),
    'deletions.undo': (request) => {
      const libraryId = db.prepare('SELECT library_id FROM deletions WHERE job_id = ?').pluck().get(request.jobId) as number | undefined;
      if (libraryId === undefined) throw notFound(`No deletion ${request.jobId} to undo (see keepsake deleted)`);
      // Refused while a scan runs: it may be making some of these very photos anew.
      return exclusive(libraryId, 'undo a deletion', async () => {
        const { libraryId: _library, ...result } = await undoDeletion(db, dataDir, request.jobId, now());
        changed(libraryId, 'deletion undone');
        return result;
      });
    },
  } satisfies CoreHandlers;

  /** exclusive() for the libraries of some photos (usually one; unknown photos: none is busy). */
  function exclusiveFor<T>(imageHashes: readonly string[], action: string, fn: () => T | Promise<T>): Promise<T> {
    const runner = jobs();
    const libraryIds = librariesOf(db, imageHashes);
    const busy = libraryIds.find((libraryId) => runner.isBusy(libraryId));
    const [first] = libraryIds;
    if (busy !== undefined || first !== undefined) return exclusive(busy ?? (first as number), action, fn);
    return Promise.resolve().then(fn); // photos nobody knows: nothing to hold (the edit finds none)
  }
  return handlers;
}
