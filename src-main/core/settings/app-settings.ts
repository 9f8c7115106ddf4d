import type { Db } from '../db/open-database.ts';

/**
 * The app's settings that live with the library database (one `settings` row each, migration 012),
 * so the desktop app and the `keepsake` command see the same ones. Only the writer changes them.
 */
export interface AppSettings {
  /** An ffmpeg the user pointed Keepsake to for video posters; null: look on the PATH. */
  readonly ffmpegPath: string | null;
  /** Watch the roots for changes while the app runs (the live library); on by default. */
  readonly watchFolders: boolean;
  /** How often a root that cannot be watched (a network share, past the watch limit) is polled. */
  readonly pollIntervalS: number;
  /** Auto Scan: when Scan Photos / Scan for Missing run by themselves. */
  readonly autoScan: AutoScan;
}

/** Auto Scan (as LibrePhotos has it): a schedule for the two scans. */
export interface AutoScan {
  readonly onLaunch: boolean;
  /** 0: never. */
  readonly everyHours: number;
  readonly onDriveMounted: boolean;
  /** Which scans run: Scan Photos (which ends with Scan for Missing), or Scan for Missing alone. */
  readonly jobs: 'scan_photos' | 'scan_missing';
}

export const DEFAULT_SETTINGS: AppSettings = {
  ffmpegPath: null,
  watchFolders: true,
  pollIntervalS: 60,
  autoScan: { onLaunch: false, everyHours: 0, onDriveMounted: false, jobs: 'scan_photos' },
};

function parsed<T>(text: string | undefined, fallback: T, valid: (value: unknown) => boolean): T {
  if (text === undefined) return fallback;
  try {
    const value: unknown = JSON.parse(text);
    return valid(value) ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

export function readSettings(db: Db): AppSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const values = new Map(rows.map((row) => [row.key, row.value]));
  const d = DEFAULT_SETTINGS;
  return {
    ffmpegPath: values.get('ffmpegPath') ?? d.ffmpegPath,
    watchFolders: parsed(values.get('watchFolders'), d.watchFolders, (v) => typeof v === 'boolean'),
    pollIntervalS: parsed(values.get('pollIntervalS'), d.pollIntervalS, (v) => typeof v === 'number' && v >= 5),
    autoScan: { ...d.autoScan, ...parsed<Partial<AutoScan>>(values.get('autoScan'), {}, (v) => typeof v === 'object' && v !== null) },
  };
}

export function writeSettings(db: Db, changes: Partial<AppSettings>): AppSettings {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '') remove.run(key);
      else upsert.run(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
  })();
  return readSettings(db);
}
