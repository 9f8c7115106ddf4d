/**
 * DEVELOPMENT ONLY: serves build/renderer on loopback with fake media for the fake bridge, so the UI
 * can be screenshotted without a backend. Thumbnails are small JPEGs (like the real ones, so that
 * scrolling measurements decode JPEG, not SVG) and originals coloured SVGs; files whose hash starts with
 * "0" answer 404 (as the real media scheme does for a file that is gone).
 * Run: node src-renderer/dev/serve-dev.ts [port]
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = fileURLToPath(new URL('../../build/renderer/', import.meta.url));
const port = Number(process.argv[2] ?? 4173);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

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

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const media = /^\/media\/(thumbnail|file)\/([0-9a-f]+)$/.exec(url.pathname);
  if (media) {
    const [, kind, hash = ''] = media;
    if (kind === 'file' && hash.startsWith('0')) return res.writeHead(404).end('gone');
    if (kind === 'thumbnail') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      return res.end(await thumbnailJpeg(hash));
    }
    res.writeHead(200, { 'content-type': 'image/svg+xml' });
    return res.end(svg(hash, 1200));
  }
  const path = normalize(join(root, url.pathname === '/' ? 'index.html' : url.pathname));
  if (!path.startsWith(root)) return res.writeHead(403).end();
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`renderer on http://127.0.0.1:${port}/?fake`));
