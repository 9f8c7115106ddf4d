import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { AppProtocolHandler } from '../../src-main/media/media-handler.ts';
import type { IpcSocket } from './ipc-socket.ts';
import { HARNESS_HOST } from './target.ts';

/** Header names the Fetch API takes (Node passes through some it would refuse). */
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/i;
/** Loopback only. */
const LOOPBACK = '127.0.0.1';
/** Answers up to this size are sent in one write. */
const ONE_WRITE = 4 * 1024 * 1024;

/** The app origin being served, and how to stop serving it. */
export interface ServedApp {
  /** `http://keepsake.localhost:<port>`: a secure context (as keepsake:// is), resolved to loopback by Chromium itself. */
  readonly origin: string;
  /** `keepsake.localhost:<port>`: the only host the handler answers. */
  readonly host: string;
  close(): Promise<void>;
}

/** Node's request as the web-standard Request the app protocol handler takes (its body is never read: GET and HEAD only). */
function toRequest(request: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || !HEADER_NAME.test(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(new URL(request.url ?? '/', origin), { method: request.method ?? 'GET', headers });
}

async function answer(handler: AppProtocolHandler, request: IncomingMessage, response: ServerResponse, origin: string): Promise<void> {
  const answered = await handler(toRequest(request, origin));
  const headers = Object.fromEntries(answered.headers);
  if (answered.body === null || request.method === 'HEAD') {
    response.writeHead(answered.status, headers).end();
    return;
  }
  // Small answers (thumbnails, the bundle) in one write: a web stream piped chunk by chunk costs
  // more than the bytes; big ones (a video) streamed.
  const length = Number(answered.headers.get('content-length') ?? Number.NaN);
  if (length <= ONE_WRITE) {
    const bytes = Buffer.from(await answered.arrayBuffer());
    response.writeHead(answered.status, headers).end(bytes);
    return;
  }
  response.writeHead(answered.status, headers);
  const body = Readable.fromWeb(answered.body as import('node:stream/web').ReadableStream);
  body.on('error', () => response.destroy());
  body.pipe(response);
}

/**
 * Serves the app origin over a real loopback HTTP server with the very handler Electron's
 * `protocol.handle` uses (renderer files, media by id, byte ranges, CSP), and the bridge's IPC
 * socket on the same origin (ipc-socket.ts). A real server, not `page.route`: a routed response
 * crosses Playwright's protocol as base64 (a grid of thumbnails is megabytes), where Electron's
 * handler streams the bytes to the renderer. Nothing else is reachable: see chromium-args.ts.
 */
export async function serveAppOrigin(handlerFor: (host: string) => AppProtocolHandler, ipc: IpcSocket): Promise<ServedApp> {
  let origin = '';
  let host = '';
  let handler: AppProtocolHandler = async () => new Response('Not ready', { status: 503 });
  const server = createServer((request, response) => {
    answer(handler, request, response, origin).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  server.on('upgrade', (request, socket, head) => ipc.upgrade(request, socket, head, host));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, resolve);
  });
  host = `${HARNESS_HOST}:${(server.address() as AddressInfo).port}`;
  origin = `http://${host}`;
  handler = handlerFor(host);
  return {
    origin,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        ipc.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
