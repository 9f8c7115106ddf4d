/**
 * The viewer tells the truth about files: a TIFF, a HEIC, a PSD or an AVI that is on disk is never
 * called missing because Chromium cannot render it — it says the format can't be shown here and
 * opens in the system's own app. Only a file that is really gone gets "Missing" / "Video Not Found".
 */
import { addFirstFolderAndScan, closeLightbox, openInLightbox, screenshotView, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

const PRESENT_BUT_FOREIGN: readonly { corpus: string; name: string; kind: 'Photo' | 'Video'; says: string }[] = [
  { corpus: 'exif-samples/tiff/Arbitro.tiff', name: 'Arbitro.tiff', kind: 'Photo', says: "This format can't be shown here" },
  { corpus: 'exif-samples/heic/IMG_5195.HEIC', name: 'IMG_5195.HEIC', kind: 'Photo', says: "This format can't be shown here" },
  { corpus: 'exiftool-samples/Photoshop.psd', name: 'Photoshop.psd', kind: 'Photo', says: "This format can't be shown here" },
  { corpus: 'exiftool-samples/RIFF.avi', name: 'RIFF.avi', kind: 'Video', says: "This video can't be played here" },
];

test('present files Chromium cannot render are shown as present, with "Open in default app"', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Mixed', 1);
  for (const file of PRESENT_BUT_FOREIGN) await photos.copyIn(file.corpus, `Mixed/${file.name}`);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Mixed'));

  for (const file of PRESENT_BUT_FOREIGN) {
    const box = await openInLightbox(page, tile(page, file.name, 'present', file.kind), file.name);
    await expect(box.getByTestId('media-cannot-show')).toContainText(file.says);
    await expect(box.getByText('Missing', { exact: true })).toHaveCount(0);
    await expect(box.getByText('Video Not Found')).toHaveCount(0);
    await expect(box.getByText(/the original file is gone/i)).toHaveCount(0);
    if (file.name === 'Arbitro.tiff') await screenshotView(app, 'lightbox-cannot-show-light');
    if (file.name === 'RIFF.avi') {
      await box.getByRole('button', { name: 'Open in default app' }).click();
      await expect.poll(() => app.openedInDefaultApp()).toEqual([photos.path('Mixed/RIFF.avi')]);
    }
    await closeLightbox(page, box);
  }
  expect(await app.invoke('stats.get', {})).toMatchObject({ ok: true, value: { all: { num_missing_photos: 0 } } });

  await app.goto('?scheme=dark');
  const dark = await openInLightbox(page, tile(page, 'Photoshop.psd', 'present'), 'Photoshop.psd');
  await expect(dark.getByTestId('media-cannot-show')).toBeVisible();
  await screenshotView(app, 'lightbox-cannot-show-dark');
  await closeLightbox(page, dark);

  // Deleted behind the app's back: now, and only now, the video is not found.
  await photos.remove('Mixed/RIFF.avi');
  const gone = await openInLightbox(page, tile(page, 'RIFF.avi', 'present', 'Video'), 'RIFF.avi');
  await expect(gone.getByRole('alert').filter({ hasText: 'Video Not Found' })).toBeVisible();
  await closeLightbox(page, gone);
  await expect(tile(page, 'RIFF.avi', 'missing', 'Video')).toBeVisible();
});
