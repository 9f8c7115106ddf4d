/**
 * Plain, read-only domain models shared by the core, the Electron adapter, the CLI and the renderer.
 * Field names that mirror LibrePhotos' API (num_photos, num_missing_photos, job_id, …) are kept
 * snake_case on purpose: scripts and people already rely on them.
 */

/** What a file is, as LibrePhotos classifies it. */
export type FileType = 'IMAGE' | 'VIDEO' | 'METADATA_FILE' | 'RAW_FILE' | 'UNKNOWN';
export const FILE_TYPES: readonly FileType[] = ['IMAGE', 'VIDEO', 'METADATA_FILE', 'RAW_FILE', 'UNKNOWN'];

/**
 * A root's state, probed before any job touches it. Only an `online` root's files can become
 * missing: a drive that is not mounted is offline, never missing.
 */
export type RootState = 'online' | 'offline' | 'unreachable' | 'unreadable';

/** A library: the owner scope. Every query names one library. */
export interface Library {
  readonly id: number;
  readonly name: string;
  readonly createdAt: string;
  readonly roots: readonly Root[];
  /**
   * Ratings, captions, albums and faces are kept in `.xmp` sidecars beside the photos (written as
   * they change, read back by a new library over the same folders). On by default for new libraries.
   */
  readonly writeSidecars: boolean;
}

/** A folder a library scans, with the volume it lives on. */
export interface Root {
  readonly id: number;
  readonly libraryId: number;
  readonly path: string;
  readonly state: RootState;
  /** When the state was last probed (ISO time), null before the first probe. */
  readonly stateCheckedAt: string | null;
  /** The id written in the root's marker file, when the root was writable. */
  readonly markerId: string | null;
  readonly volumeUuid: string | null;
  readonly volumeLabel: string | null;
  readonly mountPoint: string | null;
  /** How the app keeps it up to date while it runs (the live library); 'not-watched' in a command. */
  readonly watch: RootWatch;
}

/** Watching (folder watches), polled (a network share, or past the system's watch limit), or not watched. */
export type RootWatch = 'watching' | 'polling-network' | 'polling-limit' | 'not-watched';

/** One file on disk (or last seen on disk) that belongs to a photo. */
export interface PhotoFile {
  /** MD5 hex of the content + library id: the file's identity. */
  readonly hash: string;
  readonly path: string;
  readonly type: FileType;
  readonly missing: boolean;
  /** Present but not readable (permission denied): never treated as gone. */
  readonly unreadable: boolean;
  readonly size: number;
  readonly mtimeMs: number;
  readonly missingSince: string | null;
  /** Why the file could not be decoded (thumbnail, EXIF), if it could not. */
  readonly error: string | null;
  readonly isMain: boolean;
}

/** Why a photo is not shown as a normal, present photo. */
export type PhotoAvailability = 'present' | 'missing' | 'offline';

/** A photo as the grid and lists show it. */
export interface PhotoSummary {
  readonly imageHash: string;
  readonly libraryId: number;
  readonly mainFileHash: string | null;
  readonly mainPath: string | null;
  readonly mainType: FileType | null;
  readonly availability: PhotoAvailability;
  /** LibrePhotos-style labels, e.g. ["Missing"] or ["Offline"]. */
  readonly labels: readonly string[];
  readonly inTrash: boolean;
  readonly rating: number;
  readonly caption: string;
  readonly capturedAt: string | null;
  readonly addedAt: string;
  readonly hasThumbnail: boolean;
  /** The stored thumbnail's own size: the grid never shows it larger than its pixels (null: none, or an old one). */
  readonly thumbnailWidth: number | null;
  readonly thumbnailHeight: number | null;
  /** Why there is no thumbnail, in words (null when there is one). */
  readonly thumbnailProblem: string | null;
  /** A video's length in seconds (null for pictures, or when unknown). */
  readonly durationS: number | null;
  /** For offline photos: the drive's name (volume label, else the root path). */
  readonly driveName: string | null;
}

/** A missing photo with what the user needs to find it again. */
export interface MissingPhoto extends PhotoSummary {
  readonly lastKnownPath: string | null;
  readonly rootId: number | null;
  readonly rootPath: string | null;
  readonly missingSince: string | null;
}

