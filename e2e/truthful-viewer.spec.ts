/**
 * The viewer tells the truth about files, for every format of the corpus: a file that is on disk is
 * never called missing because Chromium cannot render it. TIFF, HEIC, RAW and PSD are shown through
 * the preview Keepsake makes; what nothing here can show says so and opens in the system's own app.
 * Only a file that is really gone gets "Missing" / "Video Not Found" — with the thumbnail it kept.
 */
import { writeFile } from 'node:fs/promises';
import { makeJpeg, makeTiffRawWithPreview } from '../test/support/raw-with-preview.ts';
import { addFirstFolderAndScan, closeLightbox, openInLightbox, openView, scanForMissing, screenshotView, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

type Shows = 'file' | 'preview' | 'video' | 'cannot-show' | 'any';

/** One file of each format the corpus has, and how the viewer shows it when it is on disk. */
const FORMATS: readonly { corpus: string; name: string; kind: 'Photo' | 'Video'; shows: Shows }[] = [
  { corpus: 'exif-samples/jpg/Canon_40D.jpg', name: 'Canon_40D.jpg', kind: 'Photo', shows: 'file' },
  { corpus: 'exiftool-samples/PNG.png', name: 'PNG.png', kind: 'Photo', shows: 'file' },
  { corpus: 'exiftool-samples/GIF.gif', name: 'GIF.gif', kind: 'Photo', shows: 'file' },
  { corpus: 'exiftool-samples/RIFF.webp', name: 'RIFF.webp', kind: 'Photo', shows: 'file' },
  { corpus: 'exiftool-samples/BMP.bmp', name: 'BMP.bmp', kind: 'Photo', shows: 'file' },
  { corpus: 'exif-samples/tiff/Arbitro.tiff', name: 'Arbitro.tiff', kind: 'Photo', shows: 'preview' },
  { corpus: 'exif-samples/heic/IMG_5195.HEIC', name: 'IMG_5195.HEIC', kind: 'Photo', shows: 'preview' },
  { corpus: 'exif-samples/heic/mobile/HMD_Nokia_8.3_5G.heif', name: 'HMD_Nokia_8.3_5G.heif', kind: 'Photo', shows: 'preview' },
  { corpus: 'exiftool-samples/QuickTime.heic', name: 'QuickTime.heic', kind: 'Photo', shows: 'cannot-show' },
  { corpus: 'exiftool-samples/Photoshop.psd', name: 'Photoshop.psd', kind: 'Photo', shows: 'any' },
  { corpus: 'exiftool-samples/JXL2.jxl', name: 'JXL2.jxl', kind: 'Photo', shows: 'any' },
  { corpus: 'exiftool-samples/DNG.dng', name: 'DNG.dng', kind: 'Photo', shows: 'preview' },
  { corpus: 'exiftool-samples/Nikon.nef', name: 'Nikon.nef', kind: 'Photo', shows: 'preview' },
  { corpus: 'exiftool-samples/CanonRaw.cr2', name: 'CanonRaw.cr2', kind: 'Photo', shows: 'cannot-show' },
  { corpus: 'exiftool-samples/CanonRaw.cr3', name: 'CanonRaw.cr3', kind: 'Photo', shows: 'cannot-show' },
  { corpus: 'exiftool-samples/FujiFilm.raf', name: 'FujiFilm.raf', kind: 'Photo', shows: 'preview' },
  { corpus: 'exiftool-samples/Panasonic.rw2', name: 'Panasonic.rw2', kind: 'Photo', shows: 'preview' },
  { corpus: 'exiftool-samples/Sigma.x3f', name: 'Sigma.x3f', kind: 'Photo', shows: 'cannot-show' },
  { corpus: 'exiftool-samples/Minolta.mrw', name: 'Minolta.mrw', kind: 'Photo', shows: 'cannot-show' },
  { corpus: 'exiftool-samples/PhaseOne.iiq', name: 'PhaseOne.iiq', kind: 'Photo', shows: 'preview' },
  // Debian's Chromium has no H.264 (Electron's has): it plays, or says it can't be played here.
  { corpus: 'video/clip-h264.mp4', name: 'clip-h264.mp4', kind: 'Video', shows: 'any' },
  { corpus: 'video/clip-vp9.webm', name: 'clip-vp9.webm', kind: 'Video', shows: 'video' },
  { corpus: 'video/clip.mov', name: 'clip.mov', kind: 'Video', shows: 'any' },
  { corpus: 'exiftool-samples/RIFF.avi', name: 'RIFF.avi', kind: 'Video', shows: 'cannot-show' },
  { corpus: 'exiftool-samples/ASF.wmv', name: 'ASF.wmv', kind: 'Video', shows: 'cannot-show' },
  { corpus: 'exiftool-samples/M2TS.mts', name: 'M2TS.mts', kind: 'Video', shows: 'cannot-show' },
  { corpus: 'exiftool-samples/DV.dv', name: 'DV.dv', kind: 'Video', shows: 'cannot-show' },
  { corpus: 'exiftool-samples/Matroska.mkv', name: 'Matroska.mkv', kind: 'Video', shows: 'any' },
  { corpus: 'exiftool-samples/QuickTime.mov', name: 'QuickTime.mov', kind: 'Video', shows: 'any' },
];

test('every format on disk is shown as present: the file, its preview, or "Open in default app"', async ({ app, photos, jobs }) => {
  test.setTimeout(180_000);
  const { page } = app;
  for (const file of FORMATS) await photos.copyIn(file.corpus, `Mixed/${file.name}`);
  // A RAW with a real embedded preview (the corpus RAWs are stubs), shot in portrait.
  const raw = await makeTiffRawWithPreview({ previewJpeg: await makeJpeg(1600, 1066, { background: '#c63' }), thumbJpeg: await makeJpeg(160, 106), orientation: 6, extension: 'nef' });
  await writeFile(photos.path('Mixed/Portrait.nef'), raw);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Mixed'));

  for (const file of [...FORMATS, { name: 'Portrait.nef', kind: 'Photo' as const, shows: 'preview' as Shows }]) {
    const box = await openInLightbox(page, tile(page, file.name, 'present', file.kind), file.name);
    // What it shows settles (a preview takes a moment; a failed one is checked against the file).
    const shown = box.getByTestId('lightbox-image').or(box.getByTestId('lightbox-video')).or(box.getByTestId('media-cannot-show'));
    await expect(shown).toBeVisible();
    await expect(box.getByLabel('Checking the file')).toHaveCount(0);
    await expect(box.getByText('Missing', { exact: true }), file.name).toHaveCount(0);
    await expect(box.getByText('Video Not Found'), file.name).toHaveCount(0);
    await expect(box.getByText(/the original file is gone/i), file.name).toHaveCount(0);
    if (file.shows === 'file' || file.shows === 'preview') {
      const image = box.getByTestId('lightbox-image');
      await expect(image, file.name).toHaveAttribute('data-source', file.shows);
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { message: file.name }).toBeGreaterThan(0);
    }
    if (file.shows === 'video') {
      // It really loads (not merely a <video> that is about to fail).
      await expect.poll(() => box.getByTestId('lightbox-video').evaluate((video: HTMLVideoElement) => video.readyState), { message: file.name }).toBeGreaterThan(0);
    }
    if (file.shows === 'cannot-show') {
      await expect(box.getByTestId('media-cannot-show'), file.name).toContainText(file.kind === 'Video' ? "This video can't be played here" : "This format can't be shown here");
    }
    if (file.name === 'IMG_5195.HEIC') await screenshotView(app, 'lightbox-heic-preview-light');
    if (file.name === 'Portrait.nef') {
      // The 1600×1066 preview, turned upright by the RAW's orientation.
      const size = await box.getByTestId('lightbox-image').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
      expect(size).toEqual([1066, 1600]);
    }
    if (file.name === 'RIFF.avi') {
      await screenshotView(app, 'lightbox-cannot-show-light');
      await box.getByRole('button', { name: 'Open in default app' }).click();
      await expect.poll(() => app.openedInDefaultApp()).toEqual([photos.path('Mixed/RIFF.avi')]);
    }
    await closeLightbox(page, box);
  }
  expect(await app.invoke('stats.get', {})).toMatchObject({ ok: true, value: { all: { num_missing_photos: 0 } } });

  await app.goto('?scheme=dark');
  const dark = await openInLightbox(page, tile(page, 'HMD_Nokia_8.3_5G.heif', 'present'), 'HMD_Nokia_8.3_5G.heif');
  await expect.poll(() => dark.getByTestId('lightbox-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await screenshotView(app, 'lightbox-heic-preview-dark');
  await closeLightbox(page, dark);
  const darkAvi = await openInLightbox(page, tile(page, 'RIFF.avi', 'present', 'Video'), 'RIFF.avi');
  await expect(darkAvi.getByTestId('media-cannot-show')).toBeVisible();
  await screenshotView(app, 'lightbox-cannot-show-dark');
  await closeLightbox(page, darkAvi);
});

test('a missing JPEG, HEIC and video still show the thumbnail Keepsake kept, with the right alert', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyIn('exif-samples/jpg/Canon_40D.jpg', 'Trip/Canon_40D.jpg');
  await photos.copyIn('exif-samples/heic/IMG_5195.HEIC', 'Trip/IMG_5195.HEIC');
  await photos.copyIn('video/clip-h264.mp4', 'Trip/clip-h264.mp4');
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Trip'));
  // Every one got a real thumbnail (the video a poster) before it went.
  for (const [name, kind] of [['Canon_40D.jpg', 'Photo'], ['IMG_5195.HEIC', 'Photo'], ['clip-h264.mp4', 'Video']] as const) {
    await expect(tile(page, name, 'present', kind).locator('img.ks-thumb')).toBeVisible();
  }
  await expect(tile(page, 'clip-h264.mp4', 'present', 'Video').locator('.ks-tile-duration')).toHaveAttribute('data-duration', '0:03');

  await photos.remove('Trip/Canon_40D.jpg', 'Trip/IMG_5195.HEIC', 'Trip/clip-h264.mp4');
  await scanForMissing(page, jobs);
  await openView(page, 'library');

  for (const name of ['Canon_40D.jpg', 'IMG_5195.HEIC']) {
    const box = await openInLightbox(page, tile(page, name, 'missing'), name);
    const kept = box.getByTestId('media-kept-thumbnail');
    await expect(kept).toContainText('The original file is gone; this is the thumbnail Keepsake kept.');
    await expect(kept.locator('img.ks-thumb')).toBeVisible();
    await expect.poll(() => kept.locator('img.ks-thumb').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    if (name === 'IMG_5195.HEIC') await screenshotView(app, 'lightbox-missing-heic-light');
    await closeLightbox(page, box);
  }
  const video = await openInLightbox(page, tile(page, 'clip-h264.mp4', 'missing', 'Video'), 'clip-h264.mp4');
  await expect(video.getByRole('alert').filter({ hasText: 'Video Not Found' })).toContainText('The video file could not be found or is no longer available.');
  await expect(video.locator('img.ks-thumb')).toBeVisible();
  await screenshotView(app, 'lightbox-missing-video-light');
  await closeLightbox(page, video);
});
