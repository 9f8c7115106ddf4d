/**
 * Waiting on the app's own events instead of sleeping: every page load records the `job.finished`
 * events the page receives (through window.keepsake.on, as the renderer hears them), and a step
 * waits until one more job of a type has finished after its action.
 */
import { expect, type Page } from '@playwright/test';
import type { JobRecord, JobType } from '../../src-shared/domain.ts';

interface Recorder {
  __ksFinishedJobs?: JobRecord[];
}

/** Init script (runs in the page after the bridge is installed): records finished jobs. */
export function recordFinishedJobs(): void {
  const page = window as unknown as Recorder & { keepsake?: { on(event: string, cb: (payload: unknown) => void): () => void } };
  page.__ksFinishedJobs = [];
  page.keepsake?.on('job.finished', (job) => page.__ksFinishedJobs?.push(job as JobRecord));
}

/** Watches the page's finished jobs. */
export class JobWatch {
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Installs the recorder for every page load (call before the first goto). */
  static async install(page: Page): Promise<JobWatch> {
    await page.addInitScript(recordFinishedJobs);
    return new JobWatch(page);
  }

  /** Jobs finished since this page loaded, in order. */
  finished(): Promise<JobRecord[]> {
    return this.page.evaluate(() => [...((window as unknown as Recorder).__ksFinishedJobs ?? [])]);
  }

  /**
   * Runs `action` (a click that starts a job) and resolves with the record of the next `type` job
   * that finishes; fails unless it succeeded.
   */
  async after(type: JobType, action: () => Promise<void>): Promise<JobRecord> {
    const before = (await this.finished()).filter((job) => job.type === type).length;
    await action();
    await expect
      .poll(async () => (await this.finished()).filter((job) => job.type === type).length, { message: `a ${type} job finishes`, timeout: 60_000 })
      .toBeGreaterThan(before);
    const job = (await this.finished()).filter((record) => record.type === type)[before];
    if (!job) throw new Error(`no ${type} job recorded`);
    expect(job.status, `${type} job: ${job.error ?? ''}`).toBe('succeeded');
    return job;
  }
}
