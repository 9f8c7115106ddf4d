/**
 * DEVELOPMENT ONLY: takes screenshots of every view against the fake bridge (light and dark), to look
 * at. Needs serve-dev.ts running. Run: node src-renderer/dev/screenshots.ts [outDir] [baseUrl]
 */
import { chromium, type Page } from '@playwright/test';

const out = process.argv[2] ?? '/tmp/renderer-shots';
const base = process.argv[3] ?? 'http://127.0.0.1:4173/';

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${out}/${name}.png` });
}

const browser = await chromium.launch({
  executablePath: process.env.KEEPSAKE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const scheme of ['light', 'dark'] as const) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
  page.on('console', (m) => m.type() === 'error' && console.log(`[${scheme}] console error: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && !r.url().includes('/media/file/0') && console.log(`[${scheme}] HTTP ${r.status()} ${r.url()}`));
  page.on('pageerror', (e) => console.log(`[${scheme}] page error: ${e.message}`));
  await page.goto(`${base}?fake`);
  await page.getByRole('grid').waitFor();
  await shoot(page, `${scheme}-library`);
  await page.getByRole('button', { name: /^Photo IMG_0002\.jpg$/ }).click();
  await page.getByRole('dialog').waitFor();
  await shoot(page, `${scheme}-lightbox-image`);
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-missing').click();
  await page.getByTestId('missing-count').filter({ hasText: /missing photos/ }).waitFor();
  await shoot(page, `${scheme}-missing`);
  await page.getByRole('button', { name: 'Video IMG_0015.mp4, missing' }).click();
  await page.getByRole('alert').filter({ hasText: 'Video Not Found' }).waitFor();
  await shoot(page, `${scheme}-lightbox-video-not-found`);
  await page.keyboard.press('Escape');
  await page.getByText('Offline', { exact: true }).first().click();
  await page.waitForTimeout(300);
  await shoot(page, `${scheme}-offline`);
  await page.getByRole('button', { name: 'Delete Missing Photos' }).click();
  await page.getByRole('dialog', { name: 'Delete missing photos?' }).waitFor();
  await page.waitForTimeout(300);
  await shoot(page, `${scheme}-delete-dialog`);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('nav-trash').click();
  await shoot(page, `${scheme}-trash`);
  await page.getByTestId('nav-stats').click();
  await page.getByTestId('stat-num_photos').waitFor();
  await shoot(page, `${scheme}-stats`);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('roots-table').waitFor();
  await page.getByRole('button', { name: 'Scan for Missing Photos' }).click();
  await page.waitForTimeout(500);
  await shoot(page, `${scheme}-settings-running`);
  await page.waitForTimeout(1800);
  await shoot(page, `${scheme}-settings`);
  await page.close();
}
const empty = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await empty.goto(`${base}?fake&empty`);
await empty.getByTestId('library-empty').waitFor();
await shoot(empty, 'light-empty');
await browser.close();
console.log(`screenshots in ${out}`);
