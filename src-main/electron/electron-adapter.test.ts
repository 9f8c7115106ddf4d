/**
 * The Electron adapter with the `electron` module mocked (the binary cannot run here): the real
 * ipc-wiring, preload and shell-handlers modules, loaded against recording fakes.
 * Needs `--experimental-test-module-mocks` (set in package.json's test:unit).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { COMMAND_NAMES, commandChannel, eventChannel, type EventName, type KeepsakeBridge } from '../../src-shared/contract.ts';
import type { Dispatcher } from '../ipc/dispatcher.ts';

type Listener = (...args: unknown[]) => unknown;

const ipcMainHandlers = new Map<string, Listener>();
const ipcMain = {
  handle(channel: string, listener: Listener) {
    if (ipcMainHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMainHandlers.set(channel, listener);
  },
  removeHandler: (channel: string) => void ipcMainHandlers.delete(channel),
};
const rendererInvokes: [string, unknown][] = [];
const rendererListeners = new Map<string, Set<Listener>>();
const ipcRenderer = {
  invoke: async (channel: string, request: unknown) => (rendererInvokes.push([channel, request]), { ok: true, value: { via: channel } }),
  on: (channel: string, listener: Listener) => void (rendererListeners.get(channel) ?? rendererListeners.set(channel, new Set()).get(channel)!).add(listener),
  removeListener: (channel: string, listener: Listener) => void rendererListeners.get(channel)?.delete(listener),
};
const exposed = new Map<string, unknown>();
const dialogCalls: unknown[][] = [];
let dialogAnswer = { canceled: false, filePaths: ['/home/me/Pictures'] };
const shownInFolder: string[] = [];

mock.module('electron', {
  namedExports: {
    ipcMain,
    ipcRenderer,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
    dialog: { showOpenDialog: async (...args: unknown[]) => (dialogCalls.push(args), dialogAnswer) },
    shell: { showItemInFolder: (path: string) => void shownInFolder.push(path) },
  },
});

const { wireIpc } = await import('./ipc-wiring.ts');
const { createShellHandlers } = await import('./shell-handlers.ts');
await import('./preload.ts');

describe('ipc-wiring (ipcMain mocked)', () => {
  const dispatched: [unknown, unknown][] = [];
  const dispatch: Dispatcher = async (command, request) => (dispatched.push([command, request]), { ok: true, value: 'ok' });
  const coreListeners = new Map<EventName, (payload: unknown) => void>();
  const sent: [string, string, unknown][] = [];
  const window = (name: string, destroyed = false) => ({
    isDestroyed: () => destroyed,
    webContents: { send: (channel: string, payload: unknown) => void sent.push([name, channel, payload]) },
  });
  let unwire: () => void;

  before(() => {
    unwire = wireIpc({
      dispatch,
      core: { on: (event, callback) => (coreListeners.set(event, callback as (payload: unknown) => void), () => coreListeners.delete(event)) },
      windows: () => [window('main'), window('closed', true)] as never,
    });
  });

  it('registers one ipcMain handler per contract command, from the table', () => {
    assert.deepEqual([...ipcMainHandlers.keys()].sort(), COMMAND_NAMES.map(commandChannel).sort());
  });

  it('refuses to be wired twice (duplicate channel)', () => {
    assert.throws(() => wireIpc({ dispatch, core: { on: () => () => undefined }, windows: () => [] }), /second handler/);
  });

  it('dispatches messages from keepsake://app and drops others', async () => {
    const handler = ipcMainHandlers.get(commandChannel('stats.get'))!;
    assert.deepEqual(await handler({ senderFrame: { url: 'keepsake://app/' } }, {}), { ok: true, value: 'ok' });
    await assert.rejects(Promise.resolve().then(() => handler({ senderFrame: { url: 'https://evil.example/' } }, {})), /untrusted/);
    await assert.rejects(Promise.resolve().then(() => handler({ senderFrame: null }, {})), /untrusted/);
    assert.deepEqual(dispatched, [['stats.get', {}]]);
  });

  it('pushes core events to open windows only', () => {
    coreListeners.get('job.progress')!({ jobId: 'j', current: 1 });
    assert.deepEqual(sent, [['main', eventChannel('job.progress'), { jobId: 'j', current: 1 }]]);
  });

  after(() => {
    unwire();
    assert.equal(ipcMainHandlers.size, 0);
    assert.equal(coreListeners.size, 0);
  });
});

describe('preload (contextBridge mocked)', () => {
  const bridge = () => exposed.get('keepsake') as KeepsakeBridge;

  it('exposes exactly window.keepsake with invoke and on', () => {
    assert.deepEqual([...exposed.keys()], ['keepsake']);
    assert.deepEqual(Object.keys(bridge()).sort(), ['invoke', 'on']);
  });

  it('invokes contract commands on their channel', async () => {
    rendererInvokes.length = 0;
    const result = await bridge().invoke('stats.get', {});
    assert.deepEqual(result, { ok: true, value: { via: commandChannel('stats.get') } });
    assert.deepEqual(rendererInvokes, [[commandChannel('stats.get'), {}]]);
  });

  it('answers bad_request for names outside the contract without sending anything', async () => {
    rendererInvokes.length = 0;
    for (const name of ['fs.readFile', 'keepsake:cmd:stats.get', '__proto__', 42]) {
      const result = await bridge().invoke(name as never, {} as never);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, 'bad_request');
    }
    assert.deepEqual(rendererInvokes, []);
  });

  it('on() passes only the payload and returns a working unsubscribe; unknown events throw', () => {
    const got: unknown[] = [];
    const unsubscribe = bridge().on('library.changed', (payload) => got.push(payload));
    const listeners = rendererListeners.get(eventChannel('library.changed'))!;
    for (const listener of listeners) listener({ sender: 'ipc event' }, { libraryId: 1, reason: 'scan' });
    assert.deepEqual(got, [{ libraryId: 1, reason: 'scan' }]);
    unsubscribe();
    assert.equal(listeners.size, 0);
    assert.throws(() => bridge().on('keepsake:evt:x' as never, () => undefined), /Unknown event/);
  });
});

describe('shell-handlers (dialog and shell mocked)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keepsake-shell-electron-'));
    await writeFile(join(dir, 'photo.jpg'), 'x');
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  const hash = 'e'.repeat(32) + '1';
  const core = () => ({ fileSource: () => ({ path: join(dir, 'photo.jpg'), mime: 'image/jpeg', size: 1 }), reportFileGone: () => undefined });

  it('opens a directory dialog and returns the folder, or null on cancel', async () => {
    const handlers = createShellHandlers(core(), () => null, join(dir, 'logs', 'keepsake.log'));
    assert.deepEqual(await handlers['dialog.pickFolder']({ title: 'Add a folder' }), { path: '/home/me/Pictures' });
    const [options] = dialogCalls.at(-1) as [{ properties: string[]; title: string }];
    assert.deepEqual(options.properties, ['openDirectory']);
    assert.equal(options.title, 'Add a folder');
    dialogAnswer = { canceled: true, filePaths: [] };
    assert.deepEqual(await handlers['dialog.pickFolder']({}), { path: null });
  });

  it('opens a file dialog near a folder and returns the file, or null on cancel', async () => {
    const handlers = createShellHandlers(core(), () => null, null);
    dialogAnswer = { canceled: false, filePaths: ['/home/me/Pictures/IMG_1.jpg'] };
    assert.deepEqual(await handlers['dialog.pickFile']({ title: 'Locate IMG_1.jpg', near: '/home/me/Pictures' }), { path: '/home/me/Pictures/IMG_1.jpg' });
    const [options] = dialogCalls.at(-1) as [{ properties: string[]; title: string; defaultPath?: string }];
    assert.deepEqual(options.properties, ['openFile']);
    assert.equal(options.title, 'Locate IMG_1.jpg');
    assert.equal(options.defaultPath, '/home/me/Pictures');
    dialogAnswer = { canceled: true, filePaths: [] };
    assert.deepEqual(await handlers['dialog.pickFile']({}), { path: null });
  });

  it('shows the known path in the file manager', async () => {
    assert.deepEqual(await createShellHandlers(core(), () => null, join(dir, 'logs', 'keepsake.log'))['photos.showInFolder']({ fileHash: hash }), { shown: true });
    assert.deepEqual(shownInFolder, [join(dir, 'photo.jpg')]);
  });

  it('Help → Show Log File shows the log file in the file manager', async () => {
    assert.deepEqual(await createShellHandlers(core(), () => null, join(dir, 'logs', 'keepsake.log'))['app.showLogFile']({}), { shown: true });
    assert.deepEqual(shownInFolder.at(-1), join(dir, 'logs', 'keepsake.log'));
  });
});
