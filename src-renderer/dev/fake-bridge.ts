/**
 * DEVELOPMENT ONLY: an in-memory fake of `window.keepsake`, installed by main.tsx only under Vite's dev
 * server (`import.meta.env.DEV`; never in build/renderer), when there is no real bridge AND the URL has
 * `?fake` (e.g. `?fake`, `?fake=100000`, `?fake&empty`). It lets the UI be looked at (screenshots,
 * light/dark) without a backend. Never used inside the app or the e2e harness.
 */
import type { CommandName, CommandRequest, CommandResponse, EventName, EventPayloads, KeepsakeBridge, Result } from '../../src-shared/contract.ts';
import type { Album, AppSettingsView, JobRecord, Library, MissingPhoto, PhotoDetail, PhotoFile, PhotoSummary, Root, Stats, StatsReport } from '../../src-shared/domain.ts';
import { SIDECAR_PROBLEM } from '../../src-shared/domain.ts';

interface FakeOptions {
  readonly count?: number | undefined;
  readonly empty?: boolean;
}

type Handler = (request: never) => unknown;

const hex = (n: number): string => n.toString(16).padStart(32, '0');

/** Installs the fake bridge on window. */
const fakeSettings: AppSettingsView = {
  ffmpegPath: null,
  videoTools: { ffmpeg: '/usr/bin/ffmpeg', version: '6.1.1' },
  videoToolsProblem: null,
  watchFolders: true,
  pollIntervalS: 60,
  autoScan: { onLaunch: false, everyHours: 0, onDriveMounted: false, jobs: 'scan_photos' },
};

