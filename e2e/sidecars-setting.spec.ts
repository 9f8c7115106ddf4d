/**
 * Metadata that outlives the database, as the user meets it: a first library keeps sidecars, and
 * says so when it is added; a rating given in the lightbox reaches `<photo>.xmp` beside the photo
 * (the photo file itself untouched); Settings shows the per-library switch with its explanation, and
 * turning it back on writes every sidecar as a Write Sidecars job in the history.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { SIDECARS_EXPLAINED } from '../src-shared/sidecar-texts.ts';
import { addFirstFolderAndScan, dismissToasts, openView } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

test('sidecars: explained when the library is added, written as ratings change, one switch per library', async ({ app, photos, jobs }) => {
  const { page } = app;
  const names = await photos.copyJpegs('Trip', 3);
  const first = names[0] as string;
  const photo = photos.path(`Trip/${first}`);
  const before = { bytes: readFileSync(photo), mtimeMs: statSync(photo).mtimeMs };
  await app.goto();
  await expect(page.getByTestId('sidecars-explained')).toContainText(SIDECARS_EXPLAINED);
  await addFirstFolderAndScan(app, jobs, photos.path('Trip'));
  await dismissToasts(page);

  // The rating goes through the page's own bridge, as the lightbox sends it (the lightbox has its own specs).
  await page.evaluate(async (name) => {
    const bridge = (window as unknown as { keepsake: { invoke(c: string, r: unknown): Promise<{ ok: boolean; value: never }> } }).keepsake;
    const libraries = (await bridge.invoke('libraries.list', {})).value as { id: number }[];
    const list = (await bridge.invoke('photos.list', { libraryId: libraries[0]?.id, view: 'all', offset: 0, limit: 50 })).value as { items: { imageHash: string; mainPath: string }[] };
    const photo = list.items.find((item) => item.mainPath.endsWith(`/${name}`));
    await bridge.invoke('photos.setRating', { imageHash: photo?.imageHash, rating: 4 });
  }, first);
  const sidecar = `${photo}.xmp`;
  await expect.poll(() => (existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : ''), { timeout: 10_000 }).toContain('<xmp:Rating>4</xmp:Rating>');
  expect(readFileSync(photo).equals(before.bytes)).toBe(true);
  expect(statSync(photo).mtimeMs).toBe(before.mtimeMs);

  await openView(page, 'settings');
  const toggle = page.getByRole('switch', { name: /Keep metadata in sidecar files/ });
  await expect(toggle).toBeChecked();
  await expect(page.getByText(SIDECARS_EXPLAINED).first()).toBeVisible();
  await expect(page.getByTestId('new-library-sidecars')).toBeChecked();
  await app.screenshot('settings-sidecars');
  await toggle.click({ force: true });
  await expect(toggle).not.toBeChecked();
  const written = await jobs.after('write_sidecars', () => toggle.click({ force: true }));
  await expect(toggle).toBeChecked();
  expect(written.status).toBe('succeeded');
  expect(written.result).toMatchObject({ problems: 0, skipped: 0 });
  for (const name of names) expect(existsSync(photos.path(`Trip/${name}.xmp`))).toBe(true);
  const row = page.getByTestId('job-history-row').and(page.locator('[data-job-type="write_sidecars"]')).first();
  await expect(row).toBeVisible();
});
