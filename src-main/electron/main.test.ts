/**
 * The Electron entry (main.ts) started against a mocked `electron` module and the REAL core on a
 * temp folder: scheme privileges before ready, the protocol handler, every IPC channel, the secure
 * window, denied permissions and navigation, the keep-alive rule and a quit that waits for the core.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { COMMAND_NAMES, commandChannel } from '../../src-shared/contract.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'keepsake-main-'));
process.env['KEEPSAKE_DATA_DIR'] = dataDir;
const log: string[] = [];

class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>([['userData', join(dataDir, 'default-user-data')]]);
  quits = 0;
  exits: number[] = [];
  /** As in an installed app: no developer items in the menu. */
  readonly isPackaged = true;
  setPath(name: string, path: string) {
    this.paths.set(name, path);
  }
  getPath(name: string) {
    return this.paths.get(name) ?? dataDir;
  }
  getVersion() {
    return '0.0.0-test';
  }
  requestSingleInstanceLock() {
    log.push('requestSingleInstanceLock');
    return true;
  }
  whenReady() {
    log.push('whenReady');
    return Promise.resolve();
  }
  quit() {
    this.quits++;
    // Like Electron: quitting emits before-quit, which a listener may cancel.
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    log.push(event.defaultPrevented ? 'quit-deferred' : 'quit-done');
  }
  exit(code: number) {
    this.exits.push(code);
  }
}
const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  openHandler: ((details: unknown) => { action: string }) | null = null;
  sent: [string, unknown][] = [];
  setWindowOpenHandler(handler: (details: unknown) => { action: string }) {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}
let loaded: (url: string) => void;
const windowLoaded = new Promise<string>((resolve) => (loaded = resolve));
class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows() {
    return FakeBrowserWindow.all;
  }
  readonly webContents = new FakeWebContents();
  readonly options: { webPreferences: Record<string, unknown> };
  constructor(options: { webPreferences: Record<string, unknown> }) {
    super();
    this.options = options;
    FakeBrowserWindow.all.push(this);
  }
  async loadURL(url: string) {
    loaded(url);
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 10, y: 20, width: 900, height: 700 });
  maximize() {}
  show() {}
  hide() {}
  focus() {}
  restore() {}
  closeAll() {
    this.emit('close');
    FakeBrowserWindow.all = FakeBrowserWindow.all.filter((w) => w !== this);
    this.emit('closed');
  }
}

const privileged: unknown[] = [];
let protocolHandler: ((request: Request) => Promise<Response>) | null = null;
const ipcChannels: string[] = [];
let permissionRequest: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
let permissionCheck: (() => boolean) | null = null;
let blockedUrls: string[] = [];
type FakeMenuItem = { label?: string; role?: string; click?: () => void; submenu?: FakeMenuItem[] };
let appMenu: FakeMenuItem[] = [];

mock.module('electron', {
  namedExports: {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => (log.push('registerSchemesAsPrivileged'), privileged.push(...schemes)),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => (log.push(`handle:${scheme}`), (protocolHandler = handler)),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof permissionRequest) => (permissionRequest = handler),
        setPermissionCheckHandler: (handler: typeof permissionCheck) => (permissionCheck = handler),
        setDevicePermissionHandler: () => undefined,
        webRequest: { onBeforeRequest: (filter: { urls: string[] }) => (blockedUrls = filter.urls) },
      },
    },
    ipcMain: { handle: (channel: string) => void ipcChannels.push(channel), removeHandler: () => undefined },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showErrorBox: (title: string, text: string) => log.push(`error:${title}:${text}`) },
    shell: { showItemInFolder: () => undefined },
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }), setApplicationMenu: (menu: { template: FakeMenuItem[] }) => void (appMenu = menu.template) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    powerMonitor: { on: () => undefined },
    nativeTheme: { shouldUseDarkColors: false },
  },
});

await import('./main.ts');
const url = await windowLoaded;
const window = FakeBrowserWindow.all[0]!;

