import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/content-security-policy.ts';
import { requestSchemas } from '../../src-shared/request-schemas.ts';
import type { Keepsake, MediaSource } from '../core/keepsake.ts';
import type { FileIdentity } from '../core/photos/media-source.ts';
import { parseRange } from './byte-range.ts';
import { mimeForPath } from './mime-types.ts';
import { isInside, resolveInside } from './safe-path.ts';


/** What the handler needs from the core: media by id, and a way to flag a vanished file. */
export type MediaCore = Pick<Keepsake, 'thumbnailSource' | 'fileSource' | 'previewSource' | 'reportFileGone'>;

export interface AppProtocolOptions {
  readonly core: MediaCore;
  /** The built renderer (default `build/renderer` under the working folder). */
  readonly rendererDir?: string;
  /** Only answer this host (e.g. `app` for `keepsake://app/`); any host when left out. */
  readonly host?: string;
  /** Told about unexpected failures (the answer is a 500 either way). */
  readonly onError?: (error: unknown) => void;
}

/** A web-standard request handler, as Electron's `protocol.handle` and the e2e harness call it. */
export type AppProtocolHandler = (request: Request) => Promise<Response>;

// The contract's own hash rule (MD5 hex + library id), so the door and the media URLs agree.
const hashSchema = requestSchemas['photos.get'].shape.imageHash;
const isHash = (value: string): boolean => value.length <= 64 && hashSchema.safeParse(value).success;

const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } as const;

/**
 * Media is the user's own files served from our origin, so it must never run as code here: only
 * image/video/audio types keep their type (anything else goes out as opaque bytes, which with
 * `nosniff` no page will execute), and a sandboxing CSP covers an SVG opened as a document.
 */
const MEDIA_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";
export const safeMediaType = (mime: string): string =>
  /^(image|video|audio)\/[\w.+-]+$/i.test(mime.trim()) ? mime.trim() : 'application/octet-stream';

const textResponse = (status: number, text: string, extra: Record<string, string> = {}): Response =>
  new Response(text, {
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
  });

/** Answers up to this many bytes are read at once rather than streamed. */
const ONE_READ = 256 * 1024;

