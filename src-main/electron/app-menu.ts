import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { menuAccelerator } from '../../src-shared/keyboard-shortcuts.ts';
import type { MenuCommand } from '../../src-shared/menu-commands.ts';

export interface AppMenuOptions {
  /** The log file Help → Show Log File shows in the file manager. */
  readonly logFile: string;
  /** Sends a menu command to the window (the `menu.command` event); the renderer does it. */
  readonly send: (command: MenuCommand) => void;
  /** process.platform: macOS gets the app menu and keeps Quit there. */
  readonly platform: NodeJS.Platform;
  /** Running from source (not packaged): the View menu has Reload and the developer tools. */
  readonly developer: boolean;
}

/**
 * The application menu: the platform's standard roles (the macOS app menu, Edit, Window), the
 * library's own commands in File (Add Folder…, Scan Photos, Scan for Missing Photos), the zoom,
 * full screen and appearance in View, and Help → Keyboard Shortcuts / Show Log File. Accelerators
 * come from the one list of shortcuts (src-shared/keyboard-shortcuts.ts), which the shortcuts sheet
 * shows. Reload and the developer tools are there only when running from source.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { send } = options;
  const isMac = options.platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(name),
    ...(accelerator === undefined ? {} : { accelerator }),
  });
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        command('Add Folder…', 'addFolder', menuAccelerator('addFolder')),
        { type: 'separator' },
        command('Scan Photos', 'scanPhotos', menuAccelerator('scanPhotos')),
        command('Scan for Missing Photos', 'scanMissing', menuAccelerator('scanMissing')),
        { type: 'separator' },
        // macOS quits from the app menu; elsewhere File ends with Quit.
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(options.developer ? [{ role: 'reload' as const }, { role: 'forceReload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { type: 'separator' },
        {
          label: 'Appearance',
          submenu: [command('Light', 'appearanceLight'), command('Dark', 'appearanceDark'), command('System', 'appearanceSystem')],
        },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        command('Keyboard Shortcuts', 'showShortcuts', menuAccelerator('showShortcuts')),
        { type: 'separator' },
        // The file a user sends when something went wrong.
        { label: 'Show Log File', click: () => shell.showItemInFolder(options.logFile) },
      ],
    },
  ];
}

/** Sets the application menu (see appMenuTemplate). */
export function setAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
