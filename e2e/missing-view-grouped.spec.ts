/**
 * The Missing view says why and what now (issue 13): a folder moved out of the library, a file
 * deleted and a drive unplugged are grouped by folder, each with its reason in words; the moved
 * folder's group is "Trip-Japan — 3 photos — the folder is gone" with Locate folder…, which relinks
 * it; each photo says when it was taken, where it was and since when; Scan Photos is the main
 * action, Delete Missing Photos the secondary one. After every action the counts agree in the
 * sidebar, the view and the Stats.
 */
import type { Page } from '@playwright/test';
import { addFirstFolderAndScan, missingRow, openView, scanForMissing, scanPhotos, screenshotView, statCard } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

/** A group header of the Missing view by its folder. */
const group = (page: Page, folder: string) => page.getByTestId('missing-group').and(page.locator(`[data-folder="${folder}"]`));

/** The missing count agrees in the sidebar, the Missing view and the Stats. */
async function countsAgree(page: Page, missing: number, offline: number): Promise<void> {
  const badge = page.getByTestId('nav-missing');
  if (missing > 0) await expect(badge).toContainText(missing.toLocaleString());
  else await expect(badge.getByLabel(/missing$/)).toHaveCount(0);
  await openView(page, 'missing');
  await expect(page.getByTestId('missing-count')).toHaveText(`${missing} missing ${missing === 1 ? 'photo' : 'photos'}`);
  await expect(page.getByTestId('missing-list').or(page.getByTestId('missing-empty'))).toBeVisible();
  await openView(page, 'stats');
  await expect(statCard(page, 'num_missing_photos')).toHaveText(String(missing));
  await expect(statCard(page, 'num_offline_photos')).toHaveText(String(offline));
  await openView(page, 'missing');
}

