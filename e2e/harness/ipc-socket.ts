import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../../src-main/ipc/dispatcher.ts';

/** Where the page's bridge connects (same origin: the CSP's connect-src 'self' lets it). */
export const IPC_PATH = '/__keepsake/ipc';

/** A call from the page: its number (answers may come in any order), the command and the request. */
interface Call {
  readonly id: number;
  readonly command: unknown;
  readonly request?: unknown;
}

/**
 * The chromium target's IPC: one WebSocket per page load, ordered like Electron's IPC pipe — calls
 * reach the door in the order they were made, answers and core events come back on the one socket.
 * Not Playwright's exposeBinding: each of its calls crosses the browser process twice and is
 * serialized value by value (about 1 ms per kB), where Electron's IPC is a fraction of a millisecond.
 */
export class IpcSocket {
  readonly #server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  readonly #open = new Set<WebSocket>();

  constructor(dispatch: Dispatcher) {
    this.#server.on('connection', (socket) => {
      this.#open.add(socket);
      socket.on('close', () => this.#open.delete(socket));
      socket.on('message', (data) => {
        let call: Call;
        try {
          call = JSON.parse(String(data)) as Call;
        } catch {
          return; // not from the bridge
        }
        void dispatch(call.command, call.request).then((answer) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: call.id, answer }));
        });
      });
    });
  }

  /** Takes an upgrade request for IPC_PATH from this origin's host; anything else is refused. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, host: string): void {
    if (new URL(request.url ?? '/', 'http://x').pathname !== IPC_PATH || request.headers.host !== host) {
      socket.destroy();
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#server.emit('connection', ws, request));
  }

  /** A core event, to every page load that listens (as webContents.send). */
  send(event: string, payload: unknown): void {
    const text = JSON.stringify({ event, payload: payload === undefined ? null : payload });
    for (const socket of this.#open) if (socket.readyState === socket.OPEN) socket.send(text);
  }

  close(): void {
    for (const socket of this.#open) socket.terminate();
    this.#server.close();
  }
}
