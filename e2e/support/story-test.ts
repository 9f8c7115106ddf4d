/**
 * The story specs' `test`: the harness's `app` plus `photos` (this test's own folder of real photos
 * copied from the corpus, removed afterwards) and `jobs` (finished-job events recorded on every
 * page load, so steps wait on the app rather than on time).
 */
import { expect, test as harnessTest } from '../harness/fixtures.ts';
import { JobWatch } from './job-watch.ts';
import { PhotoFolder } from './photo-folder.ts';

export { expect };

export const test = harnessTest.extend<{ photos: PhotoFolder; jobs: JobWatch }>({
  // A step that cannot happen fails in seconds with its reason, not at the 90 s test timeout.
  actionTimeout: 15_000,
  photos: async ({}, use, testInfo) => {
    const photos = await PhotoFolder.create();
    try {
      await use(photos);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) console.log(`keepsake e2e: kept the photos of "${testInfo.title}": ${photos.base}`);
      else await photos.dispose();
    }
  },
  jobs: async ({ app }, use) => {
    await use(await JobWatch.install(app.page));
  },
});
