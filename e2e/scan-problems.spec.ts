/**
 * Every file the scan saw is accounted for: a folder holds a good photo, a JPEG whose name is not
 * valid UTF-8 (Latin-1 `café.jpg`), a FIFO named like a photo, a corrupt JPEG and — when the test
 * does not run as root — a file nobody may read. After Scan Photos the toast says how many files
 * could not be imported; "Show" lists each with its reason.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addFirstFolderAndScan } from './support/app-steps.ts';
import { CORPUS } from './support/photo-folder.ts';
import { expect, test } from './support/story-test.ts';

// As root, chmod 000 denies nothing: the unreadable file is only part of the story for a normal user.
const asRoot = process.getuid?.() === 0;

test('after a scan the app says how many files could not be imported and lists each reason', async ({ app, photos, jobs }) => {
  const { page } = app;
  await photos.copyJpegs('Album', 1);
  await photos.copyIn(join('exif-samples', 'jpg', 'corrupted.jpg'), 'Album/corrupted.jpg');
  const dir = photos.path('Album');
  const jpegBytes = readFileSync(join(CORPUS, 'exif-samples', 'jpg', 'Canon_40D.jpg'));
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.jpg')]), jpegBytes);
  execFileSync('mkfifo', [join(dir, 'pipe.jpg')]);
  if (!asRoot) {
    writeFileSync(join(dir, 'locked.jpg'), jpegBytes);
    chmodSync(join(dir, 'locked.jpg'), 0o000);
  }
  const expected = asRoot ? 3 : 4;

  await app.goto();
  const scan = await addFirstFolderAndScan(app, jobs, dir);
  expect(scan.result).toMatchObject({ added: 2, problems: expected });

  const toast = page.getByTestId('notifications').getByRole('status').filter({ hasText: 'could not be imported' });
  await expect(toast).toContainText(`${expected} files could not be imported`);
  await app.screenshot('scan-problems-toast');
  await toast.getByRole('button', { name: 'Show' }).click();

  const dialog = page.getByRole('dialog', { name: 'Files that could not be imported' });
  await expect(dialog).toBeVisible();
  const rows = dialog.getByRole('table', { name: 'Files that could not be imported' }).locator('tbody tr');
  await expect(rows).toHaveCount(expected);
  const row = (name: string) => rows.filter({ hasText: name });
  await expect(row('caf\\xe9.jpg')).toContainText('name is not valid UTF-8');
  await expect(row('pipe.jpg')).toContainText('not a regular file');
  await expect(row('corrupted.jpg')).toContainText('cannot decode:');
  if (!asRoot) await expect(row('locked.jpg')).toContainText('permission denied');
  await app.screenshot('scan-problems');
  // The same in dark (Mantine's scheme attribute: a reload would lose the toast that opened the list).
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await app.screenshot('scan-problems-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // The footer's Close (the header's × is named Close too).
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();
});
