/**
 * End-to-end specs (e2e/*.spec.ts). Two targets, one switch:
 * - KEEPSAKE_E2E_TARGET=chromium (default): the built renderer (`npm run build:renderer`) in Debian's
 *   Chromium, with the preload's exact API injected and the real core in the test process
 *   (e2e/harness/chromium-app.ts). Playwright cannot download a browser here, hence executablePath.
 * - KEEPSAKE_E2E_TARGET=electron: the real app through Playwright's `_electron.launch` (needs the
 *   Electron binary and `npm run build`): `npm run build && npm run test:e2e:electron`.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './e2e/harness/chromium-args.ts';
import { FFMPEG_PATH } from './test/support/video-tools.ts';

// Video posters need an ffmpeg; the app looks on the PATH, or where KEEPSAKE_FFMPEG says (as here:
// the devDependency's build, which the product never ships).
process.env['KEEPSAKE_FFMPEG'] ??= FFMPEG_PATH;

const target = process.env['KEEPSAKE_E2E_TARGET'] === 'electron' ? 'electron' : 'chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'build/e2e-results',
  // One app at a time: each test opens a library with hashing workers, and the machine has 2 cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  projects: [
    target === 'electron'
      ? { name: 'electron', use: { trace: 'retain-on-failure' } }
      : {
          name: 'chromium',
          use: {
            browserName: 'chromium',
            launchOptions: {
              executablePath: process.env['KEEPSAKE_CHROMIUM'] ?? '/usr/bin/chromium',
              args: [...CHROMIUM_ARGS],
            },
            viewport: { width: 1280, height: 800 },
            screenshot: 'only-on-failure',
            trace: 'retain-on-failure',
          },
        },
  ],
});
