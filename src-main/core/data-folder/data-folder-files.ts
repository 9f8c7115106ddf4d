import { join } from 'node:path';

/**
 * The names of what Keepsake keeps in a data folder. The desktop app and the `keepsake` command
 * both open a data folder by these names, so they live here once.
 */
export const DB_FILE = 'keepsake.db';
/** The writer lock (see writer-lock.ts): a file held locked by the one process that writes. */
export const LOCK_FILE = 'keepsake.lock';
/** Who holds the lock, for the refusal message of everyone else (the lock itself is the truth). */
export const LOCK_HOLDER_FILE = 'keepsake.lock.json';
export const THUMBNAILS_DIR = 'thumbnails';
/** Copies of the database made before each destructive step (see core/backups/). */
export const BACKUPS_DIR = 'backups';

export const dbPathOf = (dataDir: string): string => join(dataDir, DB_FILE);
/** The backups folder of a data folder. */
export const backupsDirOf = (dataDir: string): string => join(dataDir, BACKUPS_DIR);