test('missing photos are grouped by folder with the reason in words; Locate folder… from a group relinks it; the counts agree', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyIn('exif-samples/jpg/Canon_40D.jpg', 'Photos/Trip-Japan/day1/kyoto.jpg');
  await photos.copyIn('exif-samples/jpg/Nikon_D70.jpg', 'Photos/Trip-Japan/day1/nara.jpg');
  await photos.copyIn('exif-samples/jpg/Pentax_K10D.jpg', 'Photos/Trip-Japan/day2/osaka.jpg');
  await photos.copyIn('exif-samples/jpg/Kodak_CX7530.jpg', 'Photos/home/kitchen.jpg');
  await photos.copyIn('exif-samples/jpg/Sony_HDR-HC3.jpg', 'Photos/home/garden.jpg');
  await photos.copyIn('exif-samples/jpg/Panasonic_DMC-FZ30.jpg', 'USB-Drive/DCIM/P1000001.jpg');
  await photos.copyIn('exif-samples/jpg/Fujifilm_FinePix_E500.jpg', 'USB-Drive/DCIM/P1000002.jpg');
  const usb = photos.path('USB-Drive');

  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await openView(page, 'settings');
  await app.setNextPickedFolder(usb);
  await jobs.after('scan_photos', () => page.getByRole('button', { name: 'Add a folder' }).click());
  await openView(page, 'library');
  await expect(page.getByTestId('library-count')).toHaveText('7 photos');

  // Outside the app: the trip folder is moved to another disk, a photo is deleted, the drive is unplugged.
  await photos.move('Photos/Trip-Japan', 'Other-Disk/Trip-Japan');
  await photos.remove('Photos/home/kitchen.jpg');
  await photos.move('USB-Drive', 'Unplugged/USB-Drive');
  await scanForMissing(page, jobs);
  await countsAgree(page, 4, 2);

  // Grouped by folder, each group with its reason in words and Locate folder….
  await expect(page.getByTestId('missing-group-count')).toHaveText('in 2 folders');
  const trip = group(page, photos.path('Photos/Trip-Japan'));
  await expect(trip.getByTestId('missing-group-title')).toHaveText('Trip-Japan — 3 photos — the folder is gone');
  await expect(trip).toHaveAttribute('data-reason', 'folder_gone');
  await expect(trip.getByTestId('missing-group-what-now')).toContainText('Locate folder…');
  const home = group(page, photos.path('Photos/home'));
  await expect(home.getByTestId('missing-group-title')).toHaveText('home — 1 photo — its file is gone from the folder');
  await expect(page.getByTestId('missing-group')).toHaveCount(2);
  // The trip's photos come right under their header, in path order; each says why, where, when taken, since when.
  const rows = page.getByTestId('missing-row');
  await expect(rows).toHaveCount(4);
  const order = await page.getByRole('list', { name: 'Missing photos' }).getByRole('listitem').evaluateAll((items) =>
    items.map((item) => item.querySelector('[data-testid="missing-group-title"]')?.textContent ?? item.querySelector('[data-testid="missing-row"] button')?.getAttribute('aria-label')),
  );
  expect(order).toEqual([
    'Trip-Japan — 3 photos — the folder is gone',
    'Photo kyoto.jpg, missing',
    'Photo nara.jpg, missing',
    'Photo osaka.jpg, missing',
    'home — 1 photo — its file is gone from the folder',
    'Photo kitchen.jpg, missing',
  ]);
  const kyoto = missingRow(page, 'kyoto.jpg');
  await expect(kyoto.getByTestId('missing-row-reason')).toHaveText('folder gone');
  await expect(kyoto.getByTestId('missing-row-path')).toHaveText(photos.path('Photos/Trip-Japan/day1/kyoto.jpg'));
  await expect(kyoto.getByTestId('missing-row-when')).toContainText(/^taken \w{3} \d{1,2}, 2008 · missing since /);
  await expect(missingRow(page, 'kitchen.jpg').getByTestId('missing-row-reason')).toHaveText('file gone');
  await expect(page.getByRole('button', { name: 'Locate… kitchen.jpg' })).toBeVisible();
  // Scan Photos is the way out (filled); Delete Missing Photos is secondary (red outline).
  await expect(page.getByRole('button', { name: 'Scan Photos', exact: true })).toHaveAttribute('data-action', 'main');
  await expect(page.getByRole('button', { name: 'Delete Missing Photos' })).toHaveAttribute('data-action', 'secondary');
  await expect(page.getByTestId('missing-offline-hint')).toContainText('2 more photos are on a drive that is not connected');
  await screenshotView(app, 'missing-view-grouped');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await app.screenshot('missing-view-grouped-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // The drive is on its own tab, as its own group: not missing.
  await page.getByTestId('missing-kind').getByText('Offline').click();
  await expect(page.getByTestId('missing-count')).toHaveText('2 photos on offline drives');
  const drive = group(page, usb);
  await expect(drive.getByTestId('missing-group-title')).toHaveText(/^USB-Drive — 2 photos — (its drive|the drive “.+”) is not connected$/);
  await expect(missingRow(page, 'P1000001.jpg', 'offline').getByTestId('missing-row-reason')).toHaveText('drive offline');
  await screenshotView(app, 'missing-view-offline-grouped');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await app.screenshot('missing-view-offline-grouped-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // Locate folder… from the trip's group: pointed at where it is now, its three photos come back.
  await page.getByTestId('missing-kind').getByText('Missing').click();
  await app.setNextPickedFolder(photos.path('Other-Disk/Trip-Japan'));
  await trip.getByRole('button', { name: /^Locate folder…/ }).click();
  await expect(page.getByText('3 files relinked.')).toBeVisible();
  await expect(trip).toHaveCount(0);
  await countsAgree(page, 1, 2);
  await expect(page.getByTestId('missing-group')).toHaveCount(1);
  await expect(missingRow(page, 'kitchen.jpg')).toBeVisible();

  // Locate folder… for the drive, from its group on the Offline tab.
  await page.getByTestId('missing-kind').getByText('Offline').click();
  await app.setNextPickedFolder(photos.path('Unplugged/USB-Drive'));
  await drive.getByRole('button', { name: /^Locate folder…/ }).click();
  await expect(page.getByTestId('missing-empty')).toHaveText('No photos are on offline drives.');
  await page.getByTestId('missing-kind').getByText('Missing').click();
  await countsAgree(page, 1, 0);

  // The deleted file comes back under another name: Scan Photos (from the Missing view) relinks it.
  await photos.copyIn('exif-samples/jpg/Kodak_CX7530.jpg', 'Photos/home/kitchen-again.jpg');
  await scanPhotos(page, jobs);
  await expect(page.getByTestId('missing-empty')).toBeVisible();
  await countsAgree(page, 0, 0);
});
