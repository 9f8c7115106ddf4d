/**
 * The zod schema of each command's request, checked at the main process' door (and by the CLI).
 * Kept apart from contract.ts so that the renderer and the preload, which need only the types and
 * the names, never bundle zod.
 */
import { z } from 'zod';

const id = z.number().int().positive();
const hash = z.string().regex(/^[0-9a-f]{32}\d+$/, 'a photo or file hash');
const folderPath = z.string().min(1).max(4096);
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(500) };
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');
/**
 * What the Library grid shows, beside the library and the view: the photos matching a search (every
 * word in the file name, folder or caption), taken within a date range (both days included), in a
 * folder (with its subfolders) or an album, in one of the grid's orders.
 */
const photoFilter = {
  search: z.string().trim().max(500).optional(),
  capturedFrom: day.optional(),
  capturedTo: day.optional(),
  folder: folderPath.optional(),
  albumId: id.optional(),
  /** Default: 'captured' (newest taken first). */
  sort: z.enum(['captured', 'added', 'name']).optional(),
};

/** Request schemas, one object argument per command. */
export const requestSchemas = {
  'library.access': z.object({}).strict(),
  'libraries.list': z.object({}).strict(),
  'libraries.add': z.object({ name: z.string().trim().min(1).max(200), folders: z.array(folderPath).max(100), /** Default true: a new library keeps sidecars. */ writeSidecars: z.boolean().optional() }).strict(),
  'libraries.setSidecars': z.object({ libraryId: id, enabled: z.boolean() }).strict(),
  'libraries.remove': z.object({ libraryId: id, confirmed: z.literal(true) }).strict(),
  'roots.list': z.object({ libraryId: id, probe: z.boolean().default(false) }).strict(),
  'roots.add': z.object({ libraryId: id, path: folderPath }).strict(),
  'roots.remove': z.object({ rootId: id }).strict(),
  'roots.locate': z.object({ libraryId: id, from: folderPath, to: folderPath }).strict(),
  'dialog.pickFolder': z.object({ title: z.string().max(200).optional() }).strict(),
  /** `near`: the folder the dialog opens in (it may no longer exist: the dialog then opens where it can). */
  'dialog.pickFile': z.object({ title: z.string().max(200).optional(), near: folderPath.optional() }).strict(),
  'photos.list': z
    .object({
      libraryId: id,
      view: z.enum(['all', 'trash']).default('all'),
      /** Only photos with this availability (scripts: `keepsake photos --missing`). */
      availability: z.enum(['present', 'missing', 'offline']).optional(),
      ...photoFilter,
      /** With the first page (offset 0), the list's day or month groups too (as photos.dateGroups), from the same moment. */
      groups: z.enum(['day', 'month']).optional(),
      ...page,
    })
    .strict(),
  /** The grid's day or month groups, in its order (none for the Name order). */
  'photos.dateGroups': z
    .object({ libraryId: id, view: z.enum(['all', 'trash']).default('all'), availability: z.enum(['present', 'missing', 'offline']).optional(), ...photoFilter, by: z.enum(['day', 'month']).default('month') })
    .strict(),
  /** The photos at positions offset … offset + limit − 1 of the grid's list, as hashes only (a Shift-click range, Select all). */
  'photos.hashes': z
    .object({
      libraryId: id,
      view: z.enum(['all', 'trash']).default('all'),
      availability: z.enum(['present', 'missing', 'offline']).optional(),
      ...photoFilter,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(100_000).default(100_000),
    })
    .strict(),
  'photos.setRatings': z.object({ imageHashes: z.array(hash).min(1).max(100_000), rating: z.number().int().min(0).max(5) }).strict(),
  'folders.tree': z.object({ libraryId: id }).strict(),
  'photos.get': z.object({ imageHash: hash }).strict(),
  'photos.info': z.object({ imageHash: hash }).strict(),
  'photos.setRating': z.object({ imageHash: hash, rating: z.number().int().min(0).max(5) }).strict(),
  'photos.setCaption': z.object({ imageHash: hash, caption: z.string().max(10_000) }).strict(),
  'photos.trash': z.object({ imageHashes: z.array(hash).min(1).max(100_000) }).strict(),
  'photos.restore': z.object({ imageHashes: z.array(hash).min(1).max(100_000) }).strict(),
  'photos.deleteForever': z.object({ imageHashes: z.array(hash).min(1).max(100_000), confirmed: z.literal(true) }).strict(),
  'photos.showInFolder': z.object({ fileHash: hash }).strict(),
  'photos.openInDefaultApp': z.object({ fileHash: hash }).strict(),
  /** Relinks a missing photo to the file the user picked, once its content proves it is the photo's. */
  'photos.locate': z.object({ imageHash: hash, path: z.string().min(1).max(4096).refine((v) => !v.includes('\0'), 'no NUL') }).strict(),
  'app.showLogFile': z.object({}).strict(),
  'deletions.list': z.object({ libraryId: id.optional() }).strict(),
  'deletions.undo': z.object({ jobId: z.string().min(1).max(64) }).strict(),
  'albums.list': z.object({ libraryId: id }).strict(),
  'albums.create': z.object({ libraryId: id, title: z.string().trim().min(1).max(500) }).strict(),
  'albums.addPhotos': z.object({ albumId: id, imageHashes: z.array(hash).min(1).max(100_000) }).strict(),
  'albums.removePhotos': z.object({ albumId: id, imageHashes: z.array(hash).min(1).max(100_000) }).strict(),
  'albums.rename': z.object({ albumId: id, title: z.string().trim().min(1).max(500) }).strict(),
  /** Deletes the album, never its photos. */
  'albums.delete': z.object({ albumId: id, confirmed: z.literal(true) }).strict(),
  'missing.list': z
    .object({
      libraryId: id,
      rootId: id.optional(),
      /** Only photos whose last known path is inside this folder. */
      folder: folderPath.optional(),
      /** 'missing' (default) or the photos of roots that are not online. */
      kind: z.enum(['missing', 'offline']).default('missing'),
      /** Only the photos of one group of 'missing.groups' (as it gave it), in path order. */
      group: z.object({ folder: folderPath.nullable(), withSubfolders: z.boolean() }).strict().optional(),
      ...page,
    })
    .strict(),
  'missing.folders': z.object({ libraryId: id }).strict(),
  'missing.groups': z
    .object({
      libraryId: id,
      kind: z.enum(['missing', 'offline']).default('missing'),
      /** Also the first group's first photos, this many (what a view shows first, without a second round trip). */
      firstPage: z.number().int().min(1).max(500).optional(),
    })
    .strict(),
  'missing.deletePreview': z.object({ libraryId: id, includeOffline: z.boolean().default(false) }).strict(),
  'matches.list': z.object({ libraryId: id }).strict(),
  'matches.resolve': z.object({ matchId: id, accept: z.boolean() }).strict(),
  'jobs.start': z.discriminatedUnion('type', [
    z.object({ type: z.literal('scan_photos'), libraryId: id }).strict(),
    z.object({ type: z.literal('scan_missing'), libraryId: id }).strict(),
    z.object({ type: z.literal('refresh_thumbnails'), libraryId: id }).strict(),
    z.object({ type: z.literal('write_sidecars'), libraryId: id }).strict(),
    z.object({ type: z.literal('read_sidecars'), libraryId: id }).strict(),
    // Destructive: the renderer must say the user confirmed, and whether offline photos are included.
    z.object({ type: z.literal('delete_missing'), libraryId: id, confirmed: z.literal(true), includeOffline: z.boolean().default(false) }).strict(),
  ]),
  'jobs.cancel': z.object({ jobId: z.string().uuid() }).strict(),
  'jobs.list': z.object({ libraryId: id.optional(), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
  'problems.list': z.object({ libraryId: id, ...page }).strict(),
  'stats.get': z.object({ libraryId: id.optional() }).strict(),
  'settings.get': z.object({}).strict(),
  // A path to ffmpeg (or its folder); null or '' forgets it (ffmpeg is then looked for on the PATH).
  'settings.set': z
    .object({
      ffmpegPath: z.string().max(4096).refine((v) => !v.includes('\0'), 'no NUL').nullable().optional(),
      watchFolders: z.boolean().optional(),
      pollIntervalS: z.number().int().min(5).max(86_400).optional(),
      autoScan: z
        .object({
          onLaunch: z.boolean(),
          everyHours: z.number().int().min(0).max(24 * 30),
          onDriveMounted: z.boolean(),
          jobs: z.enum(['scan_photos', 'scan_missing']),
        })
        .strict()
        .optional(),
    })
    .strict(),
} as const;