export function installFakeBridge(options: FakeOptions = {}): void {
  const count = options.empty ? 0 : (options.count ?? 60);
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => listeners.get(event)?.forEach((cb) => cb(payload));
  const now = new Date('2025-06-01T10:00:00Z').toISOString();

  const roots: Root[] = options.empty
    ? []
    : [
        { id: 1, libraryId: 1, path: '/home/ana/Pictures', state: 'online', stateCheckedAt: now, markerId: 'm1', volumeUuid: 'uuid-1', volumeLabel: 'Home', mountPoint: '/', watch: 'watching' },
        { id: 2, libraryId: 1, path: '/media/ana/PHOTOS-USB/2019', state: 'offline', stateCheckedAt: now, markerId: 'm2', volumeUuid: 'uuid-2', volumeLabel: 'PHOTOS-USB', mountPoint: '/media/ana/PHOTOS-USB', watch: 'not-watched' },
      ];
  const libraries: Library[] = options.empty ? [] : [{ id: 1, name: 'Family Photos', createdAt: now, roots, writeSidecars: true }];
  const albums: Album[] = [{ id: 1, libraryId: 1, kind: 'user', title: 'Holidays 2024', parent: null, photoCount: 1 }];
  const albumMembers = new Map<number, Set<string>>([[1, new Set([hex(1) + '1'])]]);

  // Photo i: every 7th missing, every 11th offline, #3 and #14 are videos (#14 missing).
  const photos: PhotoDetail[] = [];
  for (let i = 0; i < count; i++) {
    const imageHash = hex(i) + '1';
    const availability = i % 11 === 5 ? 'offline' : i % 7 === 0 ? 'missing' : 'present';
    const video = i === 3 || i === 14;
    const root = availability === 'offline' ? roots[1] : roots[0];
    const name = `IMG_${String(i + 1).padStart(4, '0')}.${video ? 'mp4' : 'jpg'}`;
    const folder = `${root?.path ?? '/photos'}/${2020 + (i % 4)}`;
    const fileHash = (availability === 'present' ? 'a' : '0') + hex(i).slice(1) + '1';
    const file: PhotoFile = {
      hash: fileHash, path: `${folder}/${name}`, type: video ? 'VIDEO' : 'IMAGE', missing: availability === 'missing', unreadable: false,
      size: 1_000_000 + i * 1234, mtimeMs: 0, missingSince: availability === 'missing' ? now : null, error: null, isMain: true,
    };
    photos.push({
      imageHash, libraryId: 1, mainFileHash: fileHash, mainPath: file.path, mainType: file.type, availability,
      labels: availability === 'missing' ? ['Missing'] : availability === 'offline' ? ['Offline'] : [], inTrash: i === 9 || i === 21,
      rating: i % 6, caption: i === 0 ? 'Grandma’s birthday' : '', capturedAt: now, addedAt: now, hasThumbnail: i % 13 !== 4,
      thumbnailWidth: i % 13 !== 4 ? 512 : null, thumbnailHeight: i % 13 !== 4 ? 384 : null,
      thumbnailProblem: i % 13 !== 4 ? null : 'cannot decode: not a known image format', durationS: video ? 12.5 : null,
      driveName: availability === 'offline' ? 'PHOTOS-USB' : null, files: [file], faces: [], albums: [],
    });
  }
  const byHash = new Map(photos.map((p) => [p.imageHash, p]));
  const withAlbums = (p: PhotoDetail): PhotoDetail => ({
    ...p,
    albums: albums.filter((a) => albumMembers.get(a.id)?.has(p.imageHash)),
  });
  const update = (hash: string, patch: Partial<PhotoDetail>) => {
    const p = byHash.get(hash);
    if (!p) throw Object.assign(new Error(`No photo ${hash}`), { code: 'not_found' });
    const next = { ...p, ...patch };
    byHash.set(hash, next);
    photos[photos.indexOf(p)] = next;
    return next;
  };
  const asMissing = (p: PhotoDetail): MissingPhoto => ({
    ...p, lastKnownPath: p.mainPath, rootId: p.availability === 'offline' ? 2 : 1,
    rootPath: p.availability === 'offline' ? (roots[1]?.path ?? null) : (roots[0]?.path ?? null), missingSince: p.files[0]?.missingSince ?? null,
  });
  const statsOf = (): Stats => {
    const live = photos.filter((p) => !p.inTrash);
    const images = live.filter((p) => p.mainType === 'IMAGE').length;
    const videos = live.length - images;
    return {
      num_photos: live.length, num_missing_photos: live.filter((p) => p.availability === 'missing').length,
      num_offline_photos: live.filter((p) => p.availability === 'offline').length, num_trashed_photos: photos.length - live.length,
      files_by_type: { IMAGE: images, VIDEO: videos, METADATA_FILE: 0, RAW_FILE: 0, UNKNOWN: 0 },
      bytes_by_type: { IMAGE: images * 2_400_000, VIDEO: videos * 48_000_000, METADATA_FILE: 0, RAW_FILE: 0, UNKNOWN: 0 },
      total_bytes: images * 2_400_000 + videos * 48_000_000, last_scan_at: count ? now : null,
    };
  };
  const jobs: JobRecord[] = [];
  const runJob = (type: JobRecord['type'], libraryId: number, work: () => JobRecord['result']): { jobId: string } => {
    const id = crypto.randomUUID();
    const total = 40;
    let current = 0;
    const tick = setInterval(() => {
      current += 4;
      emit('job.progress', { jobId: id, type, libraryId, phase: 'checking files', current, total });
      if (current >= total) {
        clearInterval(tick);
        const record: JobRecord = {
          id, type, typeCode: 1, libraryId, status: 'succeeded', phase: 'done', current, total, startedAt: now,
          finishedAt: new Date().toISOString(), error: null, result: work(),
        };
        jobs.unshift(record);
        emit('job.finished', record);
      }
    }, 150);
    return { jobId: id };
  };
  const missingNow = () => photos.filter((p) => p.availability === 'missing' && !p.inTrash);
  const page = <T,>(items: T[], offset = 0, limit = 500) => ({ total: items.length, offset, items: items.slice(offset, offset + limit) });

  const handlers: { [C in CommandName]: (r: CommandRequest<C>) => CommandResponse<C> } = {
    'library.access': () => ({ writable: true, heldBy: null }),
    'libraries.list': () => libraries.map((l) => ({ ...l, roots: roots.filter((r) => r.libraryId === l.id) })),
    'libraries.add': (r) => {
      const lib: Library = { id: libraries.length + 1, name: r.name, createdAt: now, roots: [], writeSidecars: r.writeSidecars ?? true };
      libraries.push(lib);
      r.folders.forEach((path, i) => roots.push({ ...(roots[0] ?? ({} as Root)), id: 100 + roots.length + i, libraryId: lib.id, path, state: 'online', volumeLabel: null, mountPoint: null, stateCheckedAt: now, markerId: null, volumeUuid: null, watch: 'watching' }));
      return lib;
    },
    'libraries.remove': () => ({ removed: true }),
    'libraries.setSidecars': (r) => {
      const index = libraries.findIndex((l) => l.id === r.libraryId);
      const lib: Library = { ...(libraries[index] as Library), writeSidecars: r.enabled };
      libraries[index] = lib;
      return { library: lib, jobId: null };
    },
    'roots.list': (r) => roots.filter((x) => x.libraryId === r.libraryId),
    'roots.add': (r) => {
      const root: Root = { id: 200 + roots.length, libraryId: r.libraryId, path: r.path, state: 'online', stateCheckedAt: now, markerId: null, volumeUuid: null, volumeLabel: null, mountPoint: null, watch: 'watching' };
      roots.push(root);
      return root;
    },
    'roots.remove': (r) => {
      const i = roots.findIndex((x) => x.id === r.rootId);
      if (i >= 0) roots.splice(i, 1);
      return { removed: true };
    },
    'roots.locate': () => ({ relinked: 3, hashed: 0, not_found: 1, mismatched: 0 }),
    'dialog.pickFolder': () => ({ path: '/home/ana/Pictures/New folder' }),
    'dialog.pickFile': () => ({ path: null }),
    'photos.list': (r) => page(photos.filter((p) => (r.view === 'trash' ? p.inTrash : !p.inTrash)), r.offset, r.limit),
    'photos.get': (r) => {
      const p = byHash.get(r.imageHash);
      if (!p) throw Object.assign(new Error(`No photo ${r.imageHash}`), { code: 'not_found' });
      return withAlbums(p);
    },
    'photos.info': (r) => {
      const p = byHash.get(r.imageHash);
      if (!p) throw Object.assign(new Error(`No photo ${r.imageHash}`), { code: 'not_found' });
      return { imageHash: p.imageHash, path: p.mainPath, type: p.mainType, fileSize: 2_400_000, width: 4000, height: 3000, capturedAt: p.capturedAt, durationS: p.durationS, colorLabel: null, camera: null, unread: 'the fake bridge reads no files' };
    },
    'photos.setRating': (r) => update(r.imageHash, { rating: r.rating }),
    'photos.setCaption': (r) => update(r.imageHash, { caption: r.caption }),
    'photos.trash': (r) => (r.imageHashes.forEach((h) => update(h, { inTrash: true })), { count: r.imageHashes.length }),
    'photos.restore': (r) => (r.imageHashes.forEach((h) => update(h, { inTrash: false })), { count: r.imageHashes.length }),
    'photos.deleteForever': (r) => {
      for (const h of r.imageHashes) {
        const p = byHash.get(h);
        if (p) photos.splice(photos.indexOf(p), 1);
        byHash.delete(h);
      }
      return { count: r.imageHashes.length, deletionId: null };
    },
    'photos.showInFolder': () => ({ shown: true }),
    'app.showLogFile': () => ({ shown: true }),
    'deletions.list': () => [],
    'deletions.undo': (r) => ({ job_id: r.jobId, restored: 0, merged: 0, album_links: 0, faces: 0, thumbnails: 0 }),
    'photos.openInDefaultApp': () => ({ opened: true }),
    'photos.locate': () => {
      throw new Error('This file is not the photo: its content is different');
    },
    'albums.list': () => albums.map((a) => ({ ...a, photoCount: albumMembers.get(a.id)?.size ?? 0 })),
    'albums.create': (r) => {
      const album: Album = { id: albums.length + 1, libraryId: r.libraryId, kind: 'user', title: r.title, parent: null, photoCount: 0 };
      albums.push(album);
      albumMembers.set(album.id, new Set());
      return album;
    },
    'albums.addPhotos': (r) => (r.imageHashes.forEach((h) => albumMembers.get(r.albumId)?.add(h)), albums.find((a) => a.id === r.albumId) as Album),
    'albums.removePhotos': (r) => (r.imageHashes.forEach((h) => albumMembers.get(r.albumId)?.delete(h)), albums.find((a) => a.id === r.albumId) as Album),
    'albums.rename': (r) => {
      const i = albums.findIndex((a) => a.id === r.albumId);
      albums[i] = { ...(albums[i] as Album), title: r.title };
      return albums[i] as Album;
    },
    'albums.delete': (r) => {
      const i = albums.findIndex((a) => a.id === r.albumId);
      if (i >= 0) albums.splice(i, 1);
      const photoCount = albumMembers.get(r.albumId)?.size ?? 0;
      albumMembers.delete(r.albumId);
      return { deleted: true, photoCount };
    },
    // The browse commands, roughly: no search, sort or groups here (the real core has them).
    'photos.dateGroups': () => [],
    'photos.hashes': (r) => photos.filter((p) => !p.inTrash).slice(r.offset ?? 0, (r.offset ?? 0) + (r.limit ?? 100_000)).map((p) => p.imageHash),
    'photos.setRatings': (r) => (r.imageHashes.forEach((h) => update(h, { rating: r.rating })), { count: r.imageHashes.length }),
    'folders.tree': (r) =>
      roots
        .filter((x) => x.libraryId === r.libraryId)
        .map((root) => {
          const count = photos.filter((p) => !p.inTrash && (p.mainPath ?? '').startsWith(root.path + '/')).length;
          const missing = photos.filter((p) => !p.inTrash && p.availability === 'missing' && (p.mainPath ?? '').startsWith(root.path + '/')).length;
          return { path: root.path, name: root.path, photoCount: count, missingCount: missing, folders: [], rootId: root.id, state: root.state, driveName: root.state === 'online' ? null : (root.volumeLabel ?? root.path) };
        }),
    'missing.list': (r) => {
      const kind = r.kind ?? 'missing';
      const inGroup = (p: PhotoSummary) => {
        const path = p.mainPath ?? '';
        if (!r.group) return true;
        if (r.group.folder === null) return p.mainPath === null;
        return r.group.withSubfolders ? path.startsWith(r.group.folder + '/') : path.replace(/\/[^/]*$/, '') === r.group.folder;
      };
      const items = photos.filter((p) => p.availability === kind && !p.inTrash && (!r.folder || (p.mainPath ?? '').startsWith(r.folder + '/')) && inGroup(p));
      return page(items.map(asMissing), r.offset, r.limit);
    },
    'missing.groups': (r) => {
      const kind = r.kind ?? 'missing';
      const counts = new Map<string, number>();
      for (const p of photos.filter((x) => x.availability === kind && !x.inTrash)) {
        const folder = (p.mainPath ?? '').replace(/\/[^/]*$/, '');
        counts.set(folder, (counts.get(folder) ?? 0) + 1);
      }
      const groups = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([folder, count]) => ({
        folder, withSubfolders: false, count, reason: kind === 'offline' ? ('offline' as const) : ('folder_gone' as const),
        rootId: 1, rootPath: '/home/ana/Pictures', driveName: null, since: new Date().toISOString(),
      }));
      return { total: groups.reduce((n, g) => n + g.count, 0), groups, firstPage: null };
    },
    'missing.folders': () => {
      const counts = new Map<string, number>();
      for (const p of missingNow()) {
        const folder = (p.mainPath ?? '').replace(/\/[^/]*$/, '');
        counts.set(folder, (counts.get(folder) ?? 0) + 1);
      }
      return [...counts].map(([folder, c]) => ({ folder, count: c }));
    },
    'missing.deletePreview': (r) => {
      const offline = photos.filter((p) => p.availability === 'offline' && !p.inTrash).length;
      const n = missingNow().length + (r.includeOffline ? offline : 0);
      return { photos: n, faces: Math.floor(n / 3), album_links: 1, files: n, thumbnails: n, offline_photos: offline };
    },
    'matches.list': () =>
      count > 20 && photos[7] && photos[8]
        ? [{ id: 1, libraryId: 1, missing: asMissing(photos[7]), candidate: photos[8], reason: 'Same name and capture time, different content (edited?)' }]
        : [],
    'matches.resolve': () => ({ resolved: true }),
    'jobs.start': (r) =>
      runJob(r.type, r.libraryId, () => {
        if (r.type === 'delete_missing') {
          const gone = photos.filter((p) => p.availability === 'missing' || (r.includeOffline && p.availability === 'offline'));
          gone.forEach((p) => (photos.splice(photos.indexOf(p), 1), byHash.delete(p.imageHash)));
          const removed = { photos: gone.length, faces: 0, album_links: 0, files: gone.length, thumbnails: gone.length, offline_photos: 0 };
          return { status: true, job_id: 'x', removed };
        }
        if (r.type === 'scan_missing') return { checked: photos.length, missing: missingNow().length, newly_missing: 0, restored: 0, unreadable: 0, skipped_roots: 1 };
        return { added: 0, relinked: 0, unchanged: photos.length, hashed: 0, missing: missingNow().length, errors: 2, restored_from_trash: 0, skipped_roots: 1, problems: 2 };
      }),
    'jobs.cancel': () => ({ cancelled: true }),
    'jobs.list': () => jobs,
    'problems.list': (r) => ({
      ...page(
        [
          { path: '/home/ana/Pictures/2019/broken.jpg', reason: 'cannot decode: VipsJpeg: premature end of JPEG image', seenAt: null },
          { path: '/home/ana/Pictures/2019/caf\\xe9.jpg', reason: 'name is not valid UTF-8', seenAt: now },
          { path: '/home/ana/Pictures/2019/locked/IMG_0001.jpg.xmp', reason: `${SIDECAR_PROBLEM}the folder is read-only`, seenAt: now },
        ],
        r.offset,
        r.limit,
      ),
      sidecars: 1,
    }),
    'settings.get': () => fakeSettings,
    'settings.set': (r) => Object.assign(fakeSettings, r),
    'stats.get': (): StatsReport => {
      const s = statsOf();
      return { libraries: libraries.map((l) => ({ ...(l.id === 1 ? s : { ...s, num_photos: 0, num_missing_photos: 0, num_offline_photos: 0, num_trashed_photos: 0 }), library_id: l.id, library_name: l.name })), all: s };
    },
  };

  const bridge: KeepsakeBridge = {
    invoke: async <C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResponse<C>>> => {
      await new Promise((r) => setTimeout(r, 30));
      try {
        const handler = handlers[command] as Handler;
        return { ok: true, value: handler(request as never) as CommandResponse<C> };
      } catch (error) {
        const e = error as Error & { code?: 'not_found' };
        return { ok: false, error: { code: e.code ?? 'internal', message: e.message } };
      }
    },
    on: (event, callback) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(callback as (p: unknown) => void);
      return () => set.delete(callback as (p: unknown) => void);
    },
  };
  window.keepsake = bridge;
  // test/app-build-contents.test.ts looks for this sentence in build/renderer (a fake bridge inlined into a chunk).
  console.info('Keepsake: in-memory fake bridge installed (development only)');
}
