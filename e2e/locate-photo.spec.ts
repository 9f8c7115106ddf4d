/**
 * Locate… one missing photo (issue 13): the user picks the file the photo became. Keepsake checks
 * it by content: a file that is another photo, or no photo of the library, is refused with why, and
 * nothing changes; the right file — renamed, on another disk — is relinked: the same photo, its
 * rating kept, and nothing missing any more in the view, the sidebar or the Stats.
 */
import type { Page } from '@playwright/test';
import {
  addFirstFolderAndScan,
  closeLightbox,
  missingRow,
  openInLightbox,
  openView,
  ratingRadio,
  scanForMissing,
  setRating,
  statCard,
  storedPhoto,
  tile,
} from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

/** The error toast of a refused Locate…. */
const refusal = (page: Page) => page.getByRole('alert').filter({ hasText: 'Could not locate Canon_40D.jpg' });

test('Locate… a single photo: a wrong file is refused, the right one is relinked with its rating', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Photos/trip', 3);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await expect(page.getByTestId('library-count')).toHaveText('3 photos');
  const hash = await tile(page, 'Canon_40D.jpg').getAttribute('data-image-hash');
  if (!hash) throw new Error('no tile for Canon_40D.jpg');
  const box = await openInLightbox(page, tile(page, 'Canon_40D.jpg'), 'Canon_40D.jpg');
  await setRating(box, 4);
  await expect.poll(async () => (await storedPhoto(app, hash)).rating).toBe(4);
  await closeLightbox(page, box);

  // Outside the app: the photo is renamed onto another disk; another photo is kept there too.
  await photos.move('Photos/trip/Canon_40D.jpg', 'Other-Disk/iguana.jpg');
  await photos.copyIn('exif-samples/jpg/Kodak_CX7530.jpg', 'Other-Disk/not-it.jpg');
  await scanForMissing(page, jobs);
  await openView(page, 'missing');
  await expect(page.getByTestId('missing-count')).toHaveText('1 missing photo');
  const row = missingRow(page, 'Canon_40D.jpg');
  const locate = page.getByRole('button', { name: 'Locate… Canon_40D.jpg' });

  // A file that is no photo of the library: refused, by content.
  await app.setNextPickedFile(photos.path('Other-Disk/not-it.jpg'));
  await locate.click();
  await expect(refusal(page)).toContainText('This file is not Canon_40D.jpg: its content is different');
  await expect(row).toBeVisible();
  // The refusal is a toast in the corner, over no button of the view.
  await app.screenshot('locate-photo-refused');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await app.screenshot('locate-photo-refused-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));
  await refusal(page).getByRole('button', { name: 'Dismiss notification' }).click();

  // A file that is another photo of the library: refused too, and said so.
  await app.setNextPickedFile(photos.path('Photos/trip/Nikon_D70.jpg'));
  await locate.click();
  await expect(refusal(page)).toContainText('This file is another photo of the library (Nikon_D70.jpg), not Canon_40D.jpg');
  await refusal(page).getByRole('button', { name: 'Dismiss notification' }).click();
  // Cancelling the picker changes nothing.
  await app.setNextPickedFile(null);
  await locate.click();
  await expect(page.getByTestId('missing-count')).toHaveText('1 missing photo');
  expect((await storedPhoto(app, hash)).availability).toBe('missing');

  // The right file, renamed on another disk: relinked.
  await app.setNextPickedFile(photos.path('Other-Disk/iguana.jpg'));
  await locate.click();
  await expect(page.getByText('Canon_40D.jpg found')).toBeVisible();
  await expect(page.getByTestId('missing-empty')).toBeVisible();
  await expect(page.getByTestId('missing-count')).toHaveText('0 missing photos');
  await expect(page.getByTestId('nav-missing')).not.toContainText(/\d/);
  await openView(page, 'stats');
  await expect(statCard(page, 'num_missing_photos')).toHaveText('0');
  await expect(statCard(page, 'num_photos')).toHaveText('3');

  // The same photo, at its new place, with its rating.
  await openView(page, 'library');
  const relinked = tile(page, 'iguana.jpg');
  await expect(relinked).toHaveAttribute('data-image-hash', hash);
  await expect(relinked).toHaveAttribute('data-availability', 'present');
  const again = await openInLightbox(page, relinked, 'iguana.jpg');
  await expect(again.getByTestId('photo-file')).toContainText(photos.path('Other-Disk/iguana.jpg'));
  await expect(ratingRadio(again, 4)).toBeChecked();
  expect((await storedPhoto(app, hash)).rating).toBe(4);
  await closeLightbox(page, again);
});
