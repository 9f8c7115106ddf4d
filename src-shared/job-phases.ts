/**
 * What a job is doing, in words people use: the phases the core reports through
 * `ctx.progress(phase, current, total)` (and 'job.progress'), named in one place. The core's
 * phase keys stay as they are (the job history and scripts store them); only this says them.
 */

/** Each phase's name for people; a phase not listed is shown as it is, without underscores. */
export const PHASE_LABELS: Readonly<Record<string, string>> = {
  queued: 'Waiting to start',
  // Scan Photos
  count: 'Finding photos',
  import: 'Importing',
  walk: 'Looking for photos',
  hash: 'Importing',
  thumbnails: 'Making thumbnails',
  // Scan for Missing Photos (also the second part of Scan Photos)
  scan_missing: 'Checking for missing files',
  // Locate folder
  locate: 'Relinking files',
  // Delete Missing Photos
  'backing up': 'Backing up the library',
  'probing roots': 'Checking the drives',
  deleting: 'Removing photos',
  'removing thumbnails': 'Removing thumbnails',
  // Sidecars
  write: 'Writing sidecars',
  read: 'Reading sidecars',
  done: 'Finishing',
};

/** A phase's name for people. */
export function phaseLabel(phase: string): string {
  return PHASE_LABELS[phase] ?? (phase === '' ? 'Working' : phase.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()));
}

/**
 * The progress in one line: "Finding photos… 12,345 found", "Importing 1,234 of 5,000",
 * "Checking the drives…" (no count yet). `timeLeft` is appended as given ("about 40 s left").
 */
export function progressText(phase: string, current: number, total: number, timeLeft?: string | null): string {
  const label = phaseLabel(phase);
  if (phase === 'count') return `${label}… ${current.toLocaleString()} found`;
  if (total <= 0) return `${label}…`;
  const counted = `${label} ${Math.min(current, total).toLocaleString()} of ${total.toLocaleString()}`;
  return timeLeft ? `${counted} — ${timeLeft}` : counted;
}

/** A phase's progress seen at some moments (ms on any clock, the current count then). */
export interface ProgressPoint {
  readonly at: number;
  readonly current: number;
}

/** No estimate before a phase has been seen moving for this long (its first seconds are warm-up). */
export const SETTLE_MS = 2_000;

/**
 * Seconds left at `now` for a phase at `points` (oldest first) towards `total`, from its rate over
 * those points; null while that rate says nothing yet (too short, not moving, no total).
 */
export function secondsLeft(points: readonly ProgressPoint[], total: number, now: number): number | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined || total <= 0) return null;
  if (last.at - first.at < SETTLE_MS || last.current <= first.current) return null;
  const rate = (last.current - first.current) / (last.at - first.at);
  // Time since the last report counts as time already spent on what is left.
  return Math.max(0, ((total - last.current) / rate - (now - last.at)) / 1000);
}

/** Seconds left as a person says it: "a few seconds left", "about 40 s left", "about 3 min left". */
export function humanTimeLeft(seconds: number): string {
  if (seconds < 10) return 'a few seconds left';
  if (seconds < 60) return `about ${Math.round(seconds / 5) * 5} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}
