import type { Page, Route } from '@playwright/test';
import type { AppProtocolHandler } from '../../src-main/media/media-handler.ts';
import { HARNESS_ORIGIN } from './target.ts';

const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/i;

/** Turns a routed browser request into the web-standard Request the app protocol handler takes. */
async function toRequest(route: Route): Promise<Request> {
  const request = route.request();
  const headers = new Headers();
  for (const [name, value] of Object.entries(await request.allHeaders())) {
    if (HEADER_NAME.test(name)) headers.set(name, value);
  }
  return new Request(request.url(), { method: request.method(), headers });
}

/**
 * Serves the app origin through `page.route` with the very handler Electron's `protocol.handle`
 * uses (renderer files, media by id, byte ranges, CSP), and aborts every other http(s) request:
 * like the app's session, the page gets nothing from the network.
 */
export async function routeAppOrigin(page: Page, handler: AppProtocolHandler): Promise<void> {
  await page.route(/^(https?|wss?):\/\//, (route) => route.abort('blockedbyclient'));
  await page.route(`${HARNESS_ORIGIN}/**`, async (route) => {
    const response = await handler(await toRequest(route));
    const body = Buffer.from(await response.arrayBuffer());
    await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body });
  });
}
