import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { MediaSource } from '../core/keepsake.ts';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/content-security-policy.ts';
import { createAppProtocolHandler, type MediaCore } from './media-handler.ts';

const ORIGIN = 'keepsake://app';
const VIDEO_HASH = 'a'.repeat(32) + '1';
const GONE_HASH = 'b'.repeat(32) + '1';
const PHOTO_HASH = 'c'.repeat(32) + '1';
const UNKNOWN_HASH = 'd'.repeat(32) + '1';

let dir: string;
let rendererDir: string;
let video: Buffer;
let thumbnail: Buffer;

/** A stand-in core that knows three ids, records what it was asked and what it was told. */
function fakeCore() {
  const asked: string[] = [];
  const gone: string[] = [];
  const files = new Map<string, MediaSource>([
    [VIDEO_HASH, { path: join(dir, 'library', 'clip.webm'), mime: 'video/webm', size: video.length }],
    [GONE_HASH, { path: join(dir, 'library', 'deleted.jpg'), mime: 'image/jpeg', size: 10 }],
  ]);
  const thumbs = new Map<string, MediaSource>([
    [PHOTO_HASH, { path: join(dir, 'thumbnails', 'photo.webp'), mime: 'image/webp', size: thumbnail.length }],
    [GONE_HASH, { path: join(dir, 'thumbnails', 'gone.webp'), mime: 'image/webp', size: 1 }],
  ]);
  const core: MediaCore = {
    fileSource: (hash) => (asked.push(`file:${hash}`), files.get(hash) ?? null),
    thumbnailSource: (hash) => (asked.push(`thumbnail:${hash}`), thumbs.get(hash) ?? null),
    previewSource: async (hash) => {
      asked.push(`preview:${hash}`);
      if (hash === PHOTO_HASH) return { kind: 'ok', file: thumbs.get(PHOTO_HASH) as MediaSource };
      if (hash === VIDEO_HASH) return { kind: 'undecodable', reason: 'no embedded preview, and cannot decode it' };
      return { kind: 'unknown' };
    },
    reportFileGone: (hash) => void gone.push(hash),
  };
  return { core, asked, gone };
}

let fake: ReturnType<typeof fakeCore>;
let handler: ReturnType<typeof createAppProtocolHandler>;
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => handler(new Request(`${ORIGIN}${path}`, { method, headers }));
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keepsake-media-'));
  rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await mkdir(join(dir, 'library'));
  await mkdir(join(dir, 'thumbnails'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Keepsake</title><div id="root"></div>');
  await writeFile(join(rendererDir, 'assets', 'app-1234.js'), 'console.log("app")');
  await writeFile(join(rendererDir, 'assets', 'app-1234.css'), 'body{}');
  await writeFile(join(rendererDir, 'assets', 'font.woff2'), randomBytes(64));
  await writeFile(join(dir, 'secret.txt'), 'SECRET');
  await symlink(dir, join(rendererDir, 'link-out'));
  video = randomBytes(300_000);
  thumbnail = randomBytes(2_000);
  await writeFile(join(dir, 'library', 'clip.webm'), video);
  await writeFile(join(dir, 'thumbnails', 'photo.webp'), thumbnail);
});
after(async () => rm(dir, { recursive: true, force: true }));
beforeEach(() => {
  fake = fakeCore();
  handler = createAppProtocolHandler({ core: fake.core, rendererDir, host: 'app' });
});

