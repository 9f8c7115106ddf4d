import type { Db } from '../db/open-database.ts';

/**
 * The app's settings that live with the library database (one `settings` row each, migration 012),
 * so the desktop app and the `keepsake` command see the same ones. Only the writer changes them.
 */
export interface AppSettings {
  /** An ffmpeg the user pointed Keepsake to for video posters; null: look on the PATH. */
  readonly ffmpegPath: string | null;
}

const DEFAULTS: AppSettings = { ffmpegPath: null };

export function readSettings(db: Db): AppSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const values = new Map(rows.map((row) => [row.key, row.value]));
  return { ffmpegPath: values.get('ffmpegPath') ?? DEFAULTS.ffmpegPath };
}

export function writeSettings(db: Db, changes: Partial<AppSettings>): AppSettings {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '') remove.run(key);
      else upsert.run(key, String(value));
    }
  })();
  return readSettings(db);
}
