/**
 * Find a photo: by its file name, its folder's name or its caption (every word must match), by the
 * dates it was taken between; in the order chosen (date taken with month or day headers, date
 * added, name); the tiles' size; its name and date on the tile under the pointer.
 */
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { addFirstFolderAndScan, closeLightbox, openInLightbox, screenshotView, setCaption, storedPhoto, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

/** The tiles' file names in grid order. */
const tileNames = (page: Page): Promise<string[]> =>
  page.getByTestId('photo-tile').evaluateAll((tiles) => tiles.map((t) => (t.getAttribute('aria-label') ?? '').replace(/^(Photo|Video) /, '')));

const search = (page: Page) => page.getByRole('searchbox', { name: 'Search photos' });

// Tall enough for every group of the six photos to be on screen (the grid renders what is in view).
test.use({ viewport: { width: 1280, height: 1100 } });

test('find a photo by name, folder, caption and date range; sort and group the grid', async ({ app, photos, jobs }) => {
  const { page } = app;
  // Capture dates (EXIF): Canon 2008-05-30, Nikon 2008-03-15, Pentax 2008-05-04, Sony 2007-06-15, Olympus 2006-10-22, Fujifilm 2006-08-17.
  const at = (name: string, folder: string) => photos.copyIn(join('exif-samples', 'jpg', name), join('Photos', folder, name));
  await at('Canon_40D.jpg', 'Camera');
  await at('Nikon_D70.jpg', 'Camera');
  await at('Pentax_K10D.jpg', 'Camera');
  await at('Fujifilm_FinePix_E500.jpg', 'Camera');
  await at('Sony_HDR-HC3.jpg', 'Holidays Greece');
  await at('Olympus_C8080WZ.jpg', 'Holidays Greece');
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await expect(page.getByTestId('library-count')).toHaveText('6 photos');

  // A caption, written in the viewer.
  const pentax = await tile(page, 'Pentax_K10D.jpg').getAttribute('data-image-hash');
  const box = await openInLightbox(page, tile(page, 'Pentax_K10D.jpg'), 'Pentax_K10D.jpg');
  await setCaption(box, 'Grandma at the lake');
  await expect.poll(async () => (await storedPhoto(app, pentax!)).caption).toBe('Grandma at the lake');
  await closeLightbox(page, box);

  // By file name, case does not matter.
  await search(page).fill('nikon');
  await expect(page.getByTestId('library-count')).toHaveText('1 photo');
  await expect.poll(() => tileNames(page)).toEqual(['Nikon_D70.jpg']);
  // By caption: every word, anywhere.
  await search(page).fill('lake grandma');
  await expect.poll(() => tileNames(page)).toEqual(['Pentax_K10D.jpg']);
  // By folder.
  await search(page).fill('greece');
  await expect.poll(() => tileNames(page)).toEqual(['Sony_HDR-HC3.jpg', 'Olympus_C8080WZ.jpg']);
  await screenshotView(app, 'find-photo-search');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await screenshotView(app, 'find-photo-search-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));
  // Nothing found: said so, with a way back.
  await search(page).fill('zebra');
  await expect(page.getByTestId('no-match')).toContainText('No photo matches');
  await page.getByRole('button', { name: 'Clear the search', exact: true }).click();
  await expect(page.getByTestId('library-count')).toHaveText('6 photos');

  // By the dates taken, both days included.
  await page.getByLabel('Taken from').fill('2008-05-01');
  await page.getByLabel('Taken until').fill('2008-05-30');
  await expect.poll(() => tileNames(page)).toEqual(['Canon_40D.jpg', 'Pentax_K10D.jpg']);
  await page.getByLabel('Taken until').fill('2008-05-29');
  await expect.poll(() => tileNames(page)).toEqual(['Pentax_K10D.jpg']);
  // A date range and a search together.
  await page.getByLabel('Taken from').fill('2006-01-01');
  await page.getByLabel('Taken until').fill('2006-12-31');
  await search(page).fill('olympus');
  await expect.poll(() => tileNames(page)).toEqual(['Olympus_C8080WZ.jpg']);
  await page.getByRole('button', { name: 'Clear the dates' }).click();
  await page.getByRole('button', { name: 'Clear the search', exact: true }).click();
  await expect(page.getByTestId('library-count')).toHaveText('6 photos');

  // Date taken (the default): newest first, under month headers…
  const headers = page.getByTestId('group-header');
  const keys = () => headers.evaluateAll((found) => found.map((h) => h.getAttribute('data-key')));
  await expect.poll(keys).toEqual(['2008-05', '2008-03', '2007-06', '2006-10', '2006-08']);
  // A group narrower than its full title shows a short one, the full one as its tooltip.
  await expect(headers.first().locator('.ks-group-title')).toHaveAttribute('title', 'May 2008');
  await expect.poll(() => tileNames(page)).toEqual(['Canon_40D.jpg', 'Pentax_K10D.jpg', 'Nikon_D70.jpg', 'Sony_HDR-HC3.jpg', 'Olympus_C8080WZ.jpg', 'Fujifilm_FinePix_E500.jpg']);
  // …or day headers.
  await page.getByTestId('group-by').getByText('Days').click();
  await expect.poll(keys).toEqual(['2008-05-30', '2008-05-04', '2008-03-15', '2007-06-15', '2006-10-22', '2006-08-17']);
  await expect(headers.first().locator('.ks-group-title')).toHaveAttribute('title', 'Friday, May 30, 2008');
  await screenshotView(app, 'find-photo-days');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await screenshotView(app, 'find-photo-days-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));
  await page.getByTestId('group-by').getByText('Months').click();

  // By name: no headers.
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('name');
  await expect(headers).toHaveCount(0);
  await expect.poll(() => tileNames(page)).toEqual(['Canon_40D.jpg', 'Fujifilm_FinePix_E500.jpg', 'Nikon_D70.jpg', 'Olympus_C8080WZ.jpg', 'Pentax_K10D.jpg', 'Sony_HDR-HC3.jpg']);
  // By date added: one scan added them all this month.
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('added');
  await expect(headers).toHaveCount(1);
  await expect(page.getByTestId('photo-tile')).toHaveCount(6);
  // The order is remembered (next launch too).
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('added');
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('captured');

  // The thumbnail size: smaller tiles, more to a row.
  const width = async () => (await tile(page, 'Canon_40D.jpg').boundingBox())?.width ?? 0;
  const slider = page.getByRole('slider', { name: 'Thumbnail size' });
  await slider.focus();
  await slider.press('End');
  const large = await width();
  await slider.press('Home');
  await expect.poll(width).toBeLessThan(large * 0.8);
  await slider.press('End');

  // Under the pointer a tile shows its name and date.
  const canon = tile(page, 'Canon_40D.jpg');
  await canon.hover();
  await expect(canon.locator('.ks-tile-caption')).toHaveCSS('opacity', '1');
  await expect(canon.locator('.ks-tile-caption')).toContainText('Canon_40D.jpg');
  await expect(canon.locator('.ks-tile-caption')).toContainText('2008');
  await screenshotView(app, 'find-photo-hover');
});
