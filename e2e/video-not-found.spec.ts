/**
 * Videos in the lightbox: a real VP9 clip plays from the app's media scheme; once its file is moved
 * away and Scan for Missing has run, opening it shows the red "Video Not Found" alert. A video whose
 * file vanishes without any scan shows the same alert when opened (the media request answers 404)
 * and is flagged missing at once.
 */
import type { Locator } from '@playwright/test';
import { addFirstFolderAndScan, closeLightbox, missingRow, openInLightbox, openView, scanForMissing, screenshotView, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

const TITLE = 'Video Not Found';
const TEXT = 'The video file could not be found or is no longer available.';

/** Waits until the lightbox's <video> has loaded the clip's metadata (it really plays). */
async function expectVideoLoads(box: Locator): Promise<void> {
  const video = box.getByTestId('lightbox-video');
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState)).toBeGreaterThanOrEqual(1);
  expect(await video.evaluate((element: HTMLVideoElement) => element.duration)).toBeGreaterThan(2);
  expect(await video.evaluate((element: HTMLVideoElement) => element.error)).toBeNull();
  await expect(box.getByRole('alert')).toHaveCount(0);
}

/** The red alert, with exactly the title and text. */
async function expectVideoNotFound(box: Locator): Promise<void> {
  const alert = box.getByRole('alert').filter({ hasText: TITLE });
  await expect(alert).toBeVisible();
  await expect(alert.locator('.mantine-Alert-title')).toHaveText(TITLE);
  await expect(alert.locator('.mantine-Alert-message')).toHaveText(TEXT);
  await expect(box.getByTestId('lightbox-video')).toHaveCount(0);
}

test('a video that plays, then is moved away and found missing, shows "Video Not Found"', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Videos', 2);
  await photos.copyVideo('Videos/clip.webm');
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Videos'));
  await expect(page.getByTestId('library-count')).toHaveText('3 photos');

  const playing = await openInLightbox(page, tile(page, 'clip.webm', 'present', 'Video'), 'clip.webm');
  await expectVideoLoads(playing);
  await closeLightbox(page, playing);

  // Outside the app the clip is moved out of the library's folder.
  await photos.move('Videos/clip.webm', 'Desktop/clip.webm');
  const job = await scanForMissing(page, jobs);
  expect(job.result).toMatchObject({ newly_missing: 1 });

  await openView(page, 'missing');
  await expect(page.getByTestId('missing-count')).toHaveText('1 missing photo');
  await expect(missingRow(page, 'clip.webm', 'missing', 'Video').getByTestId('missing-row-path')).toHaveText(photos.path('Videos/clip.webm'));
  const box = await openInLightbox(page, missingRow(page, 'clip.webm', 'missing', 'Video'), 'clip.webm');
  await expectVideoNotFound(box);
  await screenshotView(app, 'lightbox-video-not-found');
  await closeLightbox(page, box);

  // From the grid too: the tile is labelled and opens to the same alert.
  await openView(page, 'library');
  await expect(tile(page, 'clip.webm', 'missing', 'Video').getByTestId('badge-missing')).toHaveText('Missing');
  await expectVideoNotFound(await openInLightbox(page, tile(page, 'clip.webm', 'missing', 'Video'), 'clip.webm'));
});

test('a video whose file vanished without a scan shows "Video Not Found" and is flagged missing', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Videos', 1);
  await photos.copyVideo('Videos/clip.webm');
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Videos'));
  await expect(tile(page, 'clip.webm', 'present', 'Video')).toBeVisible();

  // Deleted behind the app's back; no scan runs.
  await photos.remove('Videos/clip.webm');
  const box = await openInLightbox(page, tile(page, 'clip.webm', 'present', 'Video'), 'clip.webm');
  await expectVideoNotFound(box);
  await closeLightbox(page, box);

  // The 404 flagged it missing at once: the grid, the Missing view and its count say so.
  await expect(tile(page, 'clip.webm', 'missing', 'Video').getByTestId('badge-missing')).toHaveText('Missing');
  await openView(page, 'missing');
  await expect(page.getByTestId('missing-count')).toHaveText('1 missing photo');
  await expect(missingRow(page, 'clip.webm', 'missing', 'Video')).toBeVisible();
});
