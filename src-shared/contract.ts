/**
 * The one contract between the renderer and the main process: every command (request → response)
 * and every event (main → renderer). Preload, main wiring and the renderer's client derive their
 * types from here; requests are validated with these schemas at the main process' door.
 * Imports neither side.
 */
import { z } from 'zod';
import type {
  Album,
  DeleteMissingCounts,
  JobRecord,
  JobType,
  Library,
  LocateResult,
  MissingPhoto,
  PhotoDetail,
  PhotoSummary,
  Root,
  StatsReport,
  SuggestedMatch,
} from './domain.ts';

const id = z.number().int().positive();
const hash = z.string().regex(/^[0-9a-f]{32}\d+$/, 'a photo or file hash');
const folderPath = z.string().min(1).max(4096);
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(500) };
const jobType = z.enum(['scan_photos', 'scan_missing', 'delete_missing', 'locate_folder']) satisfies z.ZodType<JobType>;

/** Request schemas, one object argument per command. */
export const requestSchemas = {
  'libraries.list': z.object({}).strict(),
  'libraries.add': z.object({ name: z.string().trim().min(1).max(200), folders: z.array(folderPath).max(100) }).strict(),
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
    // Destructive: the renderer must say the user confirmed, and whether offline photos are included.
    z.object({ type: z.literal('delete_missing'), libraryId: id, confirmed: z.literal(true), includeOffline: z.boolean().default(false) }).strict(),
  ]),
  'jobs.cancel': z.object({ jobId: z.string().uuid() }).strict(),
  'jobs.list': z.object({ libraryId: id.optional(), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
  'stats.get': z.object({ libraryId: id.optional() }).strict(),
} as const;

export type CommandName = keyof typeof requestSchemas;
export const COMMAND_NAMES = Object.keys(requestSchemas) as CommandName[];

/** What the caller sends (defaults may be left out). */
export type CommandRequest<C extends CommandName> = z.input<(typeof requestSchemas)[C]>;
/** What a handler receives after validation (defaults filled in). */
export type ValidRequest<C extends CommandName> = z.output<(typeof requestSchemas)[C]>;

export interface Page<T> {
  readonly total: number;
  readonly offset: number;
  readonly items: readonly T[];
}

/** Response type of each command. */
export interface CommandResponses {
  'libraries.list': Library[];
  'libraries.add': Library;
  'libraries.remove': { removed: true };
  'roots.list': Root[];
  'roots.add': Root;
  'roots.remove': { removed: true };
  'roots.locate': LocateResult;
  'dialog.pickFolder': { path: string | null };
  'photos.list': Page<PhotoSummary>;
  'photos.get': PhotoDetail;
  'photos.setRating': PhotoSummary;
  'photos.setCaption': PhotoSummary;
  'photos.trash': { count: number };
  'photos.restore': { count: number };
  'photos.deleteForever': { count: number };
  'photos.showInFolder': { shown: boolean };
  'albums.list': Album[];
  'albums.create': Album;
  'albums.addPhotos': Album;
  'albums.removePhotos': Album;
  'missing.list': Page<MissingPhoto>;
  'missing.folders': { folder: string; count: number }[];
  'missing.deletePreview': DeleteMissingCounts;
  'matches.list': SuggestedMatch[];
  'matches.resolve': { resolved: true };
  'jobs.start': { jobId: string };
  'jobs.cancel': { cancelled: boolean };
  'jobs.list': JobRecord[];
  'stats.get': StatsReport;
}
export type CommandResponse<C extends CommandName> = CommandResponses[C];

// Compile-time check that every command has a response type and vice versa.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
const _everyCommandAnswered: SameKeys<typeof requestSchemas, CommandResponses> = true;
void _everyCommandAnswered;

/** Machine-readable error codes, so the renderer can show a real message. */
export type ErrorCode = 'bad_request' | 'not_found' | 'conflict' | 'unavailable' | 'cancelled' | 'internal';

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** How every answer crosses the boundary. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

/** A handler per command, given an already validated request. */
export type CommandHandlers = { [C in CommandName]: (request: ValidRequest<C>) => Promise<CommandResponse<C>> | CommandResponse<C> };

/** Events pushed from main to renderer. */
export interface EventPayloads {
  'job.progress': {
    jobId: string;
    type: JobType;
    libraryId: number;
    phase: string;
    current: number;
    total: number;
  };
  'job.finished': JobRecord;
  'library.changed': { libraryId: number; reason: string };
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['job.progress', 'job.finished', 'library.changed'];

/** The IPC channel a command travels on. */
export const commandChannel = (command: CommandName): string => `keepsake:cmd:${command}`;
/** The IPC channel an event travels on. */
export const eventChannel = (event: EventName): string => `keepsake:evt:${event}`;

/** The preload's whole API, exposed as `window.keepsake`. */
export interface KeepsakeBridge {
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResponse<C>>>;
  on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void;
}

/**
 * The app's custom scheme. In Electron the renderer is served from `keepsake://app/` and media from
 * the same origin under `/media/`, so media URLs are plain relative paths: the e2e harness serves
 * the very same paths (through `page.route`, by the same handler) from its own origin.
 */
export const APP_SCHEME = 'keepsake';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
/** URL of a photo's thumbnail (by photo id only: no path from the renderer reaches the disk). */
export const thumbnailUrl = (imageHash: string): string => `/media/thumbnail/${imageHash}`;
/** URL of a file's original bytes (byte ranges supported, for video), by file id only. */
export const fileUrl = (fileHash: string): string => `/media/file/${fileHash}`;