/**
 * Why the photos of a Missing view group are not where Keepsake last saw them: their files are gone
 * from a folder that is there; the whole folder is gone; the drive is not connected, or does not
 * answer; the folder cannot be read; or no file of theirs is known at all.
 */
export type MissingReason = 'file_gone' | 'folder_gone' | 'offline' | 'unreachable' | 'unreadable' | 'unknown_place';

/** A folder of missing (or offline) photos, as the Missing view groups them ('missing.groups'). */
export interface MissingGroup {
  /** The folder the photos were last seen in; null: no file of theirs is known. */
  readonly folder: string | null;
  /** True: the folder is gone as a whole (or is a drive): the photos of its subfolders are in this group too. */
  readonly withSubfolders: boolean;
  readonly count: number;
  readonly reason: MissingReason;
  readonly rootId: number | null;
  readonly rootPath: string | null;
  /** For a drive that is not connected: its name (volume label, else the folder). */
  readonly driveName: string | null;
  /** When the most recently gone photo of the group went missing. */
  readonly since: string | null;
}

export interface FaceBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Face {
  readonly id: number;
  readonly imageHash: string;
  readonly box: FaceBox;
  readonly name: string | null;
}

export type AlbumKind = 'date' | 'thing' | 'place' | 'user';
export const ALBUM_KINDS: readonly AlbumKind[] = ['date', 'thing', 'place', 'user'];

export interface Album {
  readonly id: number;
  readonly libraryId: number;
  readonly kind: AlbumKind;
  readonly title: string;
  /** 'Keywords' for an album made from sidecars' keywords (other apps' tags); null for the user's own. */
  readonly parent: string | null;
  readonly photoCount: number;
}

/** The grid's orders: newest taken first (the default; photos without a date last), newest added first, or by file name. */
export type PhotoSort = 'captured' | 'added' | 'name';
export const PHOTO_SORTS: readonly PhotoSort[] = ['captured', 'added', 'name'];

/** A run of photos of one day or month in the grid's order (for its headers and scrubber). */
export interface DateGroup {
  /** 'YYYY-MM' or 'YYYY-MM-DD' (the capture's wall-clock date; for Date added, UTC); null: the photos without a date, last. */
  readonly key: string | null;
  readonly count: number;
}

/** A folder of the Folders tree. Counts are of photos not in the trash, in it and in its subfolders. */
export interface FolderNode {
  /** The folder's path, as stored (no trailing separator). */
  readonly path: string;
  readonly name: string;
  readonly photoCount: number;
  /** Of those, the photos whose files are missing. */
  readonly missingCount: number;
  readonly folders: readonly FolderNode[];
}

/** A root at the top of the Folders tree, with its drive's state. */
export interface FolderRoot extends FolderNode {
  readonly rootId: number;
  readonly state: RootState;
  /** The drive's name when the root is not online (volume label, else the root path); null when online. */
  readonly driveName: string | null;
}

/** Everything about one photo, for the lightbox. */
export interface PhotoDetail extends PhotoSummary {
  readonly files: readonly PhotoFile[];
  readonly faces: readonly Face[];
  readonly albums: readonly Album[];
}

/** What the camera wrote into a file's EXIF (each field null when it did not). */
export interface CameraInfo {
  readonly make: string | null;
  readonly model: string | null;
  readonly lens: string | null;
  /** Shutter speed in seconds (0.00625 is 1/160 s). */
  readonly exposureTimeS: number | null;
  /** The aperture's f-number (7.1 is f/7.1). */
  readonly fNumber: number | null;
  readonly iso: number | null;
  readonly focalLengthMm: number | null;
  /** The focal length a 35 mm camera would need for the same view, when the camera wrote it. */
  readonly focalLength35mmMm: number | null;
  /** The flash in the camera's words ("Flash did not fire"). */
  readonly flash: string | null;
}

/**
 * The viewer's Info panel: what the database knows of a photo (path, size, dimensions, capture
 * date, a video's length), and what its main file's EXIF says, read now when the file is there.
 */
