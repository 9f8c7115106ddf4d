/**
 * The application menu's template with `electron` mocked: the platform's standard roles, the
 * library's commands with the accelerators of the one shortcuts list, each item sending its
 * command, developer items only when running from source, Help → Show Log File.
 */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { menuAccelerator } from '../../src-shared/keyboard-shortcuts.ts';
import type { MenuCommand } from '../../src-shared/menu-commands.ts';

const shown: string[] = [];
let applied: MenuItemConstructorOptions[] | null = null;
mock.module('electron', {
  namedExports: {
    shell: { showItemInFolder: (path: string) => void shown.push(path) },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
      setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] }) => void (applied = menu.template),
    },
  },
});
const { appMenuTemplate, setAppMenu } = await import('./app-menu.ts');

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined): Item[] => (Array.isArray(item?.submenu) ? (item.submenu as Item[]) : []);
const top = (template: Item[], name: string): Item | undefined => template.find((item) => item.label === name || item.role === name);
const item = (menu: Item | undefined, label: string): Item | undefined => submenu(menu).find((entry) => entry.label === label);
const click = (entry: Item | undefined): void => (entry?.click as (() => void) | undefined)?.();

function build(platform: NodeJS.Platform, developer = false): { template: Item[]; sent: MenuCommand[] } {
  const sent: MenuCommand[] = [];
  return { template: appMenuTemplate({ logFile: '/data/logs/keepsake.log', send: (command) => void sent.push(command), platform, developer }), sent };
}

describe('the application menu', () => {
  it('has the platform standard menus in order: the app menu on macOS only', () => {
    const names = (template: Item[]) => template.map((entry) => entry.role ?? entry.label);
    assert.deepEqual(names(build('darwin').template), ['appMenu', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
    assert.deepEqual(names(build('linux').template), ['File', 'editMenu', 'View', 'windowMenu', 'help']);
    assert.deepEqual(names(build('win32').template), ['File', 'editMenu', 'View', 'windowMenu', 'help']);
  });

  it('File: Add Folder…, Scan Photos and Scan for Missing Photos send their command, with the shortcuts list accelerators', () => {
    const { template, sent } = build('linux');
    const file = top(template, 'File');
    assert.deepEqual(submenu(file).map((entry) => entry.label ?? entry.role ?? entry.type), ['Add Folder…', 'separator', 'Scan Photos', 'Scan for Missing Photos', 'separator', 'quit']);
    assert.equal(item(file, 'Add Folder…')?.accelerator, 'CmdOrCtrl+O');
    assert.equal(item(file, 'Scan Photos')?.accelerator, 'F5');
    assert.equal(item(file, 'Scan for Missing Photos')?.accelerator, 'Shift+F5');
    assert.equal(item(file, 'Add Folder…')?.accelerator, menuAccelerator('addFolder'));
    click(item(file, 'Add Folder…'));
    click(item(file, 'Scan Photos'));
    click(item(file, 'Scan for Missing Photos'));
    assert.deepEqual(sent, ['addFolder', 'scanPhotos', 'scanMissing']);
    // On macOS File ends with Close (Quit is in the app menu).
    assert.equal(submenu(top(build('darwin').template, 'File')).at(-1)?.role, 'close');
  });

  it('View: zoom, full screen and Appearance; reload and developer tools only when running from source', () => {
    const { template, sent } = build('linux');
    const view = top(template, 'View');
    const roles = submenu(view).map((entry) => entry.role).filter(Boolean);
    assert.deepEqual(roles, ['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    for (const label of ['Light', 'Dark', 'System']) click(item(item(view, 'Appearance'), label));
    assert.deepEqual(sent, ['appearanceLight', 'appearanceDark', 'appearanceSystem']);
    assert.ok(!JSON.stringify(template).includes('toggleDevTools'));
    const developer = submenu(top(build('linux', true).template, 'View')).map((entry) => entry.role).filter(Boolean);
    assert.deepEqual(developer.slice(0, 3), ['reload', 'forceReload', 'toggleDevTools']);
  });

  it('Help: Keyboard Shortcuts opens the sheet; Show Log File shows the log in the file manager', () => {
    const { template, sent } = build('darwin');
    const help = top(template, 'help');
    assert.equal(item(help, 'Keyboard Shortcuts')?.accelerator, 'CmdOrCtrl+/');
    click(item(help, 'Keyboard Shortcuts'));
    assert.deepEqual(sent, ['showShortcuts']);
    click(item(help, 'Show Log File'));
    assert.deepEqual(shown, ['/data/logs/keepsake.log']);
  });

  it('setAppMenu applies the template', () => {
    setAppMenu({ logFile: '/x.log', send: () => undefined, platform: 'linux', developer: false });
    assert.deepEqual((applied ?? []).map((entry) => entry.role ?? entry.label), ['File', 'editMenu', 'View', 'windowMenu', 'help']);
  });
});
