/**
 * Select a range and rate it: Ctrl/Cmd-click and Shift-click select in the grid (across its date
 * groups), a rating key rates the selection (or the focused photo), Ctrl/Cmd+A selects every photo
 * of the view (not the page's text), Esc clears; the selection bar rates, and moves the selection
 * to the trash (undoable from the toast). A plain click still opens the viewer; Space gives a
 * quick look.
 */
import type { Page } from '@playwright/test';
import { addFirstFolderAndScan, lightbox, openView, screenshotView, storedPhoto, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

// Tall enough for the eight photos' seven month groups to be on screen at once.
test.use({ viewport: { width: 1280, height: 1500 } });

// Newest first (EXIF capture dates): Panasonic 2008-07, Canon 2008-05, Pentax 2008-05, Nikon 2008-03,
// Sony 2007-06, Olympus 2006-10, Fujifilm 2006-08, Kodak 2005-08.
const ORDER = ['Panasonic_DMC-FZ30.jpg', 'Canon_40D.jpg', 'Pentax_K10D.jpg', 'Nikon_D70.jpg', 'Sony_HDR-HC3.jpg', 'Olympus_C8080WZ.jpg', 'Fujifilm_FinePix_E500.jpg', 'Kodak_CX7530.jpg'];

const ratings = (page: Page) => page.getByTestId('photo-tile').evaluateAll((tiles) => tiles.map((t) => Number(t.getAttribute('data-rating'))));
const selectedCount = (page: Page) => page.getByTestId('selection-count');

test('select a range with Shift-click and rate it with a key; Ctrl+A, Esc; batch trash', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Photos', 8);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await expect(page.getByTestId('library-count')).toHaveText('8 photos');
  // Small tiles: the whole library on screen.
  const slider = page.getByRole('slider', { name: 'Thumbnail size' });
  await slider.focus();
  await slider.press('Home');
  await expect(page.getByTestId('photo-tile')).toHaveCount(8);
  await expect
    .poll(() => page.getByTestId('photo-tile').evaluateAll((tiles) => tiles.map((t) => (t.getAttribute('aria-label') ?? '').replace('Photo ', ''))))
    .toEqual(ORDER);

  // Ctrl/Cmd-click selects one (the viewer does not open), Shift-click the range to another, across the date groups.
  await tile(page, ORDER[0]!).click({ modifiers: ['ControlOrMeta'] });
  await expect(lightbox(page, ORDER[0]!)).toBeHidden();
  await expect(selectedCount(page)).toHaveText('1 selected');
  await tile(page, ORDER[3]!).click({ modifiers: ['Shift'] });
  await expect(selectedCount(page)).toHaveText('4 selected');
  for (const name of ORDER.slice(0, 4)) await expect(tile(page, name)).toHaveAttribute('data-selected', 'true');
  await expect(tile(page, ORDER[4]!)).not.toHaveAttribute('data-selected', 'true');
  await expect(page.getByRole('gridcell', { selected: true })).toHaveCount(4);

  // Key 4 rates the four.
  await page.keyboard.press('4');
  await expect.poll(() => ratings(page)).toEqual([4, 4, 4, 4, 0, 0, 0, 0]);
  const nikon = await tile(page, 'Nikon_D70.jpg').getAttribute('data-image-hash');
  expect((await storedPhoto(app, nikon!)).rating).toBe(4);
  await expect(tile(page, ORDER[0]!).getByTestId('tile-rating')).toHaveText('★★★★');
  await screenshotView(app, 'select-and-rate');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await screenshotView(app, 'select-and-rate-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // Esc clears the selection.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selection-bar')).toBeHidden();
  await expect(page.getByRole('gridcell', { selected: true })).toHaveCount(0);

  // Without a selection a key rates the focused photo; arrows move the focus.
  await tile(page, ORDER[4]!).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tile(page, ORDER[5]!)).toBeFocused();
  await page.keyboard.press('2');
  await expect.poll(() => ratings(page)).toEqual([4, 4, 4, 4, 0, 2, 0, 0]);
  // Space: a quick look, Space again closes it; Enter opens the viewer.
  await page.keyboard.press(' ');
  const quick = page.getByRole('dialog', { name: ORDER[5]! });
  await expect(quick).toBeVisible();
  await expect(quick.getByTestId('quick-look-image')).toBeVisible();
  await screenshotView(app, 'quick-look');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await screenshotView(app, 'quick-look-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));
  await page.keyboard.press(' ');
  await expect(quick).toBeHidden();
  await expect(tile(page, ORDER[5]!)).toBeFocused();
  await page.keyboard.press('Enter');
  const box = lightbox(page, ORDER[5]!);
  await expect(box.getByTestId('photo-side-panel')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(box).toBeHidden();

  // Ctrl/Cmd+A selects every photo of the view — not the page's text.
  await page.keyboard.press('ControlOrMeta+a');
  await expect(selectedCount(page)).toHaveText('8 selected');
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
  // The bar rates them all.
  await page.getByTestId('selection-bar').getByRole('button', { name: 'Rate 5 stars' }).click();
  await expect.poll(() => ratings(page)).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selection-bar')).toBeHidden();

  // While photos are selected a plain click selects more; with none it opens the viewer.
  await tile(page, 'Sony_HDR-HC3.jpg').click({ modifiers: ['ControlOrMeta'] });
  await tile(page, 'Kodak_CX7530.jpg').click();
  await expect(selectedCount(page)).toHaveText('2 selected');
  await expect(lightbox(page, 'Kodak_CX7530.jpg')).toBeHidden();

  // Batch trash: the two go to Keepsake's trash (files untouched), and Undo brings them back.
  await page.getByTestId('trash-selection').click();
  await expect(page.getByTestId('library-count')).toHaveText('6 photos');
  await expect(tile(page, 'Sony_HDR-HC3.jpg')).toHaveCount(0);
  expect(await photos.exists('Photos/Sony_HDR-HC3.jpg')).toBe(true);
  await openView(page, 'trash');
  await expect(page.getByTestId('trash-count')).toHaveText('2 photos in the trash');
  await openView(page, 'library');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('library-count')).toHaveText('8 photos');
  await expect(tile(page, 'Sony_HDR-HC3.jpg')).toBeVisible();
});
