import {
  APP_ORIGIN,
  COMMAND_NAMES,
  EVENT_NAMES,
  commandChannel,
  eventChannel,
  type EventName,
  type EventPayloads,
} from '../../src-shared/contract.ts';
import type { Dispatcher } from './dispatcher.ts';

/** The part of an IPC invoke event the door looks at: which frame sent it. */
export interface InvokeEventLike {
  readonly senderFrame?: { readonly url: string } | null;
}

/** The part of Electron's `ipcMain` the door needs (injected, so this file stays Electron-free). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** True when the URL is a page of our own app origin (`keepsake://app/...`). */
export function isAppUrl(url: string, origin: string = APP_ORIGIN): boolean {
  try {
    const parsed = new URL(url);
    // `URL.origin` is "null" for custom schemes, so compare scheme and host ourselves.
    return `${parsed.protocol}//${parsed.host}` === origin && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Thrown (so the caller's invoke rejects) for a message from a frame that is not our app. */
export class UntrustedSenderError extends Error {
  constructor(url: string) {
    super(`Dropped a message from an untrusted frame (${url.slice(0, 200) || 'no frame'})`);
    this.name = 'UntrustedSenderError';
  }
}

/**
 * Registers one IPC handler per contract command, each going through the dispatcher. Messages whose
 * sender frame is not our app origin are dropped (never dispatched). Returns an unregister function.
 */
export function registerCommandChannels(
  ipc: IpcMainLike,
  dispatch: Dispatcher,
  options: { readonly origin?: string; readonly onDropped?: (url: string) => void } = {},
): () => void {
  const origin = options.origin ?? APP_ORIGIN;
  const registered: string[] = [];
  for (const command of COMMAND_NAMES) {
    const channel = commandChannel(command);
    ipc.handle(channel, (event, request) => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppUrl(url, origin)) {
        options.onDropped?.(url);
        throw new UntrustedSenderError(url);
      }
      return dispatch(command, request);
    });
    registered.push(channel);
  }
  return () => {
    for (const channel of registered) ipc.removeHandler(channel);
  };
}

/** Something that can subscribe to core events (the core facade's `on`). */
export type EventSource = <E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void) => () => void;

/** Forwards every contract event from the core to `send(channel, payload)`; returns an unsubscribe. */
export function forwardEvents(subscribe: EventSource, send: (channel: string, payload: unknown) => void): () => void {
  const unsubscribes = EVENT_NAMES.map((event) => subscribe(event, (payload) => send(eventChannel(event), payload)));
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
