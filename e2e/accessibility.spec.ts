/**
 * Accessible in light and dark: axe (WCAG 2.0/2.1 A and AA, plus one level-one heading, one banner
 * and one main) finds no serious or critical violation on any view, any dialog, or the viewer. The
 * library has what every view can show: present photos, a video, a missing photo, a photo in the
 * trash and a file a scan could not import.
 */
import { join } from 'node:path';
import { expectAccessible } from './support/axe-check.ts';
import { addFirstFolderAndScan, closeLightbox, missingRow, openInLightbox, openView, scanForMissing, scanPhotos, tile, type View } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

const VIEWS: readonly View[] = ['library', 'missing', 'trash', 'stats', 'settings'];

test('axe finds no serious or critical violation on any view, dialog or the viewer, light and dark', async ({ app, photos, jobs }) => {
  test.setTimeout(300_000);
  const { page } = app;
  const names = await photos.copyJpegs('Album', 4);
  const [shown, , trashed, gone] = names as [string, string, string, string];
  await photos.copyVideo('Album/clip.webm');
  await photos.copyIn(join('exif-samples', 'jpg', 'corrupted.jpg'), 'Album/corrupted.jpg');
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Album'));
  // One photo goes missing, one goes to the trash.
  await photos.remove(`Album/${gone}`);
  await scanForMissing(page, jobs);
  await openView(page, 'library');
  const box = await openInLightbox(page, tile(page, trashed), trashed);
  await box.getByRole('button', { name: 'Move to Trash' }).click();
  await expect(box).toBeHidden();

  for (const scheme of ['light', 'dark'] as const) {
    await app.goto(`?scheme=${scheme}`);
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    for (const view of VIEWS) {
      await openView(page, view);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      if (view === 'library') await expect(tile(page, shown)).toBeVisible();
      if (view === 'missing') await expect(missingRow(page, gone)).toBeVisible();
      if (view === 'trash') await expect(page.getByTestId('trash-row')).toHaveCount(1);
      if (view === 'settings') await expect(page.getByTestId('root-row')).toHaveCount(1);
      await expectAccessible(page, `${view} (${scheme})`);
    }

    // The viewer: a photo with its Info, zoomed in, and a missing photo.
    await openView(page, 'library');
    const viewer = await openInLightbox(page, tile(page, shown), shown);
    await expect(viewer.getByTestId('lightbox-image')).toBeVisible();
    await expect(viewer.getByTestId('info-camera')).toBeVisible();
    await expectAccessible(page, `viewer (${scheme})`);
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await expectAccessible(page, `viewer zoomed in (${scheme})`);
    await closeLightbox(page, viewer);
    const missing = await openInLightbox(page, tile(page, gone, 'missing'), gone);
    await expect(missing.getByTestId('info-unread')).toBeVisible();
    await expectAccessible(page, `viewer of a missing photo (${scheme})`);
    await closeLightbox(page, missing);

    // The keyboard shortcuts sheet.
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    await expectAccessible(page, `shortcuts sheet (${scheme})`);
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    // Delete Missing's confirm.
    await openView(page, 'missing');
    await page.getByRole('button', { name: 'Delete Missing Photos' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete missing photos?' });
    await expect(confirm.getByTestId('delete-missing-confirm')).toBeVisible();
    await expectAccessible(page, `Delete Missing confirm (${scheme})`);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();

    // Trash's "Delete permanently?".
    await openView(page, 'trash');
    await page.getByRole('button', { name: /^Delete permanently/ }).first().click();
    const forever = page.getByRole('dialog', { name: 'Delete permanently?' });
    await expect(forever).toBeVisible();
    await expectAccessible(page, `Delete permanently confirm (${scheme})`);
    await forever.getByRole('button', { name: 'Cancel' }).click();
    await expect(forever).toBeHidden();

    // Settings: removing a folder asks first.
    await openView(page, 'settings');
    await page.getByRole('button', { name: `Remove ${photos.path('Album')}` }).click();
    const remove = page.getByRole('dialog', { name: 'Remove this folder from the library?' });
    await expect(remove).toBeVisible();
    await expectAccessible(page, `Remove folder confirm (${scheme})`);
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await expect(remove).toBeHidden();

    // A toast, and the files a scan could not import (a new scan brings its toast back).
    await openView(page, 'library');
    await scanPhotos(page, jobs);
    const toast = page.getByTestId('notifications').getByRole('status').filter({ hasText: 'could not be imported' });
    await expect(toast).toBeVisible();
    await expectAccessible(page, `toast (${scheme})`);
    await toast.getByRole('button', { name: 'Show' }).click();
    const problems = page.getByRole('dialog', { name: 'Files that could not be imported' });
    await expect(problems.locator('tbody tr')).toHaveCount(1);
    await expectAccessible(page, `scan problems (${scheme})`);
    await problems.getByRole('button', { name: 'Close' }).first().click();
    await expect(problems).toBeHidden();
  }
});
