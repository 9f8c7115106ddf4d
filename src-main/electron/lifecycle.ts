import type { JobRecord } from '../../src-shared/domain.ts';

/** What the keep-alive rule needs to know about the app (injected: this file does not import Electron). */
export interface KeepAliveDeps {
  /** Jobs queued or running now. */
  activeJobCount(): Promise<number>;
  /** Subscribes to "a job ended"; returns an unsubscribe. */
  onJobFinished(callback: () => void): () => void;
  /** Windows open now. */
  windowCount(): number;
  /** Quits the app (its before-quit still waits for the running write). */
  quit(): void;
}

/** True for a job that still holds the app open. */
export const isActiveJob = (job: Pick<JobRecord, 'status'>): boolean => job.status === 'queued' || job.status === 'running';

/**
 * Closing the last window does not stop a running job: the app stays alive (headless) until the
 * last job ends, then quits — unless a window was opened again meanwhile.
 */
export function createQuitWhenIdle(deps: KeepAliveDeps): { lastWindowClosed(): Promise<void> } {
  let unsubscribe: (() => void) | null = null;
  const stopWaiting = (): void => {
    unsubscribe?.();
    unsubscribe = null;
  };
  const check = async (): Promise<void> => {
    if (deps.windowCount() > 0) return stopWaiting();
    const active = await deps.activeJobCount();
    if (active === 0 && deps.windowCount() === 0) {
      stopWaiting();
      deps.quit();
    }
  };
  return {
    lastWindowClosed() {
      unsubscribe ??= deps.onJobFinished(() => void check().catch(() => undefined));
      return check();
    },
  };
}
