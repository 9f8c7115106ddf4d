/**
 * Files removed outside the app: after Scan for Missing Photos (Settings),
 * the Missing view lists exactly those photos with the "Missing" label, their last known path and
 * the count; the stats count them, and their grid tiles carry the Missing badge.
 */
import { addFirstFolderAndScan, missingRow, openView, scanForMissing, screenshotView, statCard, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

test('files removed outside the app are listed as missing, with label, path and counts', async ({ app, photos, jobs }) => {
  const { page } = app;
  const trip = await photos.copyJpegs('Photos/trip', 5);
  await photos.copyIn('exif-samples/jpg/Kodak_CX7530.jpg', 'Photos/home/kitchen.jpg');
  await photos.copyRawWithXmp('Photos/home/IMG_0002');
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await expect(page.getByTestId('library-count')).toHaveText('7 photos');

  // Outside the app: two trip photos and the kitchen photo are deleted.
  const gone = [trip[1]!, trip[3]!];
  await photos.remove(...gone.map((name) => `Photos/trip/${name}`), 'Photos/home/kitchen.jpg');

  const job = await scanForMissing(page, jobs);
  // (The live library may have seen them go first: then this check finds them missing already.)
  expect(job.result).toMatchObject({ missing: 3 });
  const row = page.getByTestId('job-history-row').filter({ hasText: 'Scan for Missing Photos' }).first();
  await expect(row.getByTestId('job-status')).toHaveText('succeeded');
  // What it found, in words.
  await expect(row.getByTestId('job-result')).toHaveText('Checked 8 files: 3 missing');
  await screenshotView(app, 'settings-library-management');

  await openView(page, 'missing');
  await expect(page.getByTestId('missing-count')).toHaveText('3 missing photos');
  await expect(page.getByTestId('missing-list')).toHaveAttribute('data-total', '3');
  const list = page.getByRole('list', { name: 'Missing photos' });
  await expect(list.getByTestId('missing-row')).toHaveCount(3);
  for (const [name, rel] of [
    [gone[0]!, `Photos/trip/${gone[0]!}`],
    [gone[1]!, `Photos/trip/${gone[1]!}`],
    ['kitchen.jpg', 'Photos/home/kitchen.jpg'],
  ] as const) {
    const entry = missingRow(page, name);
    await expect(entry).toBeVisible();
    await expect(entry.getByText('Missing', { exact: true })).toBeVisible();
    await expect(entry.getByTestId('missing-row-path')).toHaveText(photos.path(rel));
    await expect(entry).toContainText(`Folder ${photos.path('Photos')}`);
  }
  // Photos still on disk are not listed.
  await expect(list.getByRole('button', { name: `Photo ${trip[0]!}, missing` })).toHaveCount(0);
  await screenshotView(app, 'missing-view');

  await openView(page, 'stats');
  await expect(statCard(page, 'num_missing_photos')).toHaveText('3');
  await expect(statCard(page, 'num_photos')).toHaveText('7');
  await expect(statCard(page, 'num_offline_photos')).toHaveText('0');

  await openView(page, 'library');
  await expect(page.getByTestId('photo-tile')).toHaveCount(7);
  await expect(page.getByTestId('badge-missing')).toHaveCount(3);
  for (const name of [...gone, 'kitchen.jpg']) {
    const missing = tile(page, name, 'missing');
    await expect(missing).toHaveAttribute('data-availability', 'missing');
    await expect(missing.getByTestId('badge-missing')).toHaveText('Missing');
  }
  await expect(tile(page, trip[0]!)).toHaveAttribute('data-availability', 'present');
  await expect(tile(page, 'IMG_0002.cr2')).toHaveAttribute('data-availability', 'present');
  await screenshotView(app, 'library-grid-with-missing');

  // The Missing view in the dark theme.
  await app.goto('?scheme=dark#missing');
  await expect(page.getByTestId('missing-count')).toHaveText('3 missing photos');
  await expect(page.getByTestId('missing-row')).toHaveCount(3);
  await screenshotView(app, 'missing-view-dark');
});