export interface PhotoInfo {
  readonly imageHash: string;
  readonly path: string | null;
  readonly type: FileType | null;
  /** The main file's size in bytes, as last scanned. */
  readonly fileSize: number | null;
  /** The picture's (or a video's frame) size in pixels, upright. */
  readonly width: number | null;
  readonly height: number | null;
  readonly capturedAt: string | null;
  readonly durationS: number | null;
  /** Colour label (xmp:Label: "Red", "Yellow", …, or another app's own word), as read back from the photo's sidecar; null for none. */
  readonly colorLabel: string | null;
  /** From the main file's EXIF; null when the file has none, or was not read (see `unread`). */
  readonly camera: CameraInfo | null;
  /** Why the file was not read now (missing, offline, …); null when it was (or is a video, which has no EXIF). */
  readonly unread: string | null;
}

/** Job types, with LibrePhotos' numeric codes where it has them. */
export type JobType = 'scan_photos' | 'scan_missing' | 'delete_missing' | 'locate_folder' | 'refresh_thumbnails' | 'write_sidecars' | 'read_sidecars' | 'live_changes';
export const JOB_TYPE_CODES: Readonly<Record<JobType, number>> = {
  scan_photos: 1,
  delete_missing: 5,
  scan_missing: 14,
  locate_folder: 101,
  refresh_thumbnails: 102,
  live_changes: 110,
  write_sidecars: 103,
  read_sidecars: 104,
};

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** What Scan Photos counted. */
export interface ScanResult {
  readonly added: number;
  readonly relinked: number;
  readonly unchanged: number;
  readonly hashed: number;
  readonly missing: number;
  readonly errors: number;
  readonly restored_from_trash: number;
  readonly skipped_roots: number;
  /** Files of the library a scan saw and could not import or decode, after this scan (listed by `problems.list`). */
  readonly problems: number;
}

/** A file a scan saw and could not import, or imported without being able to decode it. */
export interface ScanProblem {
  /** Readable form: bytes that are not UTF-8 shown as \xNN escapes. */
  readonly path: string;
  /** In words: "permission denied", "name is not valid UTF-8", "cannot decode: …". */
  readonly reason: string;
  /** When a scan last saw it (null for a file that cannot be decoded: it is tracked since it was imported). */
  readonly seenAt: string | null;
}

/**
 * How the reason of a sidecar that could not be written begins in the problems list (the rest says
 * why): the list holds those beside the files, and the app and the CLI show them under their own heading.
 */
export const SIDECAR_PROBLEM = 'sidecar not written: ';

/** What Scan for Missing Photos counted. */
export interface ScanMissingResult {
  readonly checked: number;
  readonly missing: number;
  readonly newly_missing: number;
  readonly restored: number;
  readonly unreadable: number;
  readonly skipped_roots: number;
}

/** What Delete Missing Photos removed (or would remove, for a preview). */
export interface DeleteMissingCounts {
  readonly photos: number;
  readonly faces: number;
  readonly album_links: number;
  readonly files: number;
  readonly thumbnails: number;
  /** Photos under roots that are not online, removed only when the user included them. */
  readonly offline_photos: number;
}

/** LibrePhotos' delete-missing answer, plus what went. */
export interface DeleteMissingResult {
  readonly status: boolean;
  readonly job_id: string;
  readonly removed: DeleteMissingCounts;
}

/** What Refresh Thumbnails did: thumbnails remade, files that could not be decoded, photos that wait (their file is not reachable now, or a video with no ffmpeg). */
export interface RefreshThumbnailsResult {
  readonly refreshed: number;
  readonly failed: number;
  readonly waiting: number;
}

