import { HARNESS_HOST } from './target.ts';

/**
 * How Debian's Chromium is launched for the e2e specs and the renderer bench. No name but the
 * harness's own resolves (like the app's session, the page gets nothing from the network; the app's
 * CSP forbids it too). Not `page.route`: a route makes Playwright pause every request of the page —
 * each thumbnail — until the test process lets it go.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${HARNESS_HOST}`,
  // The harness's own throwaway certificate (loopback-certificate.ts); nothing else is reachable.
  '--ignore-certificate-errors',
];
