/**
 * The one contract between the renderer and the main process: every command (request → response)
 * and every event (main → renderer). Preload, main wiring and the renderer's client derive their
 * types from here; requests are validated with these schemas at the main process' door.
 * Imports neither side, and no runtime library: the request schemas live in request-schemas.ts.
 */
import type {
  Album,
  AppSettingsView,
  DateGroup,
  DeleteMissingCounts,
  DeletionRecord,
  FolderRoot,
  JobRecord,
  JobType,
  LibraryAccess,
  Library,
  LocateResult,
  MissingGroup,
  MissingPhoto,
  PhotoDetail,
  PhotoInfo,
  PhotoSummary,
  Root,
  ScanProblem,
  StatsReport,
  SuggestedMatch,
  UndoResult,
} from './domain.ts';
import type { MenuCommand } from './menu-commands.ts';
import type { z } from 'zod';
import type { requestSchemas } from './request-schemas.ts';

/** Every command, by name. */
export const COMMAND_NAMES = [
  'library.access',
  'libraries.list', 'libraries.add', 'libraries.remove', 'libraries.setSidecars',
  'roots.list', 'roots.add', 'roots.remove', 'roots.locate',
  'dialog.pickFolder', 'dialog.pickFile',
  'photos.list', 'photos.get', 'photos.info', 'photos.setRating', 'photos.setCaption',
  'photos.dateGroups', 'photos.hashes', 'photos.setRatings', 'folders.tree',
  'photos.trash', 'photos.restore', 'photos.deleteForever', 'photos.showInFolder', 'photos.openInDefaultApp',
  'photos.locate',
  'albums.list', 'albums.create', 'albums.addPhotos', 'albums.removePhotos', 'albums.rename', 'albums.delete',
  'missing.list', 'missing.folders', 'missing.groups', 'missing.deletePreview',
  'matches.list', 'matches.resolve',
  'jobs.start', 'jobs.cancel', 'jobs.list',
  'problems.list',
  'stats.get',
  'settings.get', 'settings.set',
  'deletions.list', 'deletions.undo',
  'app.showLogFile',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

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
  'library.access': LibraryAccess;
  'libraries.list': Library[];
  'libraries.add': Library;
  'libraries.remove': { removed: true };
  /** `jobId`: the Write Sidecars job that turning the setting on starts (null when turned off). */
  'libraries.setSidecars': { library: Library; jobId: string | null };
  'roots.list': Root[];
  'roots.add': Root;
  'roots.remove': { removed: true };
  'roots.locate': LocateResult;
  'dialog.pickFolder': { path: string | null };
  /** A file the user picked (null: cancelled). */
  'dialog.pickFile': { path: string | null };
  /** `groups`: asked for with the first page (`groups` in the request, offset 0). */
  'photos.list': Page<PhotoSummary> & { readonly groups?: DateGroup[] };
  'photos.dateGroups': DateGroup[];
  'photos.hashes': string[];
  /** How many photos' rating changed (unknown hashes, and photos that had it already, are skipped). */
  'photos.setRatings': { count: number };
  /** The library's roots, each with its folders as a tree. */
  'folders.tree': FolderRoot[];
  'photos.get': PhotoDetail;
  /** The Info panel: what the database knows, and the main file's EXIF read now (in a file worker) when it is there. */
  'photos.info': PhotoInfo;
  'photos.setRating': PhotoSummary;
  'photos.setCaption': PhotoSummary;
  'photos.trash': { count: number };
  'photos.restore': { count: number };
  /** `deletionId`: what `deletions.undo` takes to undo it (null when nothing was deleted). */
  'photos.deleteForever': { count: number; deletionId: string | null };
  'photos.showInFolder': { shown: boolean };
  'photos.openInDefaultApp': { opened: boolean };
  /** The photo, relinked to the file the user picked (checked by content first). */
  'photos.locate': { photo: PhotoSummary; relinkedFile: string };
  'albums.list': Album[];
  'albums.create': Album;
  'albums.addPhotos': Album;
  'albums.removePhotos': Album;
  'albums.rename': Album;
  /** `photoCount`: the photos that were in it (they stay in the library). */
  'albums.delete': { deleted: true; photoCount: number };
  'missing.list': Page<MissingPhoto>;
  'missing.folders': { folder: string; count: number }[];
  /** The Missing (or Offline) view's groups, by folder; `total` is their photos together. */
  'missing.groups': { total: number; groups: MissingGroup[]; firstPage: readonly MissingPhoto[] | null };
  'missing.deletePreview': DeleteMissingCounts;
  'matches.list': SuggestedMatch[];
  'matches.resolve': { resolved: true };
  'jobs.start': { jobId: string };
  'jobs.cancel': { cancelled: boolean };
  'jobs.list': JobRecord[];
  /** What the scans could not import (or decode), and the sidecars that could not be written, by path, each with its reason; `sidecars`: how many of `total` are sidecars. */
  'problems.list': Page<ScanProblem> & { readonly sidecars: number };
  'stats.get': StatsReport;
  'settings.get': AppSettingsView;
  'settings.set': AppSettingsView;
  'deletions.list': DeletionRecord[];
  'deletions.undo': UndoResult;
  'app.showLogFile': { shown: boolean };
}
export type CommandResponse<C extends CommandName> = CommandResponses[C];

// Compile-time check that every named command has a schema and a response type, and nothing more.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
const _everyCommandAnswered: SameKeys<Record<CommandName, true>, CommandResponses> = true;
const _everyCommandValidated: SameKeys<Record<CommandName, true>, typeof requestSchemas> = true;
void _everyCommandAnswered;
void _everyCommandValidated;

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
  /** This process became (or stopped being) the library's writer. */
  'access.changed': LibraryAccess;
  /** An application menu item was chosen (sent by the Electron adapter, not the core; see menu-commands.ts). */
  'menu.command': { command: MenuCommand };
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['job.progress', 'job.finished', 'library.changed', 'access.changed', 'menu.command'];

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
/** URL of a photo's full-size preview, for formats Chromium cannot show (see browser-formats.ts), by photo id only. */
export const previewUrl = (imageHash: string): string => `/media/preview/${imageHash}`;
