/**
 * Relink keeps what the user made: photos rated, captioned and put in an album through the
 * lightbox go missing (files moved out of the library), come back elsewhere under the same folder
 * with other names, and Scan Photos relinks them — the same photos (same image hash, no
 * duplicates) with rating, caption and album intact, and nothing left missing.
 */
import type { Page } from '@playwright/test';
import {
  addFirstFolderAndScan,
  addToAlbum,
  addToNewAlbum,
  albumPills,
  closeLightbox,
  openInLightbox,
  openView,
  ratingRadio,
  scanForMissing,
  scanPhotos,
  screenshotView,
  setCaption,
  setRating,
  statCard,
  storedPhoto,
  tile,
} from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

const ALBUM = 'Best of the trip';

/** What the user gives each photo, and where its file comes back. */
const EDITS = [
  { file: 'Canon_40D.jpg', stars: 4, caption: 'The iguana on the wall', back: 'Photos/sorted/2024/iguana.jpg', newAlbum: true },
  { file: 'Nikon_D70.jpg', stars: 2, caption: 'A white rose in the garden', back: 'Photos/sorted/rose-renamed.jpg', newAlbum: false },
] as const;

async function hashOf(page: Page, fileName: string, state: 'present' | 'missing' = 'present'): Promise<string> {
  const hash = await tile(page, fileName, state).getAttribute('data-image-hash');
  if (!hash) throw new Error(`no tile for ${fileName}`);
  return hash;
}

test('files put back elsewhere are relinked by Scan Photos with rating, caption and album intact', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Photos/trip', 4);
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Photos'));
  await expect(page.getByTestId('library-count')).toHaveText('4 photos');

  // Rating, caption and album, each set in the lightbox.
  const hashes: string[] = [];
  for (const edit of EDITS) {
    const hash = await hashOf(page, edit.file);
    hashes.push(hash);
    const box = await openInLightbox(page, tile(page, edit.file), edit.file);
    await setRating(box, edit.stars);
    await setCaption(box, edit.caption);
    if (edit.newAlbum) await addToNewAlbum(box, ALBUM);
    else await addToAlbum(page, box, ALBUM);
    await expect.poll(async () => (await storedPhoto(app, hash)).caption).toBe(edit.caption);
    await closeLightbox(page, box);
  }
  const saved = await storedPhoto(app, hashes[1]!);
  expect(saved.rating).toBe(2);
  expect(saved.albums.map((album) => album.title)).toEqual([ALBUM]);

  // Outside the app: both files leave the library's folder; Scan for Missing finds them gone.
  for (const edit of EDITS) await photos.move(`Photos/trip/${edit.file}`, `Outside/${edit.file}`);
  await scanForMissing(page, jobs);
  await openView(page, 'missing');
  await expect(page.getByTestId('missing-count')).toHaveText('2 missing photos');

  // They come back under the same root, in another folder and with other names.
  for (const edit of EDITS) await photos.move(`Outside/${edit.file}`, edit.back);
  const scan = await scanPhotos(page, jobs);
  expect(scan.result).toMatchObject({ relinked: 2 });
  // Nothing new but the .xmp sidecars Keepsake wrote beside the two photos (they stayed in Photos/trip).
  expect((scan.result as { added: number }).added).toBeLessThanOrEqual(2);
  await expect(page.getByTestId('missing-count')).toHaveText('0 missing photos');
  await expect(page.getByTestId('missing-empty')).toBeVisible();

  await openView(page, 'stats');
  await expect(statCard(page, 'num_missing_photos')).toHaveText('0');
  await expect(statCard(page, 'num_photos')).toHaveText('4');

  await openView(page, 'library');
  await expect(page.getByTestId('library-count')).toHaveText('4 photos');
  await expect(page.getByTestId('badge-missing')).toHaveCount(0);
  for (const [i, edit] of EDITS.entries()) {
    const name = edit.back.split('/').at(-1)!;
    // The same photo (same image hash) under its new name.
    const relinked = tile(page, name);
    await expect(relinked).toHaveAttribute('data-image-hash', hashes[i]!);
    await expect(relinked).toHaveAttribute('data-availability', 'present');
    await expect(tile(page, edit.file)).toHaveCount(0);

    const box = await openInLightbox(page, relinked, name);
    // Its picture, where it was put back (beside the .xmp sidecar Keepsake wrote when it was rated, if any).
    await expect(box.getByTestId('photo-file').filter({ hasNotText: '.xmp' })).toHaveCount(1);
    await expect(box.getByTestId('photo-file').filter({ hasNotText: '.xmp' })).toContainText(photos.path(edit.back));
    await expect(ratingRadio(box, edit.stars)).toBeChecked();
    expect((await storedPhoto(app, hashes[i]!)).rating).toBe(edit.stars);
    await expect(box.getByRole('textbox', { name: 'Caption' })).toHaveValue(edit.caption);
    await expect(albumPills(box)).toHaveText([ALBUM]);
    await expect(box.getByTestId('lightbox-image')).toBeVisible();
    if (i === 0) await screenshotView(app, 'lightbox-relinked-photo');
    await closeLightbox(page, box);
  }
});
