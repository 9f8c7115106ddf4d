/**
 * DEVELOPMENT ONLY: drives the renderer against the fake bridge and fails loudly when a selector or
 * behaviour the e2e specs rely on is broken (keyboard grid, lightbox, editing, delete dialog, 100k
 * photos). Needs serve-dev.ts running. Run: node src-renderer/dev/check-interactions.ts [baseUrl]
 */
import { chromium, expect } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch({
  executablePath: process.env.KEEPSAKE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(`${base}?fake`);

// Grid: accessible names, labels, keyboard.
const grid = page.getByRole('grid', { name: /Photos in/ });
await expect(grid).toBeVisible();
const first = page.getByRole('button', { name: 'Photo IMG_0001.jpg, missing' });
await expect(first).toBeVisible();
await expect(first.getByText('Missing', { exact: true })).toBeVisible();
await expect(page.getByRole('button', { name: 'Photo IMG_0006.jpg, offline' })).toHaveAttribute('title', /PHOTOS-USB/);
await first.focus();
await page.keyboard.press('ArrowRight');
await expect(page.getByRole('button', { name: 'Photo IMG_0002.jpg' })).toBeFocused();
await page.keyboard.press('ArrowDown');
await expect(page.locator('[data-testid="photo-tile"][data-index="7"]')).toBeFocused();
await page.keyboard.press('Enter');
const lightbox = page.getByRole('dialog', { name: 'IMG_0008.jpg' });
await expect(lightbox).toBeVisible();
await page.keyboard.press('ArrowRight');
await expect(page.getByRole('dialog', { name: 'IMG_0009.jpg' })).toBeVisible();
await page.keyboard.press('ArrowLeft');
await expect(lightbox).toBeVisible();

// Rating, caption, album.
const star4 = lightbox.getByRole('radio', { name: '4 stars' });
await lightbox.locator(`label[for="${await star4.getAttribute('id')}"]`).click();
await expect(star4).toBeChecked();
const caption = lightbox.getByRole('textbox', { name: 'Caption' });
await caption.fill('Beach day');
await caption.blur();
await lightbox.getByRole('textbox', { name: 'New album title' }).fill('Summer');
await lightbox.getByRole('button', { name: 'New album' }).click();
await expect(lightbox.getByText('Summer')).toBeVisible();
await page.keyboard.press('Escape');
await expect(lightbox).toBeHidden();
await page.getByRole('button', { name: 'Photo IMG_0008.jpg, missing' }).click();
await expect(page.getByRole('textbox', { name: 'Caption' })).toHaveValue('Beach day');
await expect(page.getByRole('radio', { name: '4 stars' })).toBeChecked();
// A caption typed then closed with Esc (no blur) is still saved.
await page.getByRole('textbox', { name: 'Caption' }).fill('Saved on Esc');
await page.keyboard.press('Escape');
await page.getByRole('button', { name: 'Photo IMG_0008.jpg, missing' }).click();
await expect(page.getByRole('textbox', { name: 'Caption' })).toHaveValue('Saved on Esc');
await page.keyboard.press('Escape');

// Missing view: count, video not found, delete dialog cancel / offline checkbox.
await page.getByRole('button', { name: 'Missing' }).first().click();
await expect(page.getByTestId('missing-count')).toHaveText('7 missing photos');
await expect(page.getByRole('list', { name: 'Missing photos' }).getByRole('listitem')).toHaveCount(7);
await page.getByRole('button', { name: 'Video IMG_0015.mp4, missing' }).click();
const alert = page.getByRole('alert').filter({ hasText: 'Video Not Found' });
await expect(alert).toContainText('The video file could not be found or is no longer available.');
await page.keyboard.press('Escape');
await page.getByRole('button', { name: 'Delete Missing Photos' }).click();
const dialog = page.getByRole('dialog', { name: 'Delete missing photos?' });
await expect(dialog.getByRole('button', { name: 'Delete 7 photos' })).toBeEnabled();
await dialog.getByRole('checkbox', { name: 'Also delete 5 photos on offline drives' }).check();
await expect(dialog.getByRole('button', { name: 'Delete 12 photos' })).toBeEnabled();
await page.keyboard.press('Escape');
await expect(dialog).toBeHidden();
await expect(page.getByTestId('missing-count')).toHaveText('7 missing photos');
await page.getByRole('button', { name: 'Delete Missing Photos' }).click();
await expect(dialog.getByRole('checkbox')).not.toBeChecked();
await dialog.getByRole('button', { name: 'Delete 7 photos' }).click();
await expect(page.getByTestId('missing-count')).toHaveText('0 missing photos', { timeout: 10_000 });

// Stats.
await page.getByTestId('nav-stats').click();
await expect(page.getByTestId('stat-num_missing_photos')).toHaveText('0');

// 100,000 photos: the Missing view paints its first page fast and fetches only one page.
const big = await browser.newPage({ viewport: { width: 1280, height: 800 } });
let listCalls = 0;
await big.exposeFunction('__count', () => listCalls++);
await big.goto(`${base}?fake=100000`);
await expect(big.getByRole('grid')).toBeVisible();
const t0 = Date.now();
await big.getByTestId('nav-missing').click();
await expect(big.getByTestId('missing-row').first()).toBeVisible();
console.log(`missing view (fake, 100k): first rows visible ${Date.now() - t0} ms after click; rows in DOM: ${await big.getByTestId('missing-row').count()}`);
await big.getByTestId('nav-library').click();
await expect(big.getByTestId('photo-tile').first()).toBeVisible();
const tiles = await big.getByTestId('photo-tile').count();
const scroller = big.getByTestId('photo-grid');
await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
const lastIndex = Number(await scroller.getAttribute('data-total')) - 1;
await expect(big.locator(`[data-testid="photo-tile"][data-index="${lastIndex}"]`)).toBeVisible({ timeout: 10_000 });
console.log(`library grid (fake, 100k): ${tiles} tiles in DOM; scrolled to the end: last index ${await big.locator('[data-testid="photo-tile"]').last().getAttribute('data-index')}`);
void listCalls;

if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
await browser.close();
console.log('interaction checks passed');
