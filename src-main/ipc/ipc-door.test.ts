import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMAND_NAMES, EVENT_NAMES, commandChannel, eventChannel, type EventName, type EventPayloads } from '../../src-shared/contract.ts';
import type { Dispatcher } from './dispatcher.ts';
import { forwardEvents, isAppUrl, registerCommandChannels, type InvokeEventLike, type IpcMainLike } from './ipc-door.ts';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

/** An ipcMain stand-in that, like Electron's, refuses a second handler on one channel. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const registrations: string[] = [];
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
      registrations.push(channel);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const invoke = async (channel: string, senderUrl: string | null, request: unknown) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, request);
  };
  return { ipc, handlers, registrations, invoke };
}

const recordingDispatcher = () => {
  const calls: [unknown, unknown][] = [];
  const dispatch: Dispatcher = async (command, request) => (calls.push([command, request]), { ok: true, value: 'done' });
  return { calls, dispatch };
};

describe('isAppUrl', () => {
  it('accepts only pages of keepsake://app', () => {
    assert.equal(isAppUrl('keepsake://app/'), true);
    assert.equal(isAppUrl('keepsake://app/index.html#/missing'), true);
    for (const url of ['keepsake://evil/', 'https://app/', 'file:///index.html', 'keepsake://app.evil.com/', 'about:blank', '', 'not a url', 'keepsake://user@app/'])
      assert.equal(isAppUrl(url), false, url);
  });
});

describe('registerCommandChannels', () => {
  it('registers every contract command exactly once, on its channel', () => {
    const { ipc, registrations } = fakeIpcMain();
    registerCommandChannels(ipc, recordingDispatcher().dispatch);
    assert.equal(registrations.length, COMMAND_NAMES.length);
    assert.deepEqual([...registrations].sort(), COMMAND_NAMES.map(commandChannel).sort());
  });

  it('cannot be wired twice (the second registration throws), and unwires cleanly', () => {
    const { ipc, handlers } = fakeIpcMain();
    const unwire = registerCommandChannels(ipc, recordingDispatcher().dispatch);
    assert.throws(() => registerCommandChannels(ipc, recordingDispatcher().dispatch), /second handler/);
    unwire();
    assert.equal(handlers.size, 0);
  });

  it('dispatches a message from the app origin with its command name', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const { calls, dispatch } = recordingDispatcher();
    registerCommandChannels(ipc, dispatch);
    assert.deepEqual(await invoke(commandChannel('stats.get'), 'keepsake://app/', { libraryId: 1 }), { ok: true, value: 'done' });
    assert.deepEqual(calls, [['stats.get', { libraryId: 1 }]]);
  });

  it('drops messages from untrusted or vanished frames without dispatching them', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const { calls, dispatch } = recordingDispatcher();
    const dropped: string[] = [];
    registerCommandChannels(ipc, dispatch, { onDropped: (url) => dropped.push(url) });
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'keepsake://other/', null]) {
      await assert.rejects(invoke(commandChannel('jobs.start'), url, { type: 'scan_photos', libraryId: 1 }), /untrusted frame/);
    }
    assert.equal(calls.length, 0);
    assert.deepEqual(dropped, ['https://evil.example/', 'file:///tmp/x.html', 'keepsake://other/', '']);
  });
});

describe('forwardEvents', () => {
  it('forwards every contract event on its channel and unsubscribes all', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const subscribe = <E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void) => {
      listeners.set(event, callback as (payload: unknown) => void);
      return () => listeners.delete(event);
    };
    const sent: [string, unknown][] = [];
    const stop = forwardEvents(subscribe, (channel, payload) => sent.push([channel, payload]));
    assert.deepEqual([...listeners.keys()].sort(), [...EVENT_NAMES].sort());
    listeners.get('library.changed')?.({ libraryId: 2, reason: 'scan' });
    assert.deepEqual(sent, [[eventChannel('library.changed'), { libraryId: 2, reason: 'scan' }]]);
    stop();
    assert.equal(listeners.size, 0);
  });
});
