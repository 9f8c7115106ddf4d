/**
 * The viewer zooms and tells what the camera wrote. On a real 3264 × 2448 phone photo: it opens at
 * fit, "100%" shows one image pixel per screen pixel, double-click toggles fit / 100% keeping the
 * point under the cursor in place, the wheel zooms around the cursor, a zoomed photo is dragged to
 * pan, + / − / 0 work from the keyboard. The Info panel shows the corpus Canon_40D.jpg's camera,
 * exposure and dimensions read from its EXIF; a photo whose file is gone still shows what Keepsake
 * knows, and says why no more.
 */
import type { Locator, Page } from '@playwright/test';
import { addFirstFolderAndScan, closeLightbox, dismissToasts, openInLightbox, openView, scanForMissing, screenshotView, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

/** The image's placement: its rendered box and natural size. */
async function placement(image: Locator) {
  return image.evaluate((img: HTMLImageElement) => {
    const box = img.getBoundingClientRect();
    return { left: box.left, top: box.top, width: box.width, height: box.height, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight };
  });
}

/** The image pixel under a screen point. */
async function pixelAt(image: Locator, x: number, y: number): Promise<{ x: number; y: number }> {
  const p = await placement(image);
  return { x: ((x - p.left) / p.width) * p.naturalWidth, y: ((y - p.top) / p.height) * p.naturalHeight };
}

/** The zoom level the viewer shows, in percent. */
async function level(box: Locator): Promise<number> {
  return Number((await box.getByTestId('zoom-level').textContent())?.replace('%', ''));
}

/** The centre of the zoom frame on screen. */
async function frameCentre(box: Locator): Promise<{ x: number; y: number }> {
  const frame = await box.getByTestId('zoom-frame').boundingBox();
  if (frame === null) throw new Error('no zoom frame');
  return { x: frame.x + frame.width / 2, y: frame.y + frame.height / 2 };
}

async function waitLoaded(page: Page, box: Locator): Promise<Locator> {
  const image = box.getByTestId('lightbox-image');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(box.getByTestId('zoom-level')).toBeVisible();
  void page;
  return image;
}

test('the viewer zooms (fit / 100%, double-click, wheel, drag, keys) and its Info panel shows the camera, exposure and dimensions', async ({ app, photos, jobs }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await photos.copyIn('exif-samples/jpg/Canon_40D.jpg', 'Camera/Canon_40D.jpg');
  await photos.copyIn('exif-samples/jpg/mobile/jolla.jpg', 'Camera/jolla.jpg');
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Camera'));
  // The scan's toast would sit under the viewer (toasts go under dialogs), out of the screenshots' reach.
  await dismissToasts(page);

  // Info: read from the file's EXIF in a file worker.
  const canon = await openInLightbox(page, tile(page, 'Canon_40D.jpg'), 'Canon_40D.jpg');
  const info = canon.getByTestId('photo-info');
  await expect(info.getByTestId('info-camera')).toHaveText('Canon EOS 40D');
  await expect(info.getByTestId('info-exposure')).toHaveText('1/160 s at f/7.1, ISO 100');
  await expect(info.getByTestId('info-focal-length')).toHaveText('135 mm');
  await expect(info.getByTestId('info-dimensions')).toHaveText('100 × 68 px');
  await expect(info.getByTestId('info-size')).toHaveText(/^\d+(\.\d)? KB$/);
  await expect(info.getByTestId('info-taken')).toContainText('2008');
  await expect(info.getByTestId('info-path')).toHaveText(photos.path('Camera/Canon_40D.jpg'));
  await expect(info.getByTestId('info-unread')).toHaveCount(0);
  // A term and its value, as a screen reader reads a description list.
  await expect(info.getByRole('term').filter({ hasText: 'Camera' })).toBeVisible();
  await screenshotView(app, 'viewer-info-light');
  // `i` hides and shows it (remembered).
  await page.keyboard.press('i');
  await expect(info.getByTestId('info-camera')).toBeHidden();
  await expect(info.getByRole('button', { name: 'Info' })).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('i');
  await expect(info.getByTestId('info-camera')).toBeVisible();
  await closeLightbox(page, canon);

  // Zoom, on a photo larger than the window.
  const box = await openInLightbox(page, tile(page, 'jolla.jpg'), 'jolla.jpg');
  const image = await waitLoaded(page, box);
  const fit = await level(box);
  expect(fit).toBeLessThan(100);
  await expect(box.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
  const fitted = await placement(image);
  expect(fitted.naturalWidth).toBe(3264);
  // Whole image in the frame.
  const frame = await box.getByTestId('zoom-frame').boundingBox();
  expect(fitted.width).toBeLessThanOrEqual((frame?.width ?? 0) + 1);
  expect(fitted.height).toBeLessThanOrEqual((frame?.height ?? 0) + 1);

  // 100%: one image pixel per CSS pixel.
  await box.getByRole('button', { name: '100%' }).click();
  await expect(box.getByTestId('zoom-level')).toHaveText('100%');
  expect(Math.round((await placement(image)).width)).toBe(3264);
  await box.getByRole('button', { name: 'Fit' }).click();
  await expect(box.getByTestId('zoom-level')).toHaveText(`${fit}%`);

  // Double-click at a point: 100%, and the image pixel under the cursor stays under it.
  const centre = await frameCentre(box);
  const at = { x: centre.x - 120, y: centre.y - 60 };
  const before = await pixelAt(image, at.x, at.y);
  await page.mouse.dblclick(at.x, at.y);
  await expect(box.getByTestId('zoom-level')).toHaveText('100%');
  const after = await pixelAt(image, at.x, at.y);
  expect(Math.abs(after.x - before.x)).toBeLessThan(3);
  expect(Math.abs(after.y - before.y)).toBeLessThan(3);
  await screenshotView(app, 'viewer-zoomed-light');

  // Drag to pan: the image follows the pointer.
  const start = await placement(image);
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await page.mouse.move(centre.x + 80, centre.y + 40, { steps: 4 });
  await page.mouse.up();
  const panned = await placement(image);
  expect(Math.round(panned.left - start.left)).toBe(80);
  expect(Math.round(panned.top - start.top)).toBe(40);

  // Double-click again: back to fit.
  await page.mouse.dblclick(centre.x, centre.y);
  await expect(box.getByTestId('zoom-level')).toHaveText(`${fit}%`);

  // The wheel zooms around the cursor.
  const under = await pixelAt(image, at.x, at.y);
  await page.mouse.move(at.x, at.y);
  await page.mouse.wheel(0, -200);
  await expect.poll(() => level(box)).toBeGreaterThan(fit);
  const wheeled = await pixelAt(image, at.x, at.y);
  expect(Math.abs(wheeled.x - under.x)).toBeLessThan(3);
  expect(Math.abs(wheeled.y - under.y)).toBeLessThan(3);
  // …and never below fit.
  await page.mouse.wheel(0, 2000);
  await expect.poll(() => level(box)).toBe(fit);

  // Keys: + zooms in, − out, 0 fits.
  await page.keyboard.press('+');
  await expect.poll(() => level(box)).toBeGreaterThan(fit);
  const zoomed = await level(box);
  await page.keyboard.press('=');
  await expect.poll(() => level(box)).toBeGreaterThan(zoomed);
  await page.keyboard.press('-');
  await expect.poll(() => level(box)).toBe(zoomed);
  await page.keyboard.press('0');
  await expect.poll(() => level(box)).toBe(fit);
  await expect(box.getByTestId('info-dimensions')).toHaveText('3264 × 2448 px (8.0 MP)');
  await closeLightbox(page, box);

  // Dark: the same viewer, on the same dark neutral ground.
  await app.goto('?scheme=dark');
  const dark = await openInLightbox(page, tile(page, 'Canon_40D.jpg'), 'Canon_40D.jpg');
  await expect(dark.getByTestId('info-camera')).toHaveText('Canon EOS 40D');
  await waitLoaded(page, dark);
  await screenshotView(app, 'viewer-info-dark');
  await closeLightbox(page, dark);
  const darkBig = await openInLightbox(page, tile(page, 'jolla.jpg'), 'jolla.jpg');
  await waitLoaded(page, darkBig);
  await darkBig.getByRole('button', { name: '100%' }).click();
  await screenshotView(app, 'viewer-zoomed-dark');
  await closeLightbox(page, darkBig);
  const ground = await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.className = 'ks-lightbox-media';
    document.body.append(probe);
    const color = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return color;
  });
  expect(ground).toBe('rgb(22, 22, 22)');

  // Gone: what Keepsake knows (dimensions, size, date, path), and why no more.
  await photos.remove('Camera/Canon_40D.jpg');
  await scanForMissing(page, jobs);
  await dismissToasts(page);
  await openView(page, 'library');
  const missing = await openInLightbox(page, tile(page, 'Canon_40D.jpg', 'missing'), 'Canon_40D.jpg');
  await expect(missing.getByTestId('info-unread')).toHaveText('From Keepsake’s records: the file is missing.');
  await expect(missing.getByTestId('info-dimensions')).toHaveText('100 × 68 px');
  await expect(missing.getByTestId('info-path')).toHaveText(photos.path('Camera/Canon_40D.jpg'));
  await expect(missing.getByTestId('info-taken')).toContainText('2008');
  await expect(missing.getByTestId('info-camera')).toHaveCount(0);
  await screenshotView(app, 'viewer-info-missing-dark');
  await closeLightbox(page, missing);
});

test('a video shows its length and size in the Info panel', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyVideo('Clips/clip.webm');
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Clips'));
  const box = await openInLightbox(page, tile(page, 'clip.webm', 'present', 'Video'), 'clip.webm');
  await expect(box.getByTestId('info-duration')).toHaveText('0:03');
  await expect(box.getByTestId('info-dimensions')).toHaveText(/^\d+ × \d+ px/);
  await expect(box.getByTestId('info-camera')).toHaveCount(0);
  await expect(box.getByTestId('info-no-exif')).toHaveCount(0);
});
