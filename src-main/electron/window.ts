import { BrowserWindow, nativeTheme, screen } from 'electron';
import { DEFAULT_WINDOW_STATE, WINDOW_MIN_SIZE, fitToDisplays, loadWindowState, saveWindowState } from './window-state.ts';
import { lockDownWebContents } from './security.ts';

export interface MainWindowOptions {
  /** The bundled preload (`build/preload/preload.cjs`). */
  readonly preloadPath: string;
  /** Folder of the remembered size/position (the app's user-data folder). */
  readonly stateDir: string;
  /** The page to load, `keepsake://app/`. */
  readonly url: string;
}

/**
 * Opens the main window: isolated, sandboxed, no Node in the page, web security on; navigation and
 * new windows denied; size and position remembered between launches.
 */
export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const remembered = await loadWindowState(options.stateDir).catch(() => DEFAULT_WINDOW_STATE);
  const state = fitToDisplays(remembered, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: WINDOW_MIN_SIZE.width,
    minHeight: WINDOW_MIN_SIZE.height,
    show: false,
    title: 'Keepsake',
    // Matches the renderer's theme (it follows the OS), so no white flash in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1a1b1e' : '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  lockDownWebContents(window.webContents);
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      saveWindowState(options.stateDir, { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      // Losing the window position is not worth failing a close over.
      console.warn('keepsake: could not remember the window position:', error);
    }
  });
  await window.loadURL(options.url);
  return window;
}
