import { chromium } from '@playwright/test';
import { startChromiumApp } from '../e2e/harness/chromium-app.ts';
const dataDir = process.argv[2]!;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
let calls = 0; let busy = 0;
const { app, stop } = await startChromiumApp({ page, dataDir, rendererDir: '/work/main/build/renderer' });
await app.goto('#missing');
await page.getByTestId('missing-row').first().waitFor({ timeout: 60000 });
await page.waitForTimeout(3000);
for (const step of [0, 20, 120, 1000]) {
  const r = await page.evaluate(async (step) => {
    const list = document.querySelector<HTMLElement>('[data-testid="missing-list"]')!;
    const s = performance.now(); const gaps: number[] = []; let last = s;
    for (let i = 0; i < 60; i++) { list.scrollTop += step; await new Promise(requestAnimationFrame); const n = performance.now(); gaps.push(n - last); last = n; }
    gaps.sort((a, b) => a - b);
    return { fps: 60 / ((performance.now() - s) / 1000), p50: gaps[30], max: gaps[59] };
  }, step);
  console.log('step', step, JSON.stringify(r));
  await page.waitForTimeout(2000);
}
await stop(); await browser.close();
