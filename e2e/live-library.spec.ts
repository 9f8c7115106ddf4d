/**
 * The live library, as a user meets it: with the app open and nobody pressing anything, a photo
 * renamed in the file manager keeps its place and its stars, one deleted shows as missing, and a
 * photo copied in appears — within seconds, in the grid and the counts. Settings says the folder is
 * watched and the history has a quiet line for what was noticed.
 */
import { copyFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { addFirstFolderAndScan, closeLightbox, openInLightbox, openView, screenshotView, setRating, statCard, tile } from './support/app-steps.ts';
import { CORPUS } from './support/photo-folder.ts';
import { expect, test } from './support/story-test.ts';

test.use({ watchFolders: true });

test('changes on disk show up by themselves while the app is open', async ({ app, photos, jobs }) => {
  const { page } = app;
  const names = await photos.copyJpegs('Family', 3);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Family'));
  const [first, second] = names as [string, string, string];
  const box = await openInLightbox(page, tile(page, first), first);
  await setRating(box, 4);
  await closeLightbox(page, box);

  await rename(photos.path(`Family/${first}`), photos.path('Family/Renamed.jpg'));
  await expect(tile(page, 'Renamed.jpg')).toBeVisible({ timeout: 10_000 });
  await expect(tile(page, first)).toHaveCount(0);
  const renamed = await openInLightbox(page, tile(page, 'Renamed.jpg'), 'Renamed.jpg');
  await expect(renamed.getByRole('radio', { name: '4 stars' })).toBeChecked();
  await closeLightbox(page, renamed);

  await photos.remove(`Family/${second}`);
  await expect(tile(page, second, 'missing')).toBeVisible({ timeout: 10_000 });
  await copyFile(join(CORPUS, 'exif-samples/jpg/Kodak_CX7530.jpg'), photos.path('Family/New.jpg'));
  await expect(tile(page, 'New.jpg')).toBeVisible({ timeout: 10_000 });

  await openView(page, 'stats');
  await expect(statCard(page, 'num_photos')).toHaveText('4');
  await expect(statCard(page, 'num_missing_photos')).toHaveText('1');

  await openView(page, 'settings');
  await expect(page.getByTestId('root-watch')).toHaveText('Watching');
  await expect(page.getByTestId('job-history-row').filter({ hasText: 'Keepsake noticed 1 moved photo' })).toBeVisible();
  await expect(page.getByTestId('watch-folders')).toBeChecked();
  await screenshotView(app, 'settings-live-library-light');
  await app.goto('?scheme=dark');
  await openView(page, 'settings');
  await expect(page.getByTestId('root-watch')).toHaveText('Watching');
  await screenshotView(app, 'settings-live-library-dark');
});
