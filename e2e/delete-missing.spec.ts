/**
 * Delete Missing Photos asks first: the dialog says how many photos, faces and album links go;
 * Cancel changes nothing; confirming removes exactly the missing photos and keeps every photo whose
 * file is still there (with its own album link and face).
 */
import type { Page } from '@playwright/test';
import { addFace } from '../src-main/core/faces/faces.ts';
import type { KeepsakeApp } from './harness/fixtures.ts';
import { addFirstFolderAndScan, openView, scanForMissing, screenshotView, statCard, storedPhoto, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

async function hashOf(page: Page, fileName: string, state: 'present' | 'missing' = 'present'): Promise<string> {
  const hash = await tile(page, fileName, state).getAttribute('data-image-hash');
  if (!hash) throw new Error(`no tile for ${fileName}`);
  return hash;
}

/** Puts photos in a new user album through the app's own commands (setup, not the story). */
async function albumWith(app: KeepsakeApp, libraryId: number, title: string, hashes: string[]): Promise<void> {
  const album = await app.invoke('albums.create', { libraryId, title });
  if (!album.ok) throw new Error(album.error.message);
  const added = await app.invoke('albums.addPhotos', { albumId: album.value.id, imageHashes: hashes });
  if (!added.ok) throw new Error(added.error.message);
}

async function expectCounts(page: Page, photos: number, missing: number): Promise<void> {
  await openView(page, 'stats');
  await expect(statCard(page, 'num_photos')).toHaveText(String(photos));
  await expect(statCard(page, 'num_missing_photos')).toHaveText(String(missing));
}

test('Delete Missing: the dialog counts, Cancel changes nothing, confirm removes exactly the missing photos', async ({ app, photos, jobs }) => {
  test.skip(app.core === null, 'faces are added through the core in the test process');
  const { page } = app;
  const names = await photos.copyJpegs('Photos', 6);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await expect(page.getByTestId('library-count')).toHaveText('6 photos');

  const goneNames = [names[0]!, names[2]!, names[4]!];
  const keptNames = [names[1]!, names[3]!, names[5]!];
  const gone = await Promise.all(goneNames.map((name) => hashOf(page, name)));
  const kept = await Promise.all(keptNames.map((name) => hashOf(page, name)));
  const libraries = await app.invoke('libraries.list', {});
  if (!libraries.ok) throw new Error(libraries.error.message);
  const libraryId = libraries.value[0]!.id;
  // Album links: two missing photos and one kept photo in "Favourites", one missing photo in "Zoo".
  await albumWith(app, libraryId, 'Favourites', [gone[0]!, gone[1]!, kept[0]!]);
  await albumWith(app, libraryId, 'Zoo', [gone[0]!]);
  // Faces: two on a photo that goes missing, one on a kept photo.
  addFace(app.core!.db, gone[0]!, { x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, 'Ann');
  addFace(app.core!.db, gone[0]!, { x: 0.5, y: 0.1, w: 0.2, h: 0.2 }, null);
  addFace(app.core!.db, kept[0]!, { x: 0.3, y: 0.3, w: 0.2, h: 0.2 }, 'Ben');

  await photos.remove(...goneNames.map((name) => `Photos/${name}`));
  await scanForMissing(page, jobs);
  await expectCounts(page, 6, 3);

  await openView(page, 'missing');
  await expect(page.getByTestId('missing-count')).toHaveText('3 missing photos');
  await page.getByRole('button', { name: 'Delete Missing Photos' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete missing photos?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('delete-preview-summary')).toHaveText('This removes 3 photos from Keepsake, with 2 faces and 3 album links.');
  await expect(dialog.getByTestId('delete-preview-photos')).toHaveText('3 photos');
  await expect(dialog.getByTestId('delete-preview-faces')).toHaveText('2 faces');
  await expect(dialog.getByTestId('delete-preview-album-links')).toHaveText('3 album links');
  await expect(dialog.getByText('They leave Keepsake')).toBeVisible();
  await expect(dialog).toContainText('You can undo this for 30 days');
  await expect(dialog).toContainText('Files on disk are not touched');
  // No offline drives here: no offline checkbox.
  await expect(dialog.getByTestId('delete-include-offline')).toHaveCount(0);
  const confirm = dialog.getByRole('button', { name: 'Delete 3 photos' });
  await expect(confirm).toBeEnabled();
  // Cancel has the focus: Enter or Esc never deletes by accident.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshotView(app, 'confirm-delete-dialog');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await app.screenshot('confirm-delete-dialog-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // Cancel: nothing changes.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('missing-count')).toHaveText('3 missing photos');
  await expect(page.getByTestId('missing-row')).toHaveCount(3);
  // Esc cancels too.
  await page.getByRole('button', { name: 'Delete Missing Photos' }).click();
  await expect(dialog.getByTestId('delete-preview-photos')).toHaveText('3 photos');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await jobs.finished()).filter((job) => job.type === 'delete_missing')).toEqual([]);
  await expectCounts(page, 6, 3);
  expect((await storedPhoto(app, gone[0]!)).albums.map((album) => album.title).sort()).toEqual(['Favourites', 'Zoo']);
  expect((await storedPhoto(app, gone[0]!)).faces).toHaveLength(2);

  // Confirm: exactly the missing photos go.
  await openView(page, 'missing');
  await page.getByRole('button', { name: 'Delete Missing Photos' }).click();
  const job = await jobs.after('delete_missing', () => dialog.getByRole('button', { name: 'Delete 3 photos' }).click());
  expect(job.result).toMatchObject({ status: true, removed: { photos: 3, faces: 2, album_links: 3 } });
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('missing-count')).toHaveText('0 missing photos');
  await expect(page.getByTestId('missing-empty')).toBeVisible();
  await expectCounts(page, 3, 0);

  await openView(page, 'library');
  await expect(page.getByTestId('library-count')).toHaveText('3 photos');
  await expect(page.getByTestId('photo-tile')).toHaveCount(3);
  for (const [i, name] of keptNames.entries()) await expect(tile(page, name)).toHaveAttribute('data-image-hash', kept[i]!);
  for (const name of goneNames) await expect(page.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) })).toHaveCount(0);
  for (const hash of gone) expect(await app.invoke('photos.get', { imageHash: hash })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  const survivor = await storedPhoto(app, kept[0]!);
  expect(survivor.albums.map((album) => album.title)).toEqual(['Favourites']);
  expect(survivor.faces.map((face) => face.name)).toEqual(['Ben']);

  // Changed their mind: Undo in Settings' history brings the three back, albums and faces included.
  await openView(page, 'settings');
  const row = page.getByTestId('job-history-row').and(page.locator('[data-job-type="delete_missing"]'));
  await screenshotView(app, 'history-undo');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await app.screenshot('history-undo-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));
  await row.getByRole('button', { name: 'Undo Delete Missing Photos' }).click();
  await expect(page.getByText('Deletion undone')).toBeVisible();
  await expect(row.getByRole('button', { name: 'Undo Delete Missing Photos' })).toHaveCount(0);
  await expectCounts(page, 6, 3);
  expect((await storedPhoto(app, gone[0]!)).albums.map((album) => album.title).sort()).toEqual(['Favourites', 'Zoo']);
  expect((await storedPhoto(app, gone[0]!)).faces).toHaveLength(2);
  await openView(page, 'missing');
  await expect(page.getByTestId('missing-count')).toHaveText('3 missing photos');
});
