/**
 * The machine's own HEIC figures, in a process of its own: `node heic-decode-child.ts LARGEST [OTHER...]`
 * loads heic-decode (libheif in WebAssembly, as Keepsake uses it), decodes LARGEST once and records
 * its time and the process' peak memory (a fresh process' first decode: it also compiles and starts
 * the wasm module, seconds on a busy machine), then decodes LARGEST and each OTHER once more, one at a
 * time as the heavy lane does (the steady pace), and prints one JSON line. No Keepsake module is
 * loaded: this is the decoder alone.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

type HeicDecode = (input: { buffer: Uint8Array }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;

/** A line of /proc/self/status in MiB (VmHWM: peak resident, VmRSS: now), or null off Linux. */
function statusMiB(field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const line = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
    return line?.[1] ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const [largest, ...others] = process.argv.slice(2);
if (!largest) {
  process.stderr.write('usage: node heic-decode-child.ts LARGEST [OTHER...]\n');
  process.exit(2);
}
const beforeMiB = statusMiB('VmRSS');
const loadStart = performance.now();
const decode = createRequire(import.meta.url)('heic-decode') as HeicDecode;
const loadMs = performance.now() - loadStart;
const loadedMiB = statusMiB('VmRSS');

const decodeOnce = async (path: string): Promise<{ path: string; ms: number; width: number; height: number }> => {
  const buffer = new Uint8Array(readFileSync(path));
  const start = performance.now();
  const picture = await decode({ buffer });
  return { path, ms: performance.now() - start, width: picture.width, height: picture.height };
};
const first = await decodeOnce(largest);
const peakAfterLargestMiB = statusMiB('VmHWM');
const warm = [];
for (const path of [largest, ...others]) warm.push(await decodeOnce(path));
process.stdout.write(
  `${JSON.stringify({ beforeMiB, loadedMiB, loadMs, largest: first, peakAfterLargestMiB, warm, peakMiB: statusMiB('VmHWM'), maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
