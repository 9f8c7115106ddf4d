/**
 * The core's front door: opens a library folder (database + thumbnails) and answers every command
 * of the contract that does not need a window. The Electron adapter, the `keepsake` CLI and the
 * tests all drive this same object; nothing here imports Electron.
 *
 * SKELETON — signatures are fixed (other parts are built against them); bodies are being written.
 */
import type { CommandHandlers, EventName, EventPayloads } from '../../src-shared/contract.ts';
import type { JobRecord } from '../../src-shared/domain.ts';
import type { Db } from './db/open-database.ts';

/** Commands that need the desktop shell (a dialog, the file manager) and so are not the core's. */
export type ShellCommand = 'dialog.pickFolder' | 'photos.showInFolder';
export type CoreHandlers = Omit<CommandHandlers, ShellCommand>;

export interface KeepsakeOptions {
  /** Folder of the database (`keepsake.db`) and the thumbnails (`thumbnails/`). */
  readonly dataDir: string;
  /** Hashing worker threads (default: one per core). */
  readonly workers?: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

/** Where a media request's bytes live on disk, for the custom scheme. */
export interface MediaSource {
  readonly path: string;
  readonly mime: string;
  readonly size: number;
}

export interface Keepsake {
  readonly dataDir: string;
  readonly db: Db;
  /** One handler per core command, taking an already validated request. */
  readonly handlers: CoreHandlers;
  /** Subscribes to core events (job progress, job finished, library changed); returns an unsubscribe. */
  on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void;
  /** Resolves when a job ends (succeeded, failed, cancelled), with its record. */
  waitForJob(jobId: string): Promise<JobRecord>;
  /** The thumbnail of a photo, or null when the photo or thumbnail is unknown. */
  thumbnailSource(imageHash: string): MediaSource | null;
  /** A file the database knows, or null for an unknown hash. Never takes a path. */
  fileSource(fileHash: string): MediaSource | null;
  /** A file was found gone while serving or thumbnailing it: flag it missing at once. */
  reportFileGone(fileHash: string): void;
  /** Waits for the running write to finish, cancels queued jobs, stops workers, closes the database. */
  close(): Promise<void>;
}

export declare function openKeepsake(options: KeepsakeOptions): Keepsake;
