/**
 * The e2e fixture: `test('…', async ({ app }) => …)` gets the same KeepsakeApp in both targets
 * (KEEPSAKE_E2E_TARGET=chromium|electron), each test with its own temporary data folder.
 */
import { test as base, expect } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeepsakeApp } from './app-handle.ts';
import { startChromiumApp } from './chromium-app.ts';
import { startElectronApp } from './electron-app.ts';
import { E2E_TARGET } from './target.ts';
import { openKeepsake } from '../../src-main/core/keepsake.ts';
import { LibraryInUseError } from '../../src-main/core/data-folder/writer-lock.ts';

export type { KeepsakeApp } from './app-handle.ts';
export { E2E_TARGET } from './target.ts';
export { expect };

/** The built renderer the chromium target serves (`npm run build:renderer`), overridable for harness tests. */
export const RENDERER_DIR = process.env['KEEPSAKE_RENDERER_DIR'] ?? join(import.meta.dirname, '..', '..', 'build', 'renderer');

async function withDataDir(testTitle: string, failed: () => boolean, use: (dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keepsake-e2e-'));
  try {
    await use(dataDir);
  } finally {
    // A failed test keeps its library for a look; a passed one leaves nothing behind.
    if (failed()) console.log(`keepsake e2e: kept the data folder of "${testTitle}": ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Runs on the test's data folder before the app starts (e.g. a library made and held by a
 * `keepsake` command, to start the app beside it). Set with `test.use({ prepareDataDir })`.
 */
export type PrepareDataDir = ((dataDir: string) => Promise<void> | void) | null;

/**
 * Whether the app watches its folders (Settings → "Watch folders", on for users). Off unless a spec
 * asks (`test.use({ watchFolders: true })`): most stories change files behind the app's back and
 * then run a job, which a watching app would have beaten to it. Turned off as a user would, in the
 * library's settings, before the app starts — in both targets.
 */
async function setWatching(dataDir: string, on: boolean): Promise<void> {
  if (on) return;
  let core;
  try {
    core = openKeepsake({ dataDir });
  } catch (error) {
    // A command holds the library (the story of a spec): the app opens beside it with the defaults.
    if (error instanceof LibraryInUseError) return;
    throw error;
  }
  try {
    await core.handlers['settings.set']({ watchFolders: false });
  } finally {
    await core.close();
  }
}

const withOptions = base.extend<{ prepareDataDir: PrepareDataDir; watchFolders: boolean }>({
  prepareDataDir: [null, { option: true }],
  watchFolders: [false, { option: true }],
});

const chromiumTest = withOptions.extend<{ app: KeepsakeApp }>({
  app: async ({ page, prepareDataDir, watchFolders }, use, testInfo) => {
    await withDataDir(testInfo.title, () => testInfo.status !== testInfo.expectedStatus, async (dataDir) => {
      await prepareDataDir?.(dataDir);
      await setWatching(dataDir, watchFolders);
      const { app, stop } = await startChromiumApp({ page, dataDir, rendererDir: RENDERER_DIR });
      try {
        await use(app);
      } finally {
        await stop();
      }
    });
  },
});

const electronTest = withOptions.extend<{ app: KeepsakeApp }>({
  // No `page` fixture here: the page is the Electron window, and no browser is started.
  app: async ({ prepareDataDir, watchFolders }, use, testInfo) => {
    await withDataDir(testInfo.title, () => testInfo.status !== testInfo.expectedStatus, async (dataDir) => {
      await prepareDataDir?.(dataDir);
      await setWatching(dataDir, watchFolders);
      const { app, stop } = await startElectronApp({ dataDir });
      try {
        await use(app);
      } finally {
        await stop();
      }
    });
  },
});

/** The spec API: `import { test, expect } from './harness/fixtures.ts'`. */
export const test = E2E_TARGET === 'electron' ? electronTest : chromiumTest;
