/**
 * DEVELOPMENT ONLY: serves the renderer through Vite's dev server on loopback, with fake media for the
 * fake bridge, so the UI can be screenshotted without a backend. The fake bridge (`?fake`) exists only
 * under the dev server (`import.meta.env.DEV`): a production build (build/renderer) leaves it out.
 * Thumbnails are small JPEGs (like the real ones, so that scrolling measurements decode JPEG, not SVG)
 * and originals coloured SVGs; files whose hash starts with "0" answer 404 (as the real media scheme
 * does for a file that is gone).
 * Run: node src-renderer/dev/serve-dev.ts [port]
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createServer, type Plugin } from 'vite';

const port = Number(process.argv[2] ?? 4173);

const svg = (hash: string, size: number): string => {
  const hue = parseInt(hash.slice(26, 32), 16) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${Math.round(size * 0.75)}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,62%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},55%,38%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="70%" cy="30%" r="${size / 12}" fill="hsl(50,90%,80%)"/><path d="M0 ${size * 0.75} L${size * 0.35} ${size * 0.4} L${size * 0.6} ${size * 0.6} L${size * 0.75} ${size * 0.48} L${size} ${size * 0.75}Z" fill="hsla(${hue},30%,20%,0.55)"/></svg>`;
};

const jpegs = new Map<number, Buffer>();
async function thumbnailJpeg(hash: string): Promise<Buffer> {
  const bucket = parseInt(hash.slice(26, 32), 16) % 36;
  let jpeg = jpegs.get(bucket);
  if (!jpeg) {
    jpeg = await sharp(Buffer.from(svg(hash, 256))).jpeg({ quality: 80 }).toBuffer();
    jpegs.set(bucket, jpeg);
  }
  return jpeg;
}

/** Answers `/media/thumbnail/<hash>` and `/media/file/<hash>`; true when it did. */
async function fakeMedia(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const media = /^\/media\/(thumbnail|file)\/([0-9a-f]+)$/.exec(url.pathname);
  if (!media) return false;
  const [, kind, hash = ''] = media;
  if (kind === 'file' && hash.startsWith('0')) {
    res.writeHead(404).end('gone');
  } else if (kind === 'thumbnail') {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(await thumbnailJpeg(hash));
  } else {
    res.writeHead(200, { 'content-type': 'image/svg+xml' });
    res.end(svg(hash, 1200));
  }
  return true;
}

/** Puts the fake media in front of Vite's own middlewares. */
const fakeMediaPlugin = (): Plugin => ({
  name: 'keepsake-fake-media',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      fakeMedia(req, res).then((answered) => answered || next(), next);
    });
  },
});

const server = await createServer({
  configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
  plugins: [fakeMediaPlugin()],
  server: { host: '127.0.0.1', port, strictPort: true },
});
await server.listen();
console.log(`renderer on http://127.0.0.1:${port}/?fake`);
