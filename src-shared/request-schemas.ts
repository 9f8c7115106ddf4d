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
  'photos.list': z
    .object({
      libraryId: id,
      view: z.enum(['all', 'trash']).default('all'),
      /** Only photos with this availability (scripts: `keepsake photos --missing`). */
      availability: z.enum(['present', 'missing', 'offline']).optional(),
      ...page,
    })
    .strict(),
  'photos.get': z.object({ imageHash: hash }).strict(),
  'photos.setRating': z.object({ imageHash: hash, rating: z.number().int().min(0).max(5) }).strict(),
  'photos.setCaption': z.object({ imageHash: hash, caption: z.string().max(10_000) }).strict(),
  'photos.trash': z.object({ imageHashes: z.array(hash).min(1).max(100_000) }).strict(),
  'photos.restore': z.object({ imageHashes: z.array(hash).min(1).max(100_000) }).strict(),
  'photos.deleteForever': z.object({ imageHashes: z.array(hash).min(1).max(100_000), confirmed: z.literal(true) }).strict(),
  'photos.showInFolder': z.object({ fileHash: hash }).strict(),
  'photos.openInDefaultApp': z.object({ fileHash: hash }).strict(),
  'app.showLogFile': z.object({}).strict(),
  'deletions.list': z.object({ libraryId: id.optional() }).strict(),
  'deletions.undo': z.object({ jobId: z.string().min(1).max(64) }).strict(),
  'albums.list': z.object({ libraryId: id }).strict(),
  'albums.create': z.object({ libraryId: id, title: z.string().trim().min(1).max(500) }).strict(),
  'albums.addPhotos': z.object({ albumId: id, imageHashes: z.array(hash).min(1).max(100_000) }).strict(),
  'albums.removePhotos': z.object({ albumId: id, imageHashes: z.array(hash).min(1).max(100_000) }).strict(),
  'missing.list': z
    .object({
      libraryId: id,
      rootId: id.optional(),
      /** Only photos whose last known path is inside this folder. */
      folder: folderPath.optional(),
      /** 'missing' (default) or the photos of roots that are not online. */
      kind: z.enum(['missing', 'offline']).default('missing'),
      ...page,
    })
    .strict(),
  'missing.folders': z.object({ libraryId: id }).strict(),
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
  'settings.set': z.object({ ffmpegPath: z.string().max(4096).refine((v) => !v.includes('\0'), 'no NUL').nullable() }).strict(),
} as const;
