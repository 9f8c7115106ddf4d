import { performance } from 'node:perf_hooks';
import type { CommandRequest } from '../../src-shared/contract.ts';
import type { JobRecord } from '../../src-shared/domain.ts';
import type { Keepsake } from '../../src-main/core/keepsake.ts';

/** Opens the real core on a data folder (loaded lazily so the bench can report a missing core). */
export async function openCore(dataDir: string, workers?: number): Promise<Keepsake> {
  const { openKeepsake } = await import('../../src-main/core/keepsake.ts');
  return openKeepsake(workers === undefined ? { dataDir } : { dataDir, workers });
}

/** A job's run as the bench saw it. */
export interface TimedJob {
  readonly record: JobRecord;
  /** From asking to start the job to its end, in seconds. */
  readonly seconds: number;
  /** When each progress phase was first seen, in seconds after the start, in order. */
  readonly phases: readonly { readonly phase: string; readonly at: number }[];
}

/** Runs one job through the core (jobs.start then waitForJob) and times it; throws if it did not succeed. */
export async function runTimedJob(core: Keepsake, request: CommandRequest<'jobs.start'>): Promise<TimedJob> {
  const phases: { phase: string; at: number }[] = [];
  let jobId: string | null = null;
  const start = performance.now();
  const unsubscribe = core.on('job.progress', (event) => {
    if (jobId !== null && event.jobId !== jobId) return;
    if (phases.at(-1)?.phase !== event.phase) phases.push({ phase: event.phase, at: (performance.now() - start) / 1000 });
  });
  try {
    const started = await core.handlers['jobs.start'](request as Parameters<Keepsake['handlers']['jobs.start']>[0]);
    jobId = started.jobId;
    const record = await core.waitForJob(started.jobId);
    const seconds = (performance.now() - start) / 1000;
    if (record.status !== 'succeeded') throw new Error(`${request.type} job ${record.status}: ${record.error ?? ''}`);
    return { record, seconds, phases };
  } finally {
    unsubscribe();
  }
}

/** Adds a library with these folders and returns its id. */
export async function addLibrary(core: Keepsake, name: string, folders: readonly string[]): Promise<number> {
  const library = await core.handlers['libraries.add']({ name, folders: [...folders] });
  return library.id;
}

/** Seconds spent in each phase, from the phase start times and the job's end. */
export function phaseDurations(job: TimedJob): Record<string, number> {
  const durations: Record<string, number> = {};
  job.phases.forEach((entry, i) => {
    const end = job.phases[i + 1]?.at ?? job.seconds;
    durations[entry.phase] = (durations[entry.phase] ?? 0) + (end - entry.at);
  });
  return durations;
}

/** "phases: hash 2.38 s, thumbnails 0.08 s": where a job's time went, as the core reported it. */
export function phaseNote(job: TimedJob): string {
  const parts = Object.entries(phaseDurations(job)).map(([phase, seconds]) => `${phase} ${seconds.toFixed(seconds < 1 ? 3 : 2)} s`);
  return parts.length > 0 ? `phases: ${parts.join(', ')}` : 'phases: (none reported)';
}