/** O_NONBLOCK where the platform has it (not on Windows, which has no FIFOs in the file system). */
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Whether an opened user file is the one Keepsake tracks: the same device and inode as when it was
 * last scanned — or, for a file replaced in place since (an editor's save), a path that still
 * resolves inside its root. A file or folder swapped for a symlink out of the library is neither.
 */
async function isTheTrackedFile(handle: FileHandle, path: string, identity: FileIdentity): Promise<boolean> {
  const info = await handle.stat();
  if (identity.ino !== null && info.ino === identity.ino && (identity.dev === null || info.dev === identity.dev)) return true;
  if (identity.rootPath === null) return false;
  try {
    const [real, root] = await Promise.all([realpath(path), realpath(identity.rootPath)]);
    return isInside(root, real) && real !== root;
  } catch {
    return false;
  }
}

const errnoOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
const isGone = (error: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes(errnoOf(error) ?? '');

/**
 * Serves a file from an open handle: whole (200) or one byte range (206), streamed from disk rather
 * than read into memory (up to ONE_READ bytes are read at once), so a long video costs only what the
 * player asks for. Closes the handle.
 */
async function serveHandle(handle: FileHandle, request: Request, contentType: string, headers: Record<string, string>): Promise<Response> {
  let handedOff = false;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return textResponse(404, 'Not found');
    const size = stat.size;
    const range = parseRange(request.headers.get('range'), size);
    const base = { ...COMMON_HEADERS, ...headers, 'Content-Type': contentType, 'Accept-Ranges': 'bytes' };
    if (range.kind === 'unsatisfiable') return textResponse(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}`, 'Accept-Ranges': 'bytes' });
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : size - 1;
    const length = size === 0 ? 0 : end - start + 1;
    const responseHeaders: Record<string, string> = { ...base, 'Content-Length': String(length) };
    if (range.kind === 'partial') responseHeaders['Content-Range'] = `bytes ${start}-${end}/${size}`;
    const status = range.kind === 'partial' ? 206 : 200;
    if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers: responseHeaders });
    // A thumbnail (tens of kB, a grid asks for dozens at once) in one read: a stream per image
    // costs more than its bytes.
    if (length <= ONE_READ) {
      const bytes = Buffer.alloc(length);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(bytes, read, length - read, start + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return new Response(read === length ? bytes : bytes.subarray(0, read), { status, headers: { ...responseHeaders, 'Content-Length': String(read) } });
    }
    // The stream owns the handle from here and closes it when done or cancelled.
    const stream = handle.createReadStream({ start, end, autoClose: true });
    handedOff = true;
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers: responseHeaders });
  } finally {
    if (!handedOff) await handle.close().catch(() => undefined);
  }
}

/**
 * Creates the handler for the app's origin (`keepsake://app/` in Electron, a test origin in e2e):
 * `/media/thumbnail/<imageHash>` and `/media/file/<fileHash>` serve what the database knows, by id
 * only (no path from the request reaches the disk); every other path is a file of the built renderer,
 * never outside it. A known file that is gone answers 404 and is flagged missing at once.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): AppProtocolHandler {
  const { core } = options;
  const rendererDir = resolve(options.rendererDir ?? join('build', 'renderer'));
  let realRendererDir: Promise<string> | undefined;
  const rendererRoot = (): Promise<string> => (realRendererDir ??= realpath(rendererDir).catch(() => rendererDir));

  async function serveMedia(kind: string, id: string, request: Request): Promise<Response> {
    if ((kind !== 'thumbnail' && kind !== 'file' && kind !== 'preview') || !isHash(id)) return textResponse(404, 'Not found');
    let source: MediaSource | null;
    if (kind === 'preview') {
      const found = await core.previewSource(id);
      // 415: the file is there but nothing here decodes it; the viewer then says "can't be shown here".
      if (found.kind === 'undecodable') return textResponse(415, `Cannot make a preview: ${found.reason.slice(0, 200)}`);
      source = found.kind === 'ok' ? found.file : null;
    } else {
      source = kind === 'thumbnail' ? core.thumbnailSource(id) : core.fileSource(id);
    }
    if (source === null) return textResponse(404, 'Not found');
    let handle: FileHandle;
    try {
      // Non-blocking: opening a FIFO put where a photo was must not tie up a thread of the I/O pool
      // (and with it every page load) until someone writes to it; serveHandle then refuses it.
      handle = await open(source.path, constants.O_RDONLY | NONBLOCK);
    } catch (error) {
      if (isGone(error)) {
        if (kind === 'file') {
          // LibrePhotos' "photo access" trigger: a file found gone is flagged missing right away.
          try {
            core.reportFileGone(id);
          } catch (reportError) {
            options.onError?.(reportError);
          }
        }
        return textResponse(404, 'Not found');
      }
      // Present but unreadable (permissions): never treated as gone.
      if (['EACCES', 'EPERM'].includes(errnoOf(error) ?? '')) return textResponse(403, 'Forbidden');
      throw error;
    }
    if (source.identity !== undefined && !(await isTheTrackedFile(handle, source.path, source.identity))) {
      await handle.close().catch(() => undefined);
      // Something else stands where the photo was (a symlink out of the library, another file): not
      // one byte of it is served, and the file is checked again as gone.
      core.reportFileGone(id);
      return textResponse(404, 'Not found');
    }
    // Media may change (relink, new thumbnail): revalidate rather than cache.
    return serveHandle(handle, request, safeMediaType(source.mime), { 'Cache-Control': 'no-cache', 'Content-Security-Policy': MEDIA_CSP });
  }

  async function serveRenderer(pathname: string, request: Request): Promise<Response> {
    const root = await rendererRoot();
    const wanted = pathname === '/' || pathname === '' ? '/index.html' : pathname;
    const candidate = resolveInside(root, wanted);
    if (candidate === null) return textResponse(404, 'Not found');
    let target = candidate;
    let real: string;
    try {
      real = await realpath(target);
    } catch (error) {
      // A client-side route (no extension) falls back to the app page; a missing asset is a 404.
      if (!isGone(error) || extname(wanted) !== '') return textResponse(404, 'Not found');
      target = join(root, 'index.html');
      try {
        real = await realpath(target);
      } catch {
        return textResponse(404, 'Not found');
      }
    }
    // A symlink inside the renderer folder must not lead out of it.
    if (!isInside(root, real)) return textResponse(404, 'Not found');
    let handle: FileHandle;
    try {
      handle = await open(real, 'r');
    } catch {
      return textResponse(404, 'Not found');
    }
    const contentType = mimeForPath(real);
    const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
    if (contentType.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    return serveHandle(handle, request, contentType, headers);
  }

  return async (request) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed', { Allow: 'GET, HEAD' });
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return textResponse(400, 'Bad request');
      }
      if (options.host !== undefined && url.host !== options.host) return textResponse(404, 'Not found');
      const segments = url.pathname.split('/');
      if (segments[1] === 'media') {
        if (segments.length !== 4) return textResponse(404, 'Not found');
        return await serveMedia(segments[2] ?? '', segments[3] ?? '', request);
      }
      return await serveRenderer(url.pathname, request);
    } catch (error) {
      options.onError?.(error);
      return textResponse(500, 'Internal error');
    }
  };
}
