import type { Session, WebContents } from 'electron';
import { isAppUrl } from '../ipc/ipc-door.ts';

/**
 * Denies every permission (camera, notifications, geolocation, devices, …): Keepsake needs none, so
 * a page that asks is not ours to trust. Also cancels any http(s)/ws request — the app is offline
 * and serves everything from its own scheme; this backs up the CSP's `default-src 'self'`.
 */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

/**
 * Keeps a web contents on our app: navigation anywhere but `keepsake://app/` is refused, new windows
 * (`window.open`, target=_blank) are denied, and no <webview> may attach.
 */
export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
