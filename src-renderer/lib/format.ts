/** Formatting helpers: sizes, dates, file names. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 → "1.5 KB" (binary steps, as file managers show). */
export function humanSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

/** An ISO time as the user's local date and time, or "never". */
export function humanDate(iso: string | null, fallback = 'never'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** What a kind of file is called for people (the contract's FileType keys are not words). */
const FILE_TYPE_LABELS: Readonly<Record<string, { one: string; many: string }>> = {
  IMAGE: { one: 'Image', many: 'Images' },
  VIDEO: { one: 'Video', many: 'Videos' },
  RAW_FILE: { one: 'RAW file', many: 'RAW files' },
  METADATA_FILE: { one: 'Sidecar (metadata)', many: 'Sidecars (metadata)' },
  UNKNOWN: { one: 'Other file', many: 'Other files' },
};

/** "RAW file" for RAW_FILE, "Sidecars (metadata)" for METADATA_FILE (many: the plural). */
export function fileTypeLabel(type: string, many = false): string {
  const label = FILE_TYPE_LABELS[type];
  return label === undefined ? type.replace(/_/g, ' ').toLowerCase() : many ? label.many : label.one;
}

/** The last part of a path, whichever separator the OS uses. */
export function baseName(path: string | null): string {
  if (!path) return 'unknown file';
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** The folder part of a path. */
export function dirName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i <= 0 ? path.slice(0, i + 1) : path.slice(0, i);
}

/** A video's length as a player shows it: "0:03", "12:05", "1:02:09". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
