/**
 * Smoke test of the app and the harness: the page loads with its CSP, the renderer renders with the
 * bridge connected, commands go through the real door (and bad ones are refused there), and media
 * requests reach the real app-protocol handler. Runs in both targets.
 */
import { expect, test } from './harness/fixtures.ts';
import { loopbackCertificate } from './harness/loopback-certificate.ts';
import { E2E_TARGET } from './harness/target.ts';

test('the app loads, renders and talks to the core through the bridge', async ({ app }) => {
  const { page } = app;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await app.goto();
  await expect(page).toHaveTitle('Keepsake');
  await expect(page.locator('#root')).not.toBeEmpty();
  // The "could not start" screen appears only when window.keepsake is missing.
  await expect(page.getByText('Keepsake could not start')).toHaveCount(0);
  // The harness's origin speaks HTTP/2, so a grid's thumbnails are not held to 6 connections
  // (Electron's protocol handler has no connections to wait for).
  if (E2E_TARGET === 'chromium' && loopbackCertificate() !== null) {
    expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol)).toBe('h2');
  }

  // The bridge has exactly the preload's shape.
  expect(await page.evaluate(() => Object.keys(window.keepsake).sort())).toEqual(['invoke', 'on']);
  expect(await page.evaluate(() => Object.isFrozen(window.keepsake))).toBe(true);

  // A real command, validated at the door and answered by the core.
  const libraries = await app.invoke('libraries.list', {});
  expect(libraries).toEqual({ ok: true, value: expect.any(Array) });
  // Refused in the page (not a contract name) and at the door (malformed request).
  expect(await page.evaluate(() => window.keepsake.invoke('fs.readFile' as never, {} as never))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  expect(await app.invoke('photos.list', { libraryId: 'one' as never })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  expect(await app.invoke('jobs.start', { type: 'delete_missing', libraryId: 1 } as never)).toMatchObject({ ok: false, error: { code: 'bad_request' } });

  // Media by id only: an unknown id is a 404 from the app-protocol handler, not a crash.
  const unknown = 'f'.repeat(32) + '1';
  expect(await page.evaluate((id) => fetch(`/media/file/${id}`).then((r) => r.status), unknown)).toBe(404);
  expect(await page.evaluate(() => fetch('/media/file/..%2f..%2fetc%2fpasswd').then((r) => r.status))).toBe(404);

  await app.screenshot('smoke-first-launch');
  expect(errors).toEqual([]);
});

test('the HTML is served with the strict Content-Security-Policy', async ({ app }) => {
  test.skip(app.target === 'electron', 'page.goto response headers are not observable for a custom scheme');
  await app.goto();
  const response = await app.page.goto(new URL('/', app.page.url()).href);
  expect(response?.status()).toBe(200);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
});