after(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('main.ts with electron mocked', () => {
  it('sets its own application menu, with Help → Keyboard Shortcuts and Show Log File and no developer items', () => {
    const help = appMenu.find((item) => item.role === 'help');
    assert.deepEqual(help?.submenu?.map((item) => item.label).filter(Boolean), ['Keyboard Shortcuts', 'Show Log File']);
    assert.ok(!JSON.stringify(appMenu).includes('toggleDevTools'));
  });

  it('sends a menu item to the window as the menu.command event', () => {
    const scan = appMenu.find((item) => item.label === 'File')?.submenu?.find((item) => item.label === 'Scan Photos');
    const before = window.webContents.sent.length;
    scan?.click?.();
    assert.deepEqual(window.webContents.sent.slice(before), [['keepsake:evt:menu.command', { command: 'scanPhotos' }]]);
  });

  it('writes its log file in the data folder', () => {
    assert.ok(existsSync(join(dataDir, 'logs', 'keepsake.log')));
  });

  it('registers the privileged scheme before ready, takes the single-instance lock, and uses KEEPSAKE_DATA_DIR', () => {
    assert.deepEqual(privileged, [{ scheme: 'keepsake', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
    assert.ok(log.indexOf('registerSchemesAsPrivileged') < log.indexOf('whenReady'));
    assert.ok(log.includes('requestSingleInstanceLock'));
    assert.equal(app.getPath('userData'), dataDir);
    assert.deepEqual(app.exits, [], log.join('\n'));
  });

  it('serves keepsake:// with the app handler (unknown media → 404)', async () => {
    assert.ok(log.includes('handle:keepsake'));
    const response = await protocolHandler!(new Request(`keepsake://app/media/file/${'0'.repeat(32)}1`));
    assert.equal(response.status, 404);
  });

  it('registers an IPC handler for every contract command', () => {
    assert.deepEqual([...ipcChannels].sort(), COMMAND_NAMES.map(commandChannel).sort());
  });

  it('opens a secure window on keepsake://app/', () => {
    assert.equal(url, 'keepsake://app/');
    const prefs = window.options.webPreferences;
    assert.equal(prefs['contextIsolation'], true);
    assert.equal(prefs['sandbox'], true);
    assert.equal(prefs['nodeIntegration'], false);
    assert.equal(prefs['webSecurity'], true);
    assert.match(String(prefs['preload']), /build[/\\]preload[/\\]preload\.cjs$/);
  });

  it('denies permissions, new windows, foreign navigation and network requests', () => {
    let granted: boolean | null = null;
    permissionRequest!(null, 'media', (answer) => (granted = answer));
    assert.equal(granted, false);
    assert.equal(permissionCheck!(), false);
    assert.deepEqual(window.webContents.openHandler!({ url: 'https://example.com' }), { action: 'deny' });
    const navigate = (target: string) => {
      let prevented = false;
      window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, target);
      return prevented;
    };
    assert.equal(navigate('https://evil.example/'), true);
    assert.equal(navigate('file:///etc/passwd'), true);
    assert.equal(navigate('keepsake://app/?scheme=dark'), false);
    assert.ok(blockedUrls.includes('https://*/*') && blockedUrls.includes('http://*/*'));
  });

  it('closing the last window with no job running quits, and quit waits for the core to close', async () => {
    window.closeAll();
    app.emit('window-all-closed');
    // The keep-alive rule asks the core for active jobs first (async), then quits.
    const asked = Date.now() + 20_000;
    while (app.quits === 0 && Date.now() < asked) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(app.quits >= 1, true);
    assert.equal(log.filter((entry) => entry === 'quit-deferred').length, 1, 'the first quit waits for core.close()');
    // core.close() ends worker threads and the database: real time, longer on a loaded machine.
    const deadline = Date.now() + 20_000;
    while (!log.includes('quit-done') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(log.includes('quit-done'), 'after core.close() the quit goes through');
  });
});
