/**
 * The user starts Keepsake while a `keepsake scan` from a terminal is working on the library: the
 * app shows the library read-only and says why, refuses changes with that reason, and takes over by
 * itself once the command has finished.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tryTakeWriterLock, type WriterLock } from '../src-main/core/data-folder/writer-lock.ts';
import { openKeepsake } from '../src-main/core/keepsake.ts';
import { CORPUS_JPG } from '../test/support/run-cli.ts';
import { expect, test } from './harness/fixtures.ts';
import { dismissToasts, tile } from './support/app-steps.ts';

let photos: string;
let held: WriterLock | null = null;

async function madeAndHeldByACommand(dataDir: string): Promise<void> {
  {
    photos = mkdtempSync(join(tmpdir(), 'keepsake-e2e-photos-'));
    mkdirSync(join(photos, 'Trip'));
    for (const name of readdirSync(CORPUS_JPG).filter((n) => n.endsWith('.jpg')).slice(0, 6)) copyFileSync(join(CORPUS_JPG, name), join(photos, 'Trip', name));
    const core = openKeepsake({ dataDir });
    const library = await core.handlers['libraries.add']({ name: 'Family', folders: [photos] });
    const { jobId } = await core.handlers['jobs.start']({ type: 'scan_photos', libraryId: library.id });
    await core.waitForJob(jobId);
    await core.close();
    // The terminal's `keepsake scan`: this test process holds the writer lock as that command would.
    held = tryTakeWriterLock(dataDir, { kind: 'cli', command: 'keepsake scan' });
  }
}

// A function-valued option is given as a fixture that uses it (Playwright would call a bare one as the fixture).
test.use({ prepareDataDir: async ({}, use) => use(madeAndHeldByACommand) });

test.afterEach(() => {
  held?.release();
  held = null;
  rmSync(photos, { recursive: true, force: true });
});

test('opened while a keepsake command holds the library: read-only, says why, takes over when it ends', async ({ app }) => {
  const { page } = app;
  expect(held).not.toBeNull();
  await app.goto();
  const banner = page.getByTestId('read-only-banner');
  await expect(banner).toContainText(`This library is in use by \`keepsake scan\` (pid ${process.pid})`);
  await expect(banner).toContainText('You can browse it');
  // Browsing works meanwhile.
  const first = readdirSync(join(photos, 'Trip')).sort()[0] as string;
  await expect(tile(page, first)).toBeVisible();
  await app.screenshot('library-in-use-light');
  await app.goto('?scheme=dark');
  await expect(banner).toBeVisible();
  await app.screenshot('library-in-use-dark');

  // A change is refused with the reason, not lost in silence.
  await page.getByRole('button', { name: 'Scan Photos', exact: true }).click();
  await expect(page.getByText(/in use by `keepsake scan`.*read-only and takes over when that process finishes/)).toBeVisible();
  await dismissToasts(page);

  // The command ends: the app takes over by itself and can scan.
  held?.release();
  held = null;
  await expect(banner).toHaveCount(0, { timeout: 10_000 });
  expect(await app.invoke('library.access', {})).toEqual({ ok: true, value: { writable: true, heldBy: null } });
});
