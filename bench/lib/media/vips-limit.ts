import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bestOf, shellQuote, timeShell } from '../timing.ts';

/** The `vipsthumbnail` on PATH (Debian's libvips-tools), or null. */
export function findVipsthumbnail(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v vipsthumbnail'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : null;
}

/** libvips' version as vipsthumbnail reports it ("vips-8.14.1"). */
export function vipsVersion(binary: string): string {
  return spawnSync(binary, ['--vips-version'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
}

/** The machine's thumbnail-making limit over a folder of photos. */
export interface VipsLimit {
  /** Best of `runs`: `vipsthumbnail` as parallel processes over every file, thumbnails written. */
  readonly vipsSeconds: number;
  readonly vipsRuns: readonly number[];
  readonly thumbnails: number;
  readonly thumbnailBytes: number;
  /** Of them, EXIF chunks: vipsthumbnail copies the source's EXIF (its embedded JPEG thumbnail too) into the webp. */
  readonly exifBytes: number;
  readonly command: string;
}

/** Bytes of a webp file's EXIF chunk (RIFF: "WEBP", then fourcc + little-endian size + data, padded to even). */
export function webpExifBytes(data: Buffer): number {
  let exif = 0;
  for (let at = 12; at + 8 <= data.length; ) {
    const size = data.readUInt32LE(at + 4);
    if (data.toString('latin1', at, at + 4) === 'EXIF') exif += 8 + size;
    at += 8 + size + (size % 2);
  }
  return exif;
}

/**
 * `find … | xargs -P <cores> -n 20 vipsthumbnail` over every file under `dir`: one process per core,
 * each left to libvips' own threading (measured on 2 cores: 25% faster than with
 * VIPS_CONCURRENCY=1; this is the machine's best, not a handicap), writing what Keepsake writes — a
 * webp bounded by `width`×`height` at quality 78, effort 2. It also copies each source's EXIF into
 * its webp (libvips 8.14's `strip` leaves webp EXIF in place, measured), which Keepsake's thumbnails
 * do not carry: those bytes are counted apart. A fresh output folder each run (Keepsake
 * writes new files each scan too); the first run also warms the binaries. Best of `runs`.
 */
export function parallelVipsthumbnail(binary: string, dir: string, outDir: string, cores: number, width: number, height: number, runs = 2): VipsLimit {
  const output = `${outDir}/%s.webp[Q=78,effort=2]`;
  const command = `find ${shellQuote(dir)} -type f -print0 | xargs -0 -P ${cores} -n 20 ${shellQuote(binary)} -s ${width}x${height} -o ${shellQuote(output)}`;
  const vipsRuns: number[] = [];
  bestOf(runs, () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const seconds = timeShell(command);
    vipsRuns.push(seconds);
    return seconds;
  });
  const written = readdirSync(outDir).map((name) => readFileSync(join(outDir, name)));
  const thumbnailBytes = written.reduce((sum, data) => sum + data.length, 0);
  const exifBytes = written.reduce((sum, data) => sum + webpExifBytes(data), 0);
  rmSync(outDir, { recursive: true, force: true });
  return { vipsSeconds: Math.min(...vipsRuns), vipsRuns, thumbnails: written.length, thumbnailBytes, exifBytes, command };
}
