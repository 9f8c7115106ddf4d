import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { AppProtocolHandler } from '../../src-main/media/media-handler.ts';
import type { IpcSocket } from './ipc-socket.ts';
import { loopbackCertificate } from './loopback-certificate.ts';
import { HARNESS_HOST } from './target.ts';

type AnyRequest = IncomingMessage | Http2ServerRequest;
/** What both versions' responses offer, as this file uses it. */
interface AnyResponse {
  readonly headersSent: boolean;
  writeHead(status: number, headers?: Record<string, string>): { end(body?: Uint8Array): unknown };
  destroy(): void;
}
/** Headers HTTP/2 forbids (connection-specific); Electron's handler has no connection either. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** Header names the Fetch API takes (Node passes through some it would refuse). */
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/i;
/** Loopback only. */
const LOOPBACK = '127.0.0.1';
/** Answers up to this size are sent in one write. */
const ONE_WRITE = 4 * 1024 * 1024;

/** The app origin being served, and how to stop serving it. */
export interface ServedApp {
  /** `https://keepsake.localhost:<port>` (HTTP/2; `http://` without openssl): a secure context (as keepsake:// is), resolved to loopback by Chromium itself. */
  readonly origin: string;
  /** `keepsake.localhost:<port>`: the only host the handler answers. */
  readonly host: string;
  close(): Promise<void>;
}

/** Node's request as the web-standard Request the app protocol handler takes (its body is never read: GET and HEAD only). */
function toRequest(request: AnyRequest, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || !HEADER_NAME.test(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(new URL(request.url ?? '/', origin), { method: request.method ?? 'GET', headers });
}

async function answer(handler: AppProtocolHandler, request: AnyRequest, response: AnyResponse, origin: string): Promise<void> {
  const answered = await handler(toRequest(request, origin));
  const headers = Object.fromEntries([...answered.headers].filter(([name]) => !CONNECTION_HEADERS.has(name)));
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
  body.pipe(response as unknown as NodeJS.WritableStream);
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
  const onRequest = (request: AnyRequest, reply: ServerResponse | Http2ServerResponse) => {
    const response = reply as unknown as AnyResponse;
    answer(handler, request, response, origin).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  };
  // HTTP/2 (every thumbnail of a grid asked for at once, as from Electron's handler); the IPC
  // WebSocket comes over an HTTP/1.1 connection of the same server (allowHTTP1).
  const certificate = loopbackCertificate();
  const server = certificate === null ? createServer(onRequest) : createSecureServer({ ...certificate, allowHTTP1: true }, onRequest);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (request: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => ipc.upgrade(request, socket, head, host));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, resolve);
  });
  host = `${HARNESS_HOST}:${(server.address() as AddressInfo).port}`;
  origin = `${certificate === null ? 'http' : 'https'}://${host}`;
  handler = handlerFor(host);
  return {
    origin,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        ipc.close();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
