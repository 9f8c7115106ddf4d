/**
 * A drive that is not plugged in is never "missing" (issue 4, app side). Simulated unplug: the
 * root folder of the "drive" is renamed away as a whole (what the app sees when a USB disk is
 * pulled: the folder is absent). Its root shows "offline" in Settings; its photos are shown
 * Offline (badge, greyed), are not counted missing, have their own tab and count; Delete Missing
 * offers them only behind an unchecked box and deletes none without it; "Locate folder…" pointed
 * at the folder's new place brings them back online.
 */
import type { Page } from '@playwright/test';
import { addFirstFolderAndScan, missingRow, openView, scanForMissing, screenshotView, statCard, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

function rootRow(page: Page, path: string) {
  return page.getByTestId('root-row').filter({ has: page.getByRole('cell', { name: path, exact: true }) });
}

test('an unplugged drive is offline, not missing; Delete Missing spares it; Locate folder brings it back', async ({ app, photos, jobs }) => {
  const { page } = app;
  const local = await photos.copyJpegs('Local', 3);
  await photos.copyIn('exif-samples/jpg/Panasonic_DMC-FZ30.jpg', 'USB-Drive/DCIM/P1000001.jpg');
  await photos.copyIn('exif-samples/jpg/Kodak_CX7530.jpg', 'USB-Drive/DCIM/P1000002.jpg');
  await photos.copyIn('exif-samples/jpg/Fujifilm_FinePix_E500.jpg', 'USB-Drive/DCIM/P1000003.jpg');
  const usbFiles = ['P1000001.jpg', 'P1000002.jpg', 'P1000003.jpg'];
  const usb = photos.path('USB-Drive');

  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Local'));
  // The drive is added as a second folder of the library in Settings, which scans it.
  await openView(page, 'settings');
  await app.setNextPickedFolder(usb);
  await jobs.after('scan_photos', () => page.getByRole('button', { name: 'Add a folder' }).click());
  await expect(rootRow(page, usb).getByTestId('root-state')).toHaveText('online');
  await openView(page, 'library');
  await expect(page.getByTestId('library-count')).toHaveText('6 photos');

  // One local photo is really deleted; the drive is "unplugged" (its folder vanishes as a whole).
  await photos.remove(`Local/${local[0]!}`);
  await photos.move('USB-Drive', 'Unplugged/USB-Drive');

  const job = await scanForMissing(page, jobs);
  expect(job.result).toMatchObject({ newly_missing: 1, missing: 1, skipped_roots: 1 });
  await page.getByRole('button', { name: 'Check drives' }).click();
  const usbRow = rootRow(page, usb);
  await expect(usbRow).toHaveAttribute('data-state', 'offline');
  await expect(usbRow.getByTestId('root-state')).toHaveText('offline');
  await expect(rootRow(page, photos.path('Local')).getByTestId('root-state')).toHaveText('online');
  await expect(usbRow.getByRole('button', { name: `Locate folder… ${usb}` })).toBeVisible();
  await screenshotView(app, 'settings-offline-root');

  // Grid: the drive's photos are Offline and greyed, the deleted one Missing.
  await openView(page, 'library');
  await expect(page.getByTestId('badge-offline')).toHaveCount(3);
  await expect(page.getByTestId('badge-missing')).toHaveCount(1);
  for (const name of usbFiles) {
    const offline = tile(page, name, 'offline');
    await expect(offline).toHaveAttribute('data-availability', 'offline');
    await expect(offline.getByTestId('badge-offline')).toHaveText('Offline');
    await expect(offline.locator('.ks-thumb')).toHaveCSS('filter', 'grayscale(1)');
  }
  await expect(tile(page, local[0]!, 'missing')).toBeVisible();
  await screenshotView(app, 'library-grid-offline');

  // Missing view: only the really missing photo; the Offline tab lists the drive's photos.
  await openView(page, 'missing');
  await expect(page.getByTestId('missing-count')).toHaveText('1 missing photo');
  await expect(page.getByTestId('missing-row')).toHaveCount(1);
  await expect(missingRow(page, local[0]!)).toBeVisible();
  await page.getByTestId('missing-kind').getByText('Offline').click();
  await expect(page.getByTestId('missing-count')).toHaveText('3 photos on offline drives');
  await expect(page.getByTestId('offline-explainer')).toContainText('on a drive that is not connected');
  const offlineList = page.getByRole('list', { name: 'Offline photos' });
  await expect(offlineList.getByTestId('missing-row')).toHaveCount(3);
  for (const name of usbFiles) await expect(missingRow(page, name, 'offline')).toHaveAttribute('data-availability', 'offline');
  await screenshotView(app, 'missing-view-offline-tab');

  await openView(page, 'stats');
  await expect(statCard(page, 'num_missing_photos')).toHaveText('1');
  await expect(statCard(page, 'num_offline_photos')).toHaveText('3');
  await expect(statCard(page, 'num_photos')).toHaveText('6');

  // Delete Missing: the offline photos are offered only behind an unchecked box.
  await openView(page, 'missing');
  await page.getByRole('button', { name: 'Delete Missing Photos' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete missing photos?' });
  const includeOffline = dialog.getByRole('checkbox', { name: 'Also delete 3 photos on offline drives' });
  await expect(includeOffline).toBeVisible();
  await expect(includeOffline).not.toBeChecked();
  await expect(dialog.getByTestId('delete-preview-photos')).toHaveText('1 photo');
  await screenshotView(app, 'confirm-delete-dialog-offline');
  const deleted = await jobs.after('delete_missing', () => dialog.getByRole('button', { name: 'Delete 1 photo', exact: true }).click());
  expect(deleted.result).toMatchObject({ removed: { photos: 1, offline_photos: 0 } });
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('missing-count')).toHaveText('0 missing photos');
  await openView(page, 'stats');
  await expect(statCard(page, 'num_photos')).toHaveText('5');
  await expect(statCard(page, 'num_offline_photos')).toHaveText('3');

  // "Locate folder…" on the offline root, pointed at where the folder is now.
  await openView(page, 'settings');
  await app.setNextPickedFolder(photos.path('Unplugged/USB-Drive'));
  await page.getByRole('button', { name: `Locate folder… ${usb}` }).click();
  const moved = rootRow(page, photos.path('Unplugged/USB-Drive'));
  await expect(moved.getByTestId('root-state')).toHaveText('online');
  await expect(page.getByTestId('root-row').and(page.locator('[data-state="offline"]'))).toHaveCount(0);

  await openView(page, 'library');
  await expect(page.getByTestId('library-count')).toHaveText('5 photos');
  await expect(page.getByTestId('badge-offline')).toHaveCount(0);
  for (const name of usbFiles) await expect(tile(page, name)).toHaveAttribute('data-availability', 'present');
  await openView(page, 'stats');
  await expect(statCard(page, 'num_offline_photos')).toHaveText('0');
  await expect(statCard(page, 'num_missing_photos')).toHaveText('0');
});
