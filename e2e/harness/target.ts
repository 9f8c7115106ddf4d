/** Which app the e2e specs drive: the renderer in Debian's Chromium (default) or the real Electron app. */
export type E2eTarget = 'chromium' | 'electron';

/** Read from KEEPSAKE_E2E_TARGET; anything but "electron" means chromium. */
export const E2E_TARGET: E2eTarget = process.env['KEEPSAKE_E2E_TARGET'] === 'electron' ? 'electron' : 'chromium';

/** The host name the chromium target serves the app from, on a port of its own (`*.localhost` is a secure context, like keepsake://; serve-app.ts). */
export const HARNESS_HOST = 'keepsake.localhost';
