/**
 * What a sidecar another app wrote gives a new photo, where the user sees it: its keywords as
 * albums grouped under "Keywords" in the sidebar (Keepsake's own albums under "My albums"), and its
 * colour label in the viewer's Info panel.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeSidecarXmp } from '../src-main/core/sidecars/sidecar-xmp.ts';
import { addFirstFolderAndScan, dismissToasts, openInLightbox, tile } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

test('read-back: keywords grouped under Keywords in the sidebar, the colour label in the Info panel', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyIn('exif-samples/jpg/Canon_40D.jpg', 'Camera/Canon_40D.jpg');
  const sidecar = photos.path('Camera/Canon_40D.jpg.xmp');
  mkdirSync(dirname(sidecar), { recursive: true });
  writeFileSync(
    sidecar,
    writeSidecarXmp(null, { rating: 3, label: 'Green', caption: '', subjects: ['Summer', 'beach'], hierarchical: ['Keepsake|Albums|Summer'], faces: [], dimensions: null }),
  );
  await app.goto();
  await addFirstFolderAndScan(app, jobs, photos.path('Camera'));
  await dismissToasts(page);

  const group = (title: string) => page.getByRole('list', { name: title, exact: true });
  await expect(group('Keywords').getByTestId('album-row')).toHaveText(['beach']);
  await expect(group('My albums').getByTestId('album-row')).toHaveText(['Summer']);

  const viewer = await openInLightbox(page, tile(page, 'Canon_40D.jpg'), 'Canon_40D.jpg');
  await expect(viewer.getByTestId('photo-info').getByTestId('info-color-label')).toHaveText('Green');
});
