import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: the platform's standard roles, and Help → Show Log File (the file a user
 * sends when something went wrong). Developer items (reload, dev tools) are left out.
 */
export function setAppMenu(logFile: string): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Show Log File', click: () => shell.showItemInFolder(logFile) }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
