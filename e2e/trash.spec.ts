/**
 * Keepsake's trash: a photo moved to the Trash (its file untouched) leaves the library and shows in
 * the Trash view until restored; a trashed photo whose file was moved is relinked by Scan Photos
 * and leaves the trash by itself.
 */
import { addFirstFolderAndScan, openInLightbox, openView, scanPhotos, screenshotView, statCard, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

test('move a photo to the Trash, see it in the Trash view, restore it', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Photos', 4);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await expect(page.getByTestId('library-count')).toHaveText('4 photos');
  const hash = await tile(page, 'Pentax_K10D.jpg').getAttribute('data-image-hash');

  const box = await openInLightbox(page, tile(page, 'Pentax_K10D.jpg'), 'Pentax_K10D.jpg');
  await box.getByRole('button', { name: 'Move to Trash' }).click();
  await expect(box).toBeHidden();
  await expect(page.getByTestId('library-count')).toHaveText('3 photos');
  await expect(tile(page, 'Pentax_K10D.jpg')).toHaveCount(0);
  // Keepsake's trash never touches the file.
  expect(await photos.exists('Photos/Pentax_K10D.jpg')).toBe(true);

  await openView(page, 'trash');
  await expect(page.getByTestId('trash-explainer')).toContainText('not touched');
  await expect(page.getByTestId('trash-count')).toHaveText('1 photo in the trash');
  const rows = page.getByRole('list', { name: 'Photos in the trash' }).getByTestId('trash-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-image-hash', hash!);
  await screenshotView(app, 'trash');

  await openView(page, 'stats');
  await expect(statCard(page, 'num_trashed_photos')).toHaveText('1');

  await openView(page, 'trash');
  await page.getByRole('button', { name: 'Restore Pentax_K10D.jpg' }).click();
  await expect(page.getByTestId('trash-empty')).toBeVisible();
  await expect(page.getByTestId('trash-count')).toHaveText('0 photos in the trash');
  await openView(page, 'library');
  await expect(page.getByTestId('library-count')).toHaveText('4 photos');
  await expect(tile(page, 'Pentax_K10D.jpg')).toHaveAttribute('data-image-hash', hash!);
  await openView(page, 'stats');
  await expect(statCard(page, 'num_trashed_photos')).toHaveText('0');
});

test('a trashed photo whose file moved is relinked by Scan Photos and leaves the trash by itself', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Photos/2023', 3);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await expect(page.getByTestId('library-count')).toHaveText('3 photos');
  const hash = await tile(page, 'Nikon_D70.jpg').getAttribute('data-image-hash');

  const box = await openInLightbox(page, tile(page, 'Nikon_D70.jpg'), 'Nikon_D70.jpg');
  await box.getByRole('button', { name: 'Move to Trash' }).click();
  await expect(box).toBeHidden();
  await openView(page, 'trash');
  await expect(page.getByTestId('trash-count')).toHaveText('1 photo in the trash');

  // Outside the app the file is moved and renamed within the library's folder.
  await photos.move('Photos/2023/Nikon_D70.jpg', 'Photos/sorted/rose.jpg');
  await openView(page, 'settings');
  const scan = await scanPhotos(page, jobs);
  expect(scan.result).toMatchObject({ relinked: 1, restored_from_trash: 1, added: 0 });

  await openView(page, 'trash');
  await expect(page.getByTestId('trash-empty')).toBeVisible();
  await expect(page.getByTestId('trash-count')).toHaveText('0 photos in the trash');
  await openView(page, 'library');
  await expect(page.getByTestId('library-count')).toHaveText('3 photos');
  await expect(tile(page, 'rose.jpg')).toHaveAttribute('data-image-hash', hash!);
  await expect(tile(page, 'rose.jpg')).toHaveAttribute('data-availability', 'present');
});
