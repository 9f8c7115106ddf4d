/**
 * Progress and results in plain words (issue 13): adding a first folder starts its scan; the scan
 * counts its files first ("Finding photos… N found"), then says "Importing N of T" against a total
 * that holds; what it did is said in words, never as result keys; Stats explain their numbers;
 * Settings is called Settings; removing a folder asks first and says its photos stay; toasts stack
 * in the bottom right corner and go under a dialog they would cover.
 */
import { appendFileSync } from 'node:fs';
import { addFirstFolderAndScan, openView, screenshotView, statCard } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

/** Init script: records every text the header's job line shows, and every 'job.progress' the page hears. */
function recordProgress(): void {
  const page = window as unknown as { __ksHeaderTexts: string[]; __ksProgress: { phase: string; current: number; total: number }[]; keepsake?: { on(e: string, cb: (p: never) => void): () => void } };
  page.__ksHeaderTexts = [];
  page.__ksProgress = [];
  page.keepsake?.on('job.progress', (event: { phase: string; current: number; total: number }) => page.__ksProgress.push(event));
  const seen = () => {
    const text = document.querySelector('[data-testid="header-job-text"]')?.textContent;
    if (text && page.__ksHeaderTexts.at(-1) !== text) page.__ksHeaderTexts.push(text);
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
}

test('a first folder is scanned at once, with progress and results in words; removing a folder asks first', async ({ app, photos, jobs }) => {
  const { page } = app;
  // Enough photos for the scan to be seen at work: the camera JPEGs in many folders, each made its own
  // photo by a byte after its end (a copy of the same content would be one photo).
  for (let i = 0; i < 30; i++) {
    const folder = `Photos/day-${String(i).padStart(2, '0')}`;
    for (const name of await photos.copyJpegs(folder, 8)) appendFileSync(photos.path(`${folder}/${name}`), Buffer.from([i]));
  }
  await page.addInitScript(recordProgress);
  await app.goto();
  const scan = await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  expect(scan.result).toMatchObject({ added: 240 });

  // The walk counted first, then imported against that total, which did not grow.
  const progress = await page.evaluate(() => (window as unknown as { __ksProgress: { phase: string; current: number; total: number }[] }).__ksProgress);
  const phases = progress.map((event) => event.phase).filter((phase, i, all) => phase !== all[i - 1]);
  expect(phases.slice(0, 2)).toEqual(['count', 'import']);
  expect(progress.filter((event) => event.phase === 'import').every((event) => event.total === 240)).toBe(true);
  const shown = await page.evaluate(() => (window as unknown as { __ksHeaderTexts: string[] }).__ksHeaderTexts);
  for (const text of shown) expect(text).toMatch(/^(Waiting to start…|Checking the drives…|Finding photos… [\d,]+ found|Importing [\d,]+ of 240( — .+ left)?|Making thumbnails [\d,]+ of [\d,]+( — .+ left)?|Checking for missing files [\d,]+ of [\d,]+( — .+ left)?|Finishing.*)$/);
  expect(shown.some((text) => /^Importing [\d,]+ of 240/.test(text)), shown.join(' | ')).toBe(true);

  // What it did, in words: in the toast and in the history.
  const toast = page.getByTestId('notifications').getByRole('status').filter({ hasText: 'Scan Photos finished' });
  await expect(toast).toContainText('240 new files');
  await expect(toast).not.toContainText('hashed');
  await openView(page, 'settings');
  await expect(page.getByRole('heading', { level: 2, name: 'Settings', exact: true })).toBeVisible();
  await expect(page.getByText('Library Management')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Libraries and folders' })).toBeVisible();
  const row = page.getByTestId('job-history-row').and(page.locator('[data-job-type="scan_photos"]')).first();
  await expect(row.getByTestId('job-result')).toHaveText('240 new files');
  await screenshotView(app, 'settings-results-in-words');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await app.screenshot('settings-results-in-words-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // Stats say what each number counts, not its field name.
  await openView(page, 'stats');
  await expect(statCard(page, 'num_photos')).toHaveText('240');
  await expect(page.getByText('num_photos', { exact: true })).toHaveCount(0);
  await expect(page.getByText('All of them, missing and offline ones too')).toBeVisible();
  await expect(page.getByText('RAW_FILE')).toHaveCount(0);
  await expect(page.getByText('RAW files', { exact: true }).first()).toBeVisible();
  await screenshotView(app, 'stats-in-words');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await app.screenshot('stats-in-words-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // Toasts: bottom right corner. An error stays, and goes under a dialog it would cover.
  await openView(page, 'settings');
  await app.setNextPickedFolder(photos.path('Photos'));
  await page.getByRole('button', { name: 'Add a folder' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'Could not add the folder' });
  await expect(error).toContainText('already a root');
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const box = await page.getByTestId('notifications').boundingBox();
  expect(box && viewport.width - (box.x + box.width)).toBeLessThan(40);
  expect(box && viewport.height - (box.y + box.height)).toBeLessThan(40);

  // Removing a folder asks first, and says what happens to its photos.
  const rootRow = page.getByTestId('root-row').first();
  await rootRow.getByRole('button', { name: `Remove ${photos.path('Photos')}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove this folder from the library?' });
  await expect(dialog).toContainText('Its photos stay in the library as they are now, with their ratings, captions, albums and faces.');
  await expect(dialog).toContainText('Nothing is deleted: the files stay on disk.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshotView(app, 'remove-folder-dialog');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await app.screenshot('remove-folder-dialog-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('root-row')).toHaveCount(1);

  // A small window: the error toast would cover the dialog's buttons, so it goes under the dialog.
  await app.setNextPickedFolder(photos.path('Photos'));
  await page.getByRole('button', { name: 'Add a folder' }).click();
  await expect(error.first()).toBeVisible();
  await page.setViewportSize({ width: 520, height: 420 });
  await rootRow.getByRole('button', { name: `Remove ${photos.path('Photos')}` }).click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('notifications')).toHaveAttribute('data-under-dialog', 'true');
  await dialog.getByRole('button', { name: 'Remove folder' }).click({ force: false });
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('notifications')).not.toHaveAttribute('data-under-dialog', 'true');
  await page.setViewportSize(viewport);
  await expect(page.getByTestId('root-row')).toHaveCount(0);
  // Its photos stayed.
  await openView(page, 'library');
  await expect(page.getByTestId('library-count')).toHaveText('240 photos');
});
