import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../../../src-shared/domain.ts';
import { writeSidecarXmp } from '../../../src-main/core/sidecars/sidecar-xmp.ts';
import { addLibrary, openCore, runTimedJob } from '../core-driver.ts';
import type { BenchContext, BenchRow } from '../types.ts';

const SUITE = 'sidecars';
const PHOTO = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'exif-samples', 'jpg', 'Canon_40D.jpg');

/** `count` distinct real JPEGs (one corpus photo, each with its own bytes after the image's end), 100 per folder; with a sidecar each if asked. */
function writePhotos(root: string, count: number, sidecars: boolean): void {
  const jpeg = readFileSync(PHOTO);
  for (let i = 0; i < count; i += 1) {
    const folder = join(root, `f${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const path = join(folder, `IMG_${String(i).padStart(5, '0')}.jpg`);
    writeFileSync(path, Buffer.concat([jpeg, Buffer.from(`keepsake bench ${i}`)]));
    if (!sidecars) continue;
    writeFileSync(`${path}.xmp`, writeSidecarXmp(null, {
      rating: 1 + (i % 5),
      label: i % 7 === 0 ? 'Red' : '',
      caption: `Photo ${i} at the beach`,
      subjects: ['Summer 2024', 'beach'],
      hierarchical: ['Keepsake|Albums|Summer 2024'],
      faces: [{ x: 0.1, y: 0.2, w: 0.25, h: 0.3, name: 'Ana' }],
      dimensions: null,
    }));
  }
}

/** One first scan in a fresh data folder; seconds. */
async function firstScan(context: BenchContext, root: string, data: string): Promise<{ seconds: number; result: ScanResult }> {
  const core = await openCore(data, context.options.cores);
  try {
    const libraryId = await addLibrary(core, 'bench', [root]);
    const job = await runTimedJob(core, { type: 'scan_photos', libraryId });
    return { seconds: job.seconds, result: job.record.result as ScanResult };
  } finally {
    await core.close();
  }
}

/**
 * "Read-back adds no more than 20% to a first scan of photos that have sidecars": the same real
 * photos scanned in a fresh library twice over, without and with a Keepsake sidecar each (rating,
 * caption, label, album, keyword, face): each read back, albums made, faces added, state recorded.
 */
export async function sidecarReadback(context: BenchContext, count: number): Promise<BenchRow> {
  context.log(`sidecars: ${count} photos with and without sidecars`);
  const plain = join(context.dir, 'readback', 'plain');
  const withSidecars = join(context.dir, 'readback', 'with');
  writePhotos(plain, count, false);
  writePhotos(withSidecars, count, true);
  const runs = { plain: [] as number[], with: [] as number[] };
  for (let round = 0; round < 2; round += 1) {
    runs.plain.push((await firstScan(context, plain, join(context.dir, 'readback', `data-plain-${round}`))).seconds);
    const scanned = await firstScan(context, withSidecars, join(context.dir, 'readback', `data-with-${round}`));
    if (scanned.result.added !== count * 2) throw new Error(`expected ${count * 2} files, the scan added ${scanned.result.added}`);
    runs.with.push(scanned.seconds);
  }
  const without = Math.min(...runs.plain);
  const withTime = Math.min(...runs.with);
  const ratio = withTime / without;
  return {
    suite: SUITE,
    id: 'sidecar_readback_first_scan',
    metric: `first scan of ${count} JPEGs with a sidecar each, beside the same photos without`,
    measured: { value: withTime, unit: 's' },
    limit: { value: without, unit: 's', what: 'the same first scan without sidecars' },
    bar: '<= 1.2x',
    checked: { value: ratio, unit: 'x' },
    pass: ratio <= 1.2,
    notes: ['best of two runs each, alternating; the sidecars are also hashed and tracked as files of their photos'],
    details: runs,
  };
}
