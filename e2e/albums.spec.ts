/**
 * Build an album: create it in the sidebar, add photos from a selection and by dragging a tile
 * onto it, browse it, rename it, delete it — its photos stay in the library. The sidebar lists the
 * albums of all four kinds (the user's own and the date, thing and place albums Keepsake makes).
 */
import type { Page } from '@playwright/test';
import { createAlbum as seedAlbum } from '../src-main/core/albums/albums.ts';
import { addFirstFolderAndScan, screenshotView, storedPhoto, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

/** An album's row in the sidebar, by its title (its accessible name is "Title, N photos"). */
const albumRow = (page: Page, title: string) => page.getByTestId('album-row').and(page.getByRole('button', { name: new RegExp(`^${title}, \\d+ photos?$`) }));

test('build an album: create, add from a selection and by drag, rename, delete — the photos stay', async ({ app, photos, jobs }) => {
  const { page } = app;
  const names = await photos.copyJpegs('Photos', 5);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await expect(page.getByTestId('library-count')).toHaveText('5 photos');

  // Albums Keepsake makes itself (the chromium target has the core at hand to make them).
  if (app.core !== null) {
    const libraries = await app.invoke('libraries.list', {});
    if (!libraries.ok) throw new Error(libraries.error.message);
    const libraryId = libraries.value[0]!.id;
    const now = new Date();
    for (const [kind, title] of [['date', 'Summer 2008'], ['thing', 'Flowers'], ['place', 'Lisbon']] as const) seedAlbum(app.core.db, libraryId, title, now, kind);
    await page.reload();
  }
  const albums = page.getByTestId('sidebar-albums');

  // Create an album from the sidebar.
  await albums.getByRole('button', { name: 'New album' }).click();
  const dialog = page.getByRole('dialog', { name: 'New album' });
  await dialog.getByLabel('Album title').fill('Trip');
  await dialog.getByRole('button', { name: 'Create album' }).click();
  await expect(dialog).toBeHidden();
  await expect(albumRow(page, 'Trip')).toHaveAccessibleName('Trip, 0 photos');

  // Add two photos from a selection.
  await tile(page, names[0]!).click({ modifiers: ['ControlOrMeta'] });
  await tile(page, names[1]!).click({ modifiers: ['ControlOrMeta'] });
  await page.getByTestId('add-to-album').click();
  await page.getByRole('menuitem', { name: 'Trip' }).click();
  await expect(albumRow(page, 'Trip')).toHaveAccessibleName('Trip, 2 photos');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selection-bar')).toBeHidden();

  // Add one by dragging its tile onto the album.
  await tile(page, names[2]!).dragTo(albumRow(page, 'Trip'));
  await expect(albumRow(page, 'Trip')).toHaveAccessibleName('Trip, 3 photos');
  // Dragging a selected photo drags the whole selection (one is in the album already).
  await tile(page, names[2]!).click({ modifiers: ['ControlOrMeta'] });
  await tile(page, names[3]!).click({ modifiers: ['ControlOrMeta'] });
  await tile(page, names[3]!).dragTo(albumRow(page, 'Trip'));
  await expect(albumRow(page, 'Trip')).toHaveAccessibleName('Trip, 4 photos');
  await page.keyboard.press('Escape');

  // Browse the album.
  await albumRow(page, 'Trip').click();
  await expect(page.getByTestId('browse-title')).toHaveText('Trip');
  await expect(page.getByTestId('library-count')).toHaveText('4 photos');
  await expect(tile(page, names[4]!)).toHaveCount(0);
  const hash = await tile(page, names[0]!).getAttribute('data-image-hash');
  expect((await storedPhoto(app, hash!)).albums.map((a) => a.title)).toEqual(['Trip']);
  await screenshotView(app, 'albums');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await screenshotView(app, 'albums-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // Every kind is listed; only the user's own can be renamed or deleted.
  if (app.core !== null) {
    for (const title of ['Summer 2008', 'Flowers', 'Lisbon']) await expect(albumRow(page, title)).toBeVisible();
    await expect(albums.getByText('Dates')).toBeVisible();
    await expect(albums.getByText('Things')).toBeVisible();
    await expect(albums.getByText('Places')).toBeVisible();
    await expect(albums.getByRole('button', { name: 'Album actions for Flowers' })).toHaveCount(0);
  }

  // Rename it.
  await albums.getByRole('button', { name: 'Album actions for Trip' }).click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename album' });
  await rename.getByLabel('Album title').fill('Trip to Porto');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(albumRow(page, 'Trip to Porto')).toHaveAccessibleName('Trip to Porto, 4 photos');
  await expect(page.getByTestId('browse-title')).toHaveText('Trip to Porto');

  // Delete it: asked first, and told the photos stay.
  await albums.getByRole('button', { name: 'Album actions for Trip to Porto' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete album?' });
  await expect(confirm).toContainText('Its 4 photos stay in your library');
  await screenshotView(app, 'albums-delete-confirm');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await screenshotView(app, 'albums-delete-confirm-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));
  await confirm.getByTestId('album-delete-confirm').click();
  await expect(confirm).toBeHidden();
  await expect(albumRow(page, 'Trip to Porto')).toHaveCount(0);
  // Back to the whole library, every photo still there, in no album.
  await expect(page.getByTestId('library-count')).toHaveText('5 photos');
  for (const name of names) await expect(tile(page, name)).toBeVisible();
  expect((await storedPhoto(app, hash!)).albums).toEqual([]);
});
