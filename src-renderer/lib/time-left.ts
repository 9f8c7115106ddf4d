/**
 * "about 40 s left": estimated in the renderer from how fast a running job's phase has moved over
 * the last WINDOW_MS of its 'job.progress' events (the rule and the words: src-shared/job-phases.ts).
 */
import { humanTimeLeft, secondsLeft, type ProgressPoint } from '../../src-shared/job-phases.ts';

/** Progress seen per job, for its current phase only. */
const seen = new Map<string, { phase: string; total: number; points: ProgressPoint[] }>();

/** The rate is taken over this much of the recent past. */
const WINDOW_MS = 15_000;

/** Records a 'job.progress' event (the clock is injectable). */
export function recordProgress(event: { jobId: string; phase: string; current: number; total: number }, now = performance.now()): void {
  let entry = seen.get(event.jobId);
  if (entry === undefined || entry.phase !== event.phase || entry.total !== event.total) {
    entry = { phase: event.phase, total: event.total, points: [] };
    seen.set(event.jobId, entry);
  }
  entry.points.push({ at: now, current: event.current });
  while (entry.points.length > 2 && (entry.points[1] as ProgressPoint).at < now - WINDOW_MS) entry.points.shift();
}

/** Forgets a finished job. */
export function forgetProgress(jobId: string): void {
  seen.delete(jobId);
}

/** "about 40 s left", or null when it cannot be told yet. */
export function timeLeft(jobId: string, now = performance.now()): string | null {
  const entry = seen.get(jobId);
  if (entry === undefined) return null;
  const seconds = secondsLeft(entry.points, entry.total, now);
  return seconds === null ? null : humanTimeLeft(seconds);
}