/** A field a sidecar changed in Keepsake (another app edited it): shown in the job history. */
export interface SidecarChange {
  readonly path: string;
  /** 'rating', 'caption', 'label', 'albums', 'keywords' or 'faces'. */
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

/** What Write sidecars / Read sidecars did (the counts `keepsake sidecars write|read --json` prints). */
export interface SidecarsResult {
  /** Sidecar files written (created or merged into). */
  readonly written: number;
  /** Photos that took fields from their sidecar. */
  readonly read: number;
  /** Photos left for later: their drive is not online, the photo is missing, or (reading) it has no sidecar. */
  readonly skipped: number;
  /** Sidecars that could not be written or read; each is in `problem_files` with its reason. */
  readonly problems: number;
  /** Sidecars already holding what Keepsake holds. */
  readonly unchanged: number;
  /** What sidecars changed in Keepsake (at most 200 listed; `changes_total` counts them all). */
  readonly changes: readonly SidecarChange[];
  readonly changes_total: number;
  readonly problem_files: readonly { readonly path: string; readonly reason: string }[];
}

/** The Settings page's view of the app settings: what is set, and what it gives. */
export interface AppSettingsView {
  /** The ffmpeg the user pointed Keepsake to; null: looked for on the PATH. */
  readonly ffmpegPath: string | null;
  /** The ffmpeg in use for video posters, or null when there is none. */
  readonly videoTools: { readonly ffmpeg: string; readonly version: string } | null;
  /** Why the ffmpeg set here cannot be used, in words (null when it can, or none is set). */
  readonly videoToolsProblem: string | null;
  /** Watch the folders while the app runs (the live library). */
  readonly watchFolders: boolean;
  /** How often a root that cannot be watched is polled, in seconds. */
  readonly pollIntervalS: number;
  /** Auto Scan: when the scans run by themselves. */
  readonly autoScan: { readonly onLaunch: boolean; readonly everyHours: number; readonly onDriveMounted: boolean; readonly jobs: 'scan_photos' | 'scan_missing' };
}

/** What the live library applied in one go (a watcher's reconciliation): a quiet line in the history. */
export interface LiveChangesResult {
  readonly added: number;
  readonly moved: number;
  readonly missing: number;
  readonly restored: number;
  readonly changed: number;
}

export interface JobRecord {
  readonly id: string;
  readonly type: JobType;
  readonly typeCode: number;
  readonly libraryId: number;
  readonly status: JobStatus;
  readonly phase: string;
  readonly current: number;
  readonly total: number;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly result: ScanResult | ScanMissingResult | DeleteMissingResult | LocateResult | RefreshThumbnailsResult | SidecarsResult | LiveChangesResult | null;
}

/** Counts for one library, or for all of them. */
export interface Stats {
  readonly num_photos: number;
  readonly num_missing_photos: number;
  readonly num_offline_photos: number;
  readonly num_trashed_photos: number;
  readonly files_by_type: Readonly<Record<FileType, number>>;
  readonly bytes_by_type: Readonly<Record<FileType, number>>;
  readonly total_bytes: number;
  readonly last_scan_at: string | null;
}

export interface LibraryStats extends Stats {
  readonly library_id: number;
  readonly library_name: string;
}

export interface StatsReport {
  readonly libraries: readonly LibraryStats[];
  readonly all: Stats;
}

/** What Locate folder relinked. */
export interface LocateResult {
  readonly relinked: number;
  readonly hashed: number;
  readonly not_found: number;
  readonly mismatched: number;
}

/** A missing file and a new file that is probably an edited version of it. */
export interface SuggestedMatch {
  readonly id: number;
  readonly libraryId: number;
  readonly missing: MissingPhoto;
  readonly candidate: PhotoSummary;
  readonly reason: string;
}

/**
 * Whether this process writes the library. Only one process writes a data folder at a time (the
 * app or one `keepsake` command); any other opens it read-only and says who holds it.
 */
export interface LibraryAccess {
  readonly writable: boolean;
  /** The process that holds the library, when it said who it is. */
  readonly heldBy: { readonly kind: 'app' | 'cli'; readonly pid: number; readonly command: string } | null;
  /** For people, when not writable: "This library is in use by `keepsake scan` (pid 4242)". */
  readonly message?: string;
}

/** A deletion (Delete Missing, or Delete forever from the trash) that can be undone for 30 days. */
export interface DeletionRecord {
  /** The Delete Missing job's id, or the id Delete forever was given. */
  readonly jobId: string;
  readonly kind: 'delete_missing' | 'delete_forever';
  readonly libraryId: number;
  readonly deletedAt: string;
  /** Until when it can be undone. */
  readonly undoableUntil: string;
  readonly photos: number;
  readonly faces: number;
  readonly albumLinks: number;
  /** When it was undone (null: not yet). */
  readonly undoneAt: string | null;
}

/** What an undo brought back. */
export interface UndoResult {
  readonly job_id: string;
  /** Photos put back as they were (still missing until their files are found). */
  readonly restored: number;
  /**
   * Photos that exist again meanwhile (a scan found their files): never overwritten — they get back
   * only what they lack (a rating of 0, an empty caption, album links, faces when they have none).
   */
  readonly merged: number;
  readonly album_links: number;
  readonly faces: number;
  readonly thumbnails: number;
}
