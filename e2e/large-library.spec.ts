/**
 * A library of thousands of photos in the grid: month headers, the one at the top kept there while
 * its photos scroll by, the date scrubber (click to a year, keys for the next group), a group's
 * Select, Ctrl/Cmd+A over every photo and one key to rate them all. The photos are rows written
 * straight into the library (the chromium target has the core at hand); no file is scanned.
 */
import { mkdirSync } from 'node:fs';
import { screenshotView } from './support/app-steps.ts';
import { expect, test } from './support/story-test.ts';

const COUNT = 5000;

test('a large library: sticky month headers, the date scrubber, a group\'s Select, Ctrl+A and one key rate them all', async ({ app, photos }) => {
  test.skip(app.core === null, 'needs the core in the test process to write thousands of photos');
  const { page } = app;
  const root = photos.path('Big');
  mkdirSync(root, { recursive: true });
  await app.goto();
  const added = await app.invoke('libraries.add', { name: 'Big', folders: [root] });
  if (!added.ok) throw new Error(added.error.message);
  const db = app.core!.db;
  const libraryId = added.value.id;
  const rootId = added.value.roots[0]!.id;
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @last)
       INSERT INTO files (hash, library_id, root_id, path, type, size, mtime_ms)
       SELECT printf('%032x', i) || CAST(@lib AS INTEGER), @lib, @root, @base || printf('/IMG_%05d.jpg', i), 'IMAGE', 1000, 0 FROM n`,
    ).run({ last: COUNT - 1, lib: libraryId, root: rootId, base: root });
    // Taken over ten years (2015–2024), a month's photos together.
    db.prepare(
      `INSERT INTO photos (image_hash, library_id, main_file, added_at, captured_at)
       SELECT hash, library_id, hash, '2025-01-01T00:00:00Z', strftime('%Y-%m-%dT%H:%M:%S', 1420070400 + CAST(substr(path, -9, 5) AS INTEGER) * 63000, 'unixepoch')
       FROM files WHERE library_id = @lib`,
    ).run({ lib: libraryId });
    db.prepare('INSERT INTO photo_files (image_hash, file_hash) SELECT hash, hash FROM files WHERE library_id = ?').run(libraryId);
    // No file is on disk: the root counts as caught up, so the live library does not look for them.
    db.prepare("UPDATE roots SET reconciled_at = '2999-01-01T00:00:00.000Z' WHERE id = ?").run(rootId);
  })();
  await page.reload();
  await expect(page.getByTestId('library-count')).toHaveText('5,000 photos');

  // The scrubber, with the years down its side.
  const scrubber = page.getByRole('slider', { name: 'Scroll by date' });
  await expect(scrubber).toBeVisible();
  await expect(scrubber).toContainText('2024');
  await expect(scrubber).toContainText('2015');
  await expect(scrubber).toHaveAttribute('aria-valuetext', /2024/);

  // Down the grid, the month at the top stays there.
  const grid = page.getByTestId('photo-grid');
  await grid.evaluate((el) => (el.scrollTop = 3000));
  const sticky = page.getByTestId('sticky-group-header');
  await expect(sticky).toBeVisible();
  await expect(sticky.locator('.ks-group-title')).toHaveText(/20(24|23)/);
  await screenshotView(app, 'library-large');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'dark'));
  await screenshotView(app, 'library-large-dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-mantine-color-scheme', 'light'));

  // A click low on the scrubber goes years back; End goes to the oldest month.
  const box = (await scrubber.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.9);
  await expect(scrubber).toHaveAttribute('aria-valuetext', /201[5-6]/);
  await expect(sticky.locator('.ks-group-title')).toHaveText(/201[5-6]/);
  await scrubber.focus();
  await scrubber.press('End');
  await expect(scrubber).toHaveAttribute('aria-valuetext', /2015/);
  await scrubber.press('Home');
  await expect(scrubber).toHaveAttribute('aria-valuetext', /2024/);

  // A group's Select takes its photos.
  const first = page.getByTestId('group-header').first();
  const count = Number(await first.locator('.ks-group-count').textContent());
  await first.hover();
  await first.getByRole('button', { name: /^Select the/ }).click();
  await expect(page.getByTestId('selection-count')).toHaveText(`${count} selected`);
  await page.keyboard.press('Escape');

  // Ctrl/Cmd+A: all 5,000; key 3 rates them all at once.
  await page.getByTestId('photo-tile').first().focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.getByTestId('selection-count')).toHaveText('5,000 selected');
  await page.keyboard.press('3');
  await expect(page.getByRole('status').filter({ hasText: 'Rated' })).toBeVisible();
  expect(db.prepare('SELECT COUNT(*) FROM photos WHERE library_id = ? AND rating = 3').pluck().get(libraryId)).toBe(COUNT);
  await expect(page.getByTestId('photo-tile').first()).toHaveAttribute('data-rating', '3');
});