describe('app protocol: the built renderer', () => {
  it('serves index.html for / with the strict CSP', async () => {
    const response = await get('/');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(
      response.headers.get('content-security-policy'),
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(await response.text(), /<title>Keepsake<\/title>/);
  });

  it('serves assets with their MIME type and no CSP', async () => {
    const js = await get('/assets/app-1234.js');
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('content-security-policy'), null);
    assert.equal(js.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await js.text(), 'console.log("app")');
    assert.equal((await get('/assets/app-1234.css')).headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal((await get('/assets/font.woff2')).headers.get('content-type'), 'font/woff2');
  });

  it('falls back to the app page for client-side routes, but not for missing assets', async () => {
    const route = await get('/missing');
    assert.equal(route.status, 200);
    assert.match(await route.text(), /Keepsake/);
    assert.equal((await get('/assets/nope.js')).status, 404);
  });

  for (const path of [
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/link-out/secret.txt',
    '/secret.txt',
    '/%00',
    '/assets/%E0%A4%A',
  ]) {
    it(`never serves a file outside the renderer: ${path}`, async () => {
      const response = await get(path);
      const body = await response.text();
      assert.ok(!body.includes('SECRET'), `leaked through ${path}`);
      // Either refused, or (for normalised paths) the app page — never the outside file.
      if (response.status === 200) assert.match(body, /<title>Keepsake/);
      else assert.equal(response.status, 404);
    });
  }

  it('refuses methods other than GET and HEAD, and other hosts', async () => {
    assert.equal((await get('/', {}, 'POST')).status, 405);
    assert.equal((await get('/', {}, 'DELETE')).status, 405);
    assert.equal((await handler(new Request('keepsake://evil/index.html'))).status, 404);
  });
});

describe('app protocol: media by id', () => {
  it('serves a known file whole, streamed, byte-exact', async () => {
    const response = await get(`/media/file/${VIDEO_HASH}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'video/webm');
    assert.equal(response.headers.get('content-length'), String(video.length));
    assert.equal(response.headers.get('accept-ranges'), 'bytes');
    // Streamed in chunks from disk, not one buffer of the whole file.
    const reader = response.body!.getReader();
    const first = await reader.read();
    assert.ok(first.value && first.value.length < video.length, 'the first chunk is a part of the file');
    const chunks = [Buffer.from(first.value!)];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(Buffer.from(next.value));
    assert.ok(Buffer.concat(chunks).equals(video));
  });

  const ranges: [string, number, number][] = [
    ['bytes=0-99', 0, 99],
    ['bytes=1000-', 1000, 299_999],
    ['bytes=-4096', 300_000 - 4096, 299_999],
    ['bytes=123456-123456', 123456, 123456],
    ['bytes=299000-999999', 299000, 299_999],
  ];
  for (const [range, start, end] of ranges) {
    it(`answers ${range} with 206 and exactly those bytes`, async () => {
      const response = await get(`/media/file/${VIDEO_HASH}`, { Range: range });
      assert.equal(response.status, 206);
      assert.equal(response.headers.get('content-range'), `bytes ${start}-${end}/${video.length}`);
      assert.equal(response.headers.get('content-length'), String(end - start + 1));
      assert.ok((await bytes(response)).equals(video.subarray(start, end + 1)));
    });
  }

  for (const range of ['bytes=300000-', 'bytes=500-400', 'bytes=x-y', 'bytes=-0']) {
    it(`answers ${range} with 416 and the size`, async () => {
      const response = await get(`/media/file/${VIDEO_HASH}`, { Range: range });
      assert.equal(response.status, 416);
      assert.equal(response.headers.get('content-range'), `bytes */${video.length}`);
    });
  }

  it('answers HEAD with the headers and no body', async () => {
    const response = await get(`/media/file/${VIDEO_HASH}`, { Range: 'bytes=0-9' }, 'HEAD');
    assert.equal(response.status, 206);
    assert.equal(response.headers.get('content-length'), '10');
    assert.equal((await bytes(response)).length, 0);
  });

  it('serves a known thumbnail', async () => {
    const response = await get(`/media/thumbnail/${PHOTO_HASH}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/webp');
    assert.ok((await bytes(response)).equals(thumbnail));
  });

  it('serves a preview by photo id, and 415 with the reason when nothing here decodes the file', async () => {
    const ok = await get(`/media/preview/${PHOTO_HASH}`);
    assert.equal(ok.status, 200);
    assert.deepEqual(Buffer.from(await ok.arrayBuffer()), thumbnail);
    const undecodable = await get(`/media/preview/${VIDEO_HASH}`);
    assert.equal(undecodable.status, 415);
    assert.match(await undecodable.text(), /no embedded preview/);
    assert.equal((await get(`/media/preview/${UNKNOWN_HASH}`)).status, 404);
    assert.equal((await get('/media/preview/not-a-hash')).status, 404);
  });

  it('answers 404 for ids it does not know', async () => {
    assert.equal((await get(`/media/file/${UNKNOWN_HASH}`)).status, 404);
    assert.equal((await get(`/media/thumbnail/${UNKNOWN_HASH}`)).status, 404);
    assert.deepEqual(fake.asked, [`file:${UNKNOWN_HASH}`, `thumbnail:${UNKNOWN_HASH}`]);
    assert.deepEqual(fake.gone, []);
  });

  for (const path of [
    '/media/file/abc',
    `/media/file/${VIDEO_HASH.toUpperCase()}`,
    `/media/file/${'a'.repeat(31)}1`,
    `/media/file/${'a'.repeat(32)}`,
    '/media/file/..%2f..%2fsecret.txt',
    `/media/file/%2e%2e%2f${VIDEO_HASH}`,
    '/media/file/%2Fetc%2Fpasswd',
    `/media/file/${VIDEO_HASH}/extra`,
    `/media/file/${VIDEO_HASH}%00`,
    `/media/original/${VIDEO_HASH}`,
    '/media/file/',
    '/media/',
  ]) {
    it(`refuses the malformed media path ${path} without asking the core`, async () => {
      const response = await get(path);
      assert.equal(response.status, 404);
      assert.ok(!(await response.text()).includes('SECRET'));
      assert.deepEqual(fake.asked, []);
    });
  }

  it('answers 404 for a known file that is gone from disk, and reports it gone at once', async () => {
    const response = await get(`/media/file/${GONE_HASH}`);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(fake.gone, [GONE_HASH]);
  });

  it('answers 404 for a vanished thumbnail without flagging any file', async () => {
    assert.equal((await get(`/media/thumbnail/${GONE_HASH}`)).status, 404);
    assert.deepEqual(fake.gone, []);
  });

  it('reports a file that vanishes between two requests', async () => {
    const path = join(dir, 'library', 'short-lived.webm');
    await writeFile(path, randomBytes(100));
    const core: MediaCore = { ...fake.core, fileSource: () => ({ path, mime: 'video/webm', size: 100 }) };
    const h = createAppProtocolHandler({ core, rendererDir });
    assert.equal((await h(new Request(`${ORIGIN}/media/file/${VIDEO_HASH}`))).status, 200);
    await unlink(path);
    assert.equal((await h(new Request(`${ORIGIN}/media/file/${VIDEO_HASH}`))).status, 404);
    assert.deepEqual(fake.gone, [VIDEO_HASH]);
  });

  it('never serves media with a type a page could run, and sandboxes it as a document', async () => {
    for (const [mime, served] of [
      ['text/html', 'application/octet-stream'],
      ['text/javascript', 'application/octet-stream'],
      ['application/json', 'application/octet-stream'],
      ['image/svg+xml', 'image/svg+xml'],
      ['video/mp4', 'video/mp4'],
    ] as const) {
      const core: MediaCore = { ...fake.core, fileSource: () => ({ path: join(dir, 'library', 'clip.webm'), mime, size: video.length }) };
      const response = await createAppProtocolHandler({ core, rendererDir })(new Request(`${ORIGIN}/media/file/${VIDEO_HASH}`));
      assert.equal(response.headers.get('content-type'), served, mime);
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
      await response.body?.cancel();
    }
  });

  it('answers 500 (not a crash) when the core throws', async () => {
    const errors: unknown[] = [];
    const core: MediaCore = { ...fake.core, fileSource: () => { throw new Error('database is closed'); } };
    const h = createAppProtocolHandler({ core, rendererDir, onError: (error) => errors.push(error) });
    assert.equal((await h(new Request(`${ORIGIN}/media/file/${VIDEO_HASH}`))).status, 500);
    assert.equal(errors.length, 1);
  });
});
