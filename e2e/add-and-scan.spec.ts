/**
 * First launch: the user adds a folder of real photos (five camera JPEGs, a RAW with its XMP
 * sidecar, a short video) and scans it; the grid shows each photo once, the RAW and its sidecar as
 * one photo, and the Stats dashboard counts the same.
 */
import { addFirstFolderAndScan, openView, statCard, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

test('add a folder and scan: the grid and the stats show every photo', async ({ app, photos, jobs }) => {
  const { page } = app;
  const jpegs = await photos.copyJpegs('Holiday/trip', 5);
  await photos.copyRawWithXmp('Holiday/raw/IMG_0001');
  await photos.copyVideo('Holiday/clip.webm');

  await app.goto();
  const scan = await addFirstFolderAndScan(app, jobs, photos.path('Holiday'));
  // The job counts files: 8 new files, each hashed once.
  expect(scan.result).toMatchObject({ added: 8, hashed: 8, relinked: 0, missing: 0 });

  // 5 JPEGs + 1 RAW (its XMP is a file of the same photo) + 1 video.
  await expect(page.getByTestId('library-count')).toHaveText('7 photos');
  await expect(page.getByTestId('photo-grid')).toHaveAttribute('data-total', '7');
  await expect(page.getByTestId('photo-tile')).toHaveCount(7);
  for (const name of jpegs) await expect(tile(page, name)).toBeVisible();
  await expect(tile(page, 'IMG_0001.cr2')).toBeVisible();
  await expect(tile(page, 'clip.webm', 'present', 'Video')).toBeVisible();
  await expect(page.getByTestId('badge-missing')).toHaveCount(0);
  // The thumbnails the scan made are painted.
  await expect(tile(page, jpegs[0]!).locator('img')).toHaveJSProperty('complete', true);
  await expect.poll(() => tile(page, jpegs[0]!).locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await app.screenshot('library-grid');

  await openView(page, 'stats');
  await expect(statCard(page, 'num_photos')).toHaveText('7');
  await expect(statCard(page, 'num_missing_photos')).toHaveText('0');
  await expect(page.getByTestId('stat-files-IMAGE')).toHaveText('5');
  await expect(page.getByTestId('stat-files-RAW_FILE')).toHaveText('1');
  await expect(page.getByTestId('stat-files-METADATA_FILE')).toHaveText('1');
  await expect(page.getByTestId('stat-files-VIDEO')).toHaveText('1');
  await expect(page.getByTestId('stat-all-num_photos')).toHaveAttribute('data-value', '7');
  await app.screenshot('stats');

  // The same library in the dark theme.
  await app.goto('?scheme=dark');
  await expect(page.getByTestId('photo-tile')).toHaveCount(7);
  await app.screenshot('library-grid-dark');
});
