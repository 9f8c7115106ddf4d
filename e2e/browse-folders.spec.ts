/**
 * Browse a folder: the sidebar's Folders tree lists each root of the library with its folders and
 * their photo counts (subfolders included; the roots add up to the Library's count, as the Stats
 * count them); choosing a folder shows its photos in the grid. A folder whose files are gone carries
 * a red marker with how many; a root whose drive is unplugged shows the drive as offline.
 */
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { addFirstFolderAndScan, openView, scanForMissing, screenshotView, statCard, tile } from './support/app-steps.ts';
import { CAMERA_JPEGS } from './support/photo-folder.ts';
import { expect, test } from './support/story-test.ts';

/** The tree's row of a folder, by its path. */
const folderRow = (page: Page, path: string) => page.locator(`[data-testid="folder-row"][data-path="${path}"]`);
/** The red marker beside a folder with missing photos. */
const missingMarker = (page: Page, path: string) => page.locator(`[data-testid="folder-missing-marker"][data-path="${path}"]`);

test('browse a folder from the sidebar; a folder with missing files is marked, an unplugged drive shows offline', async ({ app, photos, jobs }) => {
  const { page } = app;
  // Distinct photos everywhere (the same content twice would be one photo with two files).
  const [a, b, c, d, e, f, g] = CAMERA_JPEGS;
  const place = async (name: string, rel: string) => photos.copyIn(join('exif-samples', 'jpg', name), rel);
  await place(a, `Photos/2023/summer/${a}`);
  await place(b, `Photos/2023/summer/${b}`);
  await place(c, `Photos/2023/${c}`);
  await place(d, `Photos/2024/${d}`);
  await place(e, `Photos/2024/${e}`);
  await place(f, `USB-Drive/DCIM/${f}`);
  await place(g, `USB-Drive/DCIM/${g}`);
  const root = photos.path('Photos');
  const usb = photos.path('USB-Drive');

  await app.goto();
  await addFirstFolderAndScan(app, jobs, root);
  await openView(page, 'settings');
  await app.setNextPickedFolder(usb);
  await jobs.after('scan_photos', () => page.getByRole('button', { name: 'Add a folder' }).click());
  await openView(page, 'library');
  await expect(page.getByTestId('library-count')).toHaveText('7 photos');

  // The tree: both roots open, their folders with counts that include subfolders.
  const folders = page.getByTestId('sidebar-folders');
  await expect(folderRow(page, root)).toHaveAttribute('data-count', '5');
  await expect(folderRow(page, usb)).toHaveAttribute('data-count', '2');
  await expect(folderRow(page, join(root, '2023'))).toHaveAccessibleName('2023, 3 photos');
  await expect(folderRow(page, join(root, '2024'))).toHaveAccessibleName('2024, 2 photos');
  // A subfolder shows once its parent is opened.
  await expect(folderRow(page, join(root, '2023', 'summer'))).toHaveCount(0);
  await folders.getByRole('button', { name: 'Expand 2023' }).click();
  await expect(folderRow(page, join(root, '2023', 'summer'))).toHaveAccessibleName('summer, 2 photos');

  // Browse a folder: its photos (with its subfolders') in the grid.
  await folderRow(page, join(root, '2023')).click();
  await expect(page.getByTestId('browse-title')).toHaveText('2023');
  await expect(page.getByTestId('library-count')).toContainText('3 photos');
  await expect(page.getByTestId('photo-tile')).toHaveCount(3);
  for (const name of [a, b, c]) await expect(tile(page, name)).toBeVisible();
  await expect(folderRow(page, join(root, '2023'))).toHaveAttribute('aria-current', 'true');
  await folderRow(page, join(root, '2023', 'summer')).click();
  await expect(page.getByTestId('photo-tile')).toHaveCount(2);
  await expect(tile(page, c)).toHaveCount(0);
  await screenshotView(app, 'browse-folders');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await screenshotView(app, 'browse-folders-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // "All photos" (or Library in the navbar) goes back to the whole library.
  await page.getByTestId('show-all-photos').click();
  await expect(page.getByTestId('library-count')).toHaveText('7 photos');

  // A file deleted behind the app's back, and the drive unplugged.
  await photos.remove(`Photos/2024/${d}`);
  await photos.move('USB-Drive', 'Unplugged/USB-Drive');
  await scanForMissing(page, jobs);
  await page.getByRole('button', { name: 'Check drives' }).click();
  await expect(page.getByTestId('root-row').filter({ hasText: usb }).getByTestId('root-state')).toHaveText('offline');
  await openView(page, 'library');

  // The folder with the missing file carries its marker, and so does the root above it.
  const y2024 = folderRow(page, join(root, '2024'));
  await expect(y2024).toHaveAccessibleName('2024, 2 photos, 1 missing');
  await expect(missingMarker(page, join(root, '2024'))).toHaveText('1');
  await expect(missingMarker(page, root)).toHaveText('1');
  await expect(missingMarker(page, join(root, '2023'))).toHaveCount(0);
  // The unplugged drive's root shows the drive offline; its photos are not missing.
  const usbRow = folderRow(page, usb);
  await expect(usbRow.getByTestId('folder-drive-badge')).toContainText('Offline');
  await expect(usbRow).toHaveAccessibleName(/^USB-Drive, Offline · .+, 2 photos$/);
  await expect(missingMarker(page, usb)).toHaveCount(0);
  await y2024.click();
  await expect(tile(page, d, 'missing')).toBeVisible();
  await screenshotView(app, 'browse-folders-missing');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await screenshotView(app, 'browse-folders-missing-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // The roots' counts add up to the Library's, and to the Stats' photos outside the trash.
  const rootCounts = await Promise.all([root, usb].map(async (path) => Number(await folderRow(page, path).getAttribute('data-count'))));
  expect(rootCounts.reduce((sum, n) => sum + n, 0)).toBe(7);
  await openView(page, 'stats');
  await expect(statCard(page, 'num_photos')).toHaveText('7');
  await expect(statCard(page, 'num_trashed_photos')).toHaveText('0');
  await expect(statCard(page, 'num_missing_photos')).toHaveText('1');
});
