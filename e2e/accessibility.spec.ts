/**
 * Accessible in light and dark: axe (WCAG 2.0/2.1 A and AA, plus one level-one heading and one
 * banner) finds no serious or critical violation on any view, any dialog, or the viewer. The library
 * has what every view can show: present photos, a video, a missing photo, a photo in the trash and
 * files a scan could not import.
 */
import { join } from 'node:path';
import { expectAccessible } from './support/axe-check.ts';
import { addFirstFolderAndScan, closeLightbox, missingRow, openInLightbox, openView, scanForMissing, scanPhotos, tile, type View } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

const VIEWS: readonly View[] = ['library', 'missing', 'trash', 'stats', 'settings'];

test('axe finds no serious or critical violation on any view, dialog or the viewer, light and dark', async ({ app, photos, jobs }) => {
  test.setTimeout(240_000);
  const { page } = app;
  const names = await photos.copyJpegs('Album', 4);
  await photos.copyVideo('Album/clip.webm');
  await photos.copyIn(join('exif-samples', 'jpg', 'corrupted.jpg'), 'Album/corrupted.jpg');
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Album'));
  // One photo goes missing, one goes to the trash.
  await photos.remove(`Album/${names[3]}`);
  await scanForMissing(page, jobs);
  const trashed = await page.evaluate(() => undefined);
  void trashed;
  const list = await app.invoke('photos.list', { libraryId: 1 });
  if (!list.ok) throw new Error(list.error.message);
  const toTrash = list.value.items.find((photo) => photo.mainPath?.endsWith(names[2] as string));
  if (!toTrash) throw new Error('no photo to trash');
  expect(await app.invoke('photos.trash', { imageHashes: [toTrash.imageHash] })).toMatchObject({ ok: true });

  for (const scheme of ['light', 'dark'] as const) {
    await app.goto(`?scheme=${scheme}`);
    for (const view of VIEWS) {
      await openView(page, view);
      if (view === 'library') await expect(tile(page, names[0] as string)).toBeVisible();
      if (view === 'missing') await expect(missingRow(page, names[3] as string)).toBeVisible();
      if (view === 'trash') await expect(page.getByTestId('trash-row')).toHaveCount(1);
      if (view === 'settings') await expect(page.getByTestId('root-row')).toHaveCount(1);
      await expectAccessible(page, `${view} (${scheme})`);
    }

    // The viewer, on a photo and on the missing one.
    await openView(page, 'library');
    const box = await openInLightbox(page, tile(page, names[0] as string), names[0] as string);
    await expect(box.getByTestId('lightbox-image')).toBeVisible();
    await expectAccessible(page, `viewer (${scheme})`);
    await closeLightbox(page, box);
    const gone = await openInLightbox(page, tile(page, names[3] as string, 'missing'), names[3] as string);
    await expectAccessible(page, `viewer of a missing photo (${scheme})`);
    await closeLightbox(page, gone);

    // Delete Missing's confirm.
    await openView(page, 'missing');
    await page.getByRole('button', { name: 'Delete Missing Photos' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete missing photos?' });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByTestId('delete-missing-counts').or(confirm.getByRole('button', { name: /Delete/ }).first())).toBeVisible();
    await expectAccessible(page, `Delete Missing confirm (${scheme})`);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();

    // Trash's "Delete permanently?".
    await openView(page, 'trash');
    await page.getByRole('button', { name: /permanently$/ }).first().click();
    const forever = page.getByRole('dialog', { name: 'Delete permanently?' });
    await expect(forever).toBeVisible();
    await expectAccessible(page, `Delete permanently confirm (${scheme})`);
    await forever.getByRole('button', { name: 'Cancel' }).click();
    await expect(forever).toBeHidden();

    // The files a scan could not import (a new scan brings its toast back).
    await openView(page, 'library');
    await scanPhotos(page, jobs);
    const toast = page.getByTestId('notifications').getByRole('status').filter({ hasText: 'could not be imported' });
    await expectAccessible(page, `toast (${scheme})`);
    await toast.getByRole('button', { name: 'Show' }).click();
    const problems = page.getByRole('dialog', { name: 'Files that could not be imported' });
    await expect(problems.locator('tbody tr')).toHaveCount(1);
    await expectAccessible(page, `scan problems (${scheme})`);
    await problems.getByRole('button', { name: 'Close' }).first().click();
    await expect(problems).toBeHidden();
  }
});
