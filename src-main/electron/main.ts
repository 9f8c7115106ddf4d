/**
 * Keepsake's Electron entry: one instance, the `keepsake://app/` scheme (renderer + media), the core
 * opened on the user-data folder, IPC wired through the door, and a quit that waits for the running
 * write. Jobs outlive the window: closing it does not stop a scan.
 */
import { app, BrowserWindow, dialog, powerMonitor, protocol, session } from 'electron';
import { enableCompileCache } from 'node:module';
import { resolve } from 'node:path';
import { APP_ORIGIN, APP_SCHEME, eventChannel } from '../../src-shared/contract.ts';
import type { MenuCommand } from '../../src-shared/menu-commands.ts';
import { DESKTOP_APP_ACCESS, openKeepsake, type Keepsake } from '../core/keepsake.ts';
import { createDispatcher } from '../ipc/dispatcher.ts';
import { buildHandlerTable } from '../ipc/handler-table.ts';
import { createAppProtocolHandler } from '../media/media-handler.ts';
import { PRELOAD_PATH, RENDERER_DIR } from './app-paths.ts';
import { wireIpc } from './ipc-wiring.ts';
import { createQuitWhenIdle, isActiveJob } from './lifecycle.ts';
import { lockDownSession, lockDownWebContents } from './security.ts';
import { createShellHandlers } from './shell-handlers.ts';
import { createMainWindow } from './window.ts';
import { setAppMenu } from './app-menu.ts';
import { openLogFile } from '../core/log/log-file.ts';

// Compiled code is cached between launches; the hashing workers share the cache (see file-workers/file-workers.ts).
enableCompileCache?.();

// Must happen before `ready`: a standard, secure scheme gets an origin, fetch and media streaming.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

// The e2e suite (and anyone who wants a separate library) points the whole profile elsewhere.
const dataDirOverride = process.env['KEEPSAKE_DATA_DIR'];
if (dataDirOverride !== undefined && dataDirOverride !== '') app.setPath('userData', resolve(dataDirOverride));

let mainWindow: BrowserWindow | null = null;

async function openWindow(): Promise<BrowserWindow> {
  const window = await createMainWindow({ preloadPath: PRELOAD_PATH, stateDir: app.getPath('userData'), url: `${APP_ORIGIN}/` });
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  return window;
}

function showWindow(): void {
  if (mainWindow === null || mainWindow.isDestroyed()) {
    void openWindow().catch((error: unknown) => console.error('keepsake: could not open the window:', error));
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/**
 * A menu item for the renderer (the `menu.command` event). With no window open (macOS keeps running
 * without one), the window opens instead and the command is not sent: the user sees the app first.
 */
function sendMenuCommand(command: MenuCommand): void {
  const window = mainWindow;
  if (window === null || window.isDestroyed()) {
    showWindow();
    return;
  }
  window.webContents.send(eventChannel('menu.command'), { command });
}

/** Quits only after the core closed: the running write finishes, queued jobs are cancelled. */
function closeCoreOnQuit(core: Keepsake): void {
  let closed = false;
  let closing: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closing ??= (async () => {
      for (const window of BrowserWindow.getAllWindows()) window.hide();
      try {
        await core.close();
      } catch (error) {
        console.error('keepsake: error while closing the library:', error);
      }
      closed = true;
      app.quit();
    })();
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

  // The data folder is userData itself: keepsake.db and thumbnails/ next to Chromium's own files.
  // A `keepsake` command may hold the library (a scan from a terminal): then the app opens it
  // read-only, says so, and takes over when the command ends — browsing goes on meanwhile, and
  // nothing waits on a blank window (see KeepsakeOptions.access).
  const logFile = openLogFile(app.getPath('userData'), 'app');
  const { log } = logFile;
  log.info({ version: app.getVersion(), electron: process.versions.electron }, 'Keepsake started');
  process.on('uncaughtException', (error) => log.fatal({ err: error }, 'uncaught exception'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  setAppMenu({ logFile: logFile.path, send: sendMenuCommand, platform: process.platform, developer: !app.isPackaged });
  let core: Keepsake;
  try {
    core = openKeepsake({ dataDir: app.getPath('userData'), ...DESKTOP_APP_ACCESS, log });
  } catch (error) {
    log.error({ err: error }, 'could not open the library');
    dialog.showErrorBox('Keepsake could not open its library', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  closeCoreOnQuit(core);
  // After sleep the folders may have changed unseen (a drive swapped, a sync client's work): catch up.
  powerMonitor.on('resume', () => core.catchUp());

  const shellHandlers = createShellHandlers(core, () => mainWindow, logFile.path);
  // Throws on a duplicate or missing command: a wiring mistake stops the launch, not a click.
  const dispatch = createDispatcher(buildHandlerTable(core.handlers, shellHandlers));
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ core, rendererDir: RENDERER_DIR, host: 'app', onError: (error) => log.error({ err: error }, 'media error') }),
  );
  wireIpc({ dispatch, core, windows: () => BrowserWindow.getAllWindows() });

  const quitter = createQuitWhenIdle({
    // Only the writer runs jobs: read-only, the running rows are another process's, not a reason to stay.
    activeJobCount: async () => (core.access().writable ? (await core.handlers['jobs.list']({ limit: 1000 })).filter(isActiveJob).length : 0),
    onJobFinished: (callback) => core.on('job.finished', callback),
    windowCount: () => BrowserWindow.getAllWindows().length,
    quit: () => app.quit(),
  });
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; elsewhere quit — but never while a job runs.
    if (process.platform !== 'darwin') void quitter.lastWindowClosed().catch(() => app.quit());
  });
  app.on('activate', showWindow);
  app.on('second-instance', showWindow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  await openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another Keepsake owns the library; it shows its window (second-instance) and we leave.
  app.quit();
} else {
  start().catch((error: unknown) => {
    console.error('keepsake: failed to start:', error);
    app.exit(1);
  });
}
