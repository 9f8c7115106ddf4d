/**
 * DEVELOPMENT ONLY: rough renderer-side figures with the fake bridge (which runs IN the page, so its
 * own filtering of N photos is counted too — the real core runs in another process): time from
 * in-app navigation to the first painted page of the Missing view, and frames while scrolling the
 * grid and the Missing list to the end. Needs serve-dev.ts running (Vite's dev server, so React runs
 * its development build: slower than the app; `npm run bench` measures the production build).
 * Run: node src-renderer/dev/measure-scroll.ts [count] [baseUrl]
 */
import { chromium } from '@playwright/test';

const count = Number(process.argv[2] ?? 100_000);
const base = process.argv[3] ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch({
  executablePath: process.env.KEEPSAKE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

// Navigation → first page of the Missing view, from the performance marks the renderer sets.
{
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}?fake=${count}`);
  await page.getByTestId('photo-tile').first().waitFor();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('nav-missing').click();
    await page.waitForFunction((n) => performance.getEntriesByName('keepsake:missing-first-page').length > n, i);
    times.push(
      await page.evaluate(() => {
        const start = performance.getEntriesByName('keepsake:view:missing').at(-1)?.startTime ?? 0;
        return Math.round((performance.getEntriesByName('keepsake:missing-first-page').at(-1)?.startTime ?? 0) - start);
      }),
    );
    await page.getByTestId('nav-library').click();
    await page.getByTestId('photo-tile').first().waitFor();
  }
  console.log(`Missing view, navigation → first painted page (${count} photos, fake): ${times.join(', ')} ms`);
  await page.close();
}

for (const [hash, testid] of [['#library', 'photo-grid'], ['#missing', 'missing-list']] as const) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}?fake=${count}${hash}`);
  await page.getByTestId(testid).waitFor();
  await page.waitForTimeout(1000);
  const r = await page.getByTestId(testid).evaluate(async (el) => {
    const frames: number[] = [];
    const start = performance.now();
    let last = start;
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1 && performance.now() - start < 8000) {
      el.scrollTop += 120; // about one wheel step per frame
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    frames.sort((a, b) => a - b);
    const total = performance.now() - start;
    const at = (q: number) => Math.round(frames[Math.floor(frames.length * q)] ?? 0);
    return { frames: frames.length, fps: Math.round((frames.length / total) * 1000), p50: at(0.5), p95: at(0.95) };
  });
  console.log(`${testid} scrolling (${count} photos, fake): ${r.fps} fps over ${r.frames} frames, frame p50 ${r.p50} ms, p95 ${r.p95} ms`);
  await page.close();
}
await browser.close();
