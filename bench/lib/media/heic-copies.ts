import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

const HEIC_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'exif-samples', 'heic');

/** The real HEIC/HEIF samples of the corpus (phones: iPhone, Nokia; one small web sample). */
export const HEIC_SAMPLES: readonly string[] = [
  'IMG_5195.HEIC',
  'samplefilehub.heif',
  'mobile/HMD_Nokia_8.3_5G.heif',
  'mobile/HMD_Nokia_8.3_5G_hdr.heif',
  'mobile/iphone_13_pro_max.HEIC',
].map((name) => join(HEIC_DIR, name));

/** The largest sample by bytes (the machine-limit decode). */
export function largestHeicSample(): string {
  return HEIC_SAMPLES.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
}

/** What was written. */
export interface HeicCopySet {
  readonly root: string;
  readonly files: number;
  readonly bytes: number;
}

/**
 * Writes `count` HEIC/HEIF files under `root/tree`: copies of the corpus samples in turn, each made
 * unique by a trailing ISOBMFF `free` box holding its index. A `free` box is skippable by definition
 * (ISO 14496-12), so libheif decodes the copy as the original (measured: same size and decode
 * time), while its MD5, and so its photo, is its own.
 */
export function writeHeicCopies(root: string, count: number): HeicCopySet {
  const tree = join(root, 'tree');
  mkdirSync(tree, { recursive: true });
  const samples = HEIC_SAMPLES.map((path) => ({ path, data: readFileSync(path) }));
  let bytes = 0;
  for (let i = 0; i < count; i += 1) {
    const sample = samples[i % samples.length] as { path: string; data: Buffer };
    const box = Buffer.alloc(16);
    box.writeUInt32BE(box.length, 0);
    box.write('free', 4, 'latin1');
    box.writeBigUInt64BE(BigInt(i), 8);
    const name = `${String(i).padStart(4, '0')}_${basename(sample.path, extname(sample.path))}${extname(sample.path)}`;
    const data = Buffer.concat([sample.data, box]);
    writeFileSync(join(tree, name), data);
    bytes += data.length;
  }
  return { root, files: count, bytes };
}
