import { _electron, type ElectronApplication } from '@playwright/test';
import { join } from 'node:path';
import { APP_ORIGIN } from '../../src-shared/contract.ts';
import type { MenuCommand } from '../../src-shared/menu-commands.ts';
import type { KeepsakeApp } from './app-handle.ts';
import { saveScreenshot } from './screenshots.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** Where each menu command is in the application menu (src-main/electron/app-menu.ts), by label. */
const MENU_PATHS: Readonly<Record<MenuCommand, readonly string[]>> = {
  addFolder: ['File', 'Add Folder…'],
  scanPhotos: ['File', 'Scan Photos'],
  scanMissing: ['File', 'Scan for Missing Photos'],
  showShortcuts: ['help', 'Keyboard Shortcuts'],
  appearanceLight: ['View', 'Appearance', 'Light'],
  appearanceDark: ['View', 'Appearance', 'Dark'],
  appearanceSystem: ['View', 'Appearance', 'System'],
};

/** The test hooks installed in the Electron main process (replacing the native dialog and file manager). */
interface MainHooks {
  picked: string | null;
  pickedFile: string | null;
  shown: string[];
  opened: string[];
}

/**
 * The electron target: the real app (`npm run build` first) started by Playwright with its whole
 * profile in this test's data folder (KEEPSAKE_DATA_DIR). The native folder dialog and "Show in
 * folder" are replaced in the main process so specs can script them; everything else is the app.
 */
export async function startElectronApp(options: { readonly dataDir: string }): Promise<{ app: KeepsakeApp; stop(): Promise<void> }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  env['KEEPSAKE_DATA_DIR'] = options.dataDir;
  // `.` starts the app the way `electron .` and the packaged app do: package.json's "main".
  const electronApp: ElectronApplication = await _electron.launch({ args: ['.'], cwd: REPO_ROOT, env });
  await electronApp.evaluate(({ dialog, shell }) => {
    const hooks: MainHooks = { picked: null, pickedFile: null, shown: [], opened: [] };
    (globalThis as unknown as { __keepsakeE2E: MainHooks }).__keepsakeE2E = hooks;
    dialog.showOpenDialog = (async (...args: unknown[]) => {
      // (window, options) or (options): a file dialog answers the scripted file, a folder dialog the folder.
      const options = (args.length > 1 ? args[1] : args[0]) as { properties?: string[] } | undefined;
      const forFile = options?.properties?.includes('openFile') === true;
      const path = forFile ? hooks.pickedFile : hooks.picked;
      if (forFile) hooks.pickedFile = null;
      else hooks.picked = null;
      return path === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [path] };
    }) as typeof dialog.showOpenDialog;
    shell.showItemInFolder = (path: string) => void hooks.shown.push(path);
    shell.openPath = async (path: string) => (hooks.opened.push(path), '');
  });
  const page = await electronApp.firstWindow();
  await page.waitForLoadState('domcontentloaded');

  let picked: string | null = null;
  const setPicked = (path: string | null) =>
    electronApp.evaluate((_electron, value) => {
      (globalThis as unknown as { __keepsakeE2E: MainHooks }).__keepsakeE2E.picked = value;
    }, path);
  let pendingPick: Promise<void> = Promise.resolve();

  const app: KeepsakeApp = {
    target: 'electron',
    page,
    dataDir: options.dataDir,
    core: null,
    async goto(viewPath = '') {
      await pendingPick;
      await page.goto(`${APP_ORIGIN}/${viewPath.replace(/^\//, '')}`);
    },
    get nextPickedFolder() {
      return picked;
    },
    set nextPickedFolder(path: string | null) {
      picked = path;
      pendingPick = setPicked(path);
    },
    async setNextPickedFolder(path) {
      picked = path;
      await setPicked(path);
    },
    async setNextPickedFile(path) {
      await electronApp.evaluate((_electron, value) => {
        (globalThis as unknown as { __keepsakeE2E: MainHooks }).__keepsakeE2E.pickedFile = value;
      }, path);
    },
    async chooseMenu(command) {
      const path = MENU_PATHS[command];
      const clicked = await electronApp.evaluate(({ Menu, BrowserWindow }, labels) => {
        let items = Menu.getApplicationMenu()?.items ?? [];
        let found: Electron.MenuItem | undefined;
        for (const label of labels) {
          found = items.find((item) => item.label === label || item.role?.toLowerCase() === label.toLowerCase());
          items = found?.submenu?.items ?? [];
        }
        if (found === undefined) return false;
        found.click(undefined, BrowserWindow.getAllWindows()[0]);
        return true;
      }, path);
      if (!clicked) throw new Error(`no menu item ${path.join(' → ')}`);
    },
    shownInFolder: () => electronApp.evaluate(() => [...(globalThis as unknown as { __keepsakeE2E: MainHooks }).__keepsakeE2E.shown]),
    openedInDefaultApp: () => electronApp.evaluate(() => [...(globalThis as unknown as { __keepsakeE2E: MainHooks }).__keepsakeE2E.opened]),
    invoke: (command, request) =>
      page.evaluate(([name, body]) => window.keepsake.invoke(name, body as never), [command, request] as const) as never,
    screenshot: (name) => saveScreenshot(page, 'electron', name),
  };
  return {
    app,
    // Quitting goes through before-quit, which waits for the core to close.
    stop: () => electronApp.close(),
  };
}
