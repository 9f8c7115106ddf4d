import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../../../src-shared/domain.ts';
import { writeSidecarXmp } from '../../../src-main/core/sidecars/sidecar-xmp.ts';
import { addLibrary, openCore, runTimedJob } from '../core-driver.ts';
import type { BenchContext, BenchRow } from '../types.ts';

const SUITE = 'sidecars';
const PHOTO = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'exif-samples', 'jpg', 'Canon_40D.jpg');

/**
 * `count` distinct real JPEGs (one corpus photo, each with its own bytes after the image's end), 100
 * per folder, each with a Keepsake sidecar named `extension`: `.xmp` is read back; `.aae` (another
 * sidecar type the scan tracks with its photo but does not read) holds the same bytes.
 */
function writePhotos(root: string, count: number, extension: '.xmp' | '.aae' | null): void {
  const jpeg = readFileSync(PHOTO);
  for (let i = 0; i < count; i += 1) {
    const folder = join(root, `f${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const path = join(folder, `IMG_${String(i).padStart(5, '0')}.jpg`);
    writeFileSync(path, Buffer.concat([jpeg, Buffer.from(`keepsake bench ${i}`)]));
    if (extension === null) continue;
    writeFileSync(`${path}${extension}`, writeSidecarXmp(null, {
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
 * photos scanned in fresh libraries, each with a Keepsake sidecar (rating, caption, label, album,
 * keyword, face) that is read back (`.xmp`), beside the same bytes as a sidecar the scan only tracks
 * (`.aae`: hashed, joined to its photo, not read) — what read-back adds — and beside no sidecars at all.
 */
export async function sidecarReadback(context: BenchContext, count: number): Promise<BenchRow> {
  context.log(`sidecars: ${count} photos, with sidecars read back, tracked only, and none`);
  const base = join(context.dir, 'readback');
  writePhotos(join(base, 'plain'), count, null);
  writePhotos(join(base, 'tracked'), count, '.aae');
  writePhotos(join(base, 'read'), count, '.xmp');
  const runs = { plain: [] as number[], tracked: [] as number[], read: [] as number[] };
  for (let round = 0; round < 2; round += 1) {
    for (const kind of ['plain', 'tracked', 'read'] as const) {
      const scanned = await firstScan(context, join(base, kind), join(base, `data-${kind}-${round}`));
      if (scanned.result.added !== (kind === 'plain' ? count : count * 2)) throw new Error(`${kind}: the scan added ${scanned.result.added} files`);
      runs[kind].push(scanned.seconds);
    }
  }
  const best = (values: number[]): number => Math.min(...values);
  const ratio = best(runs.read) / best(runs.tracked);
  return {
    suite: SUITE,
    id: 'sidecar_readback_first_scan',
    metric: `first scan of ${count} JPEGs, each with a sidecar read back`,
    measured: { value: best(runs.read), unit: 's' },
    limit: { value: best(runs.tracked), unit: 's', what: 'the same files, the sidecars tracked but not read' },
    bar: '<= 1.2x',
    checked: { value: ratio, unit: 'x' },
    pass: ratio <= 1.2,
    notes: [
      `beside the photos alone (no sidecar files at all, ${best(runs.plain).toFixed(2)} s): ${(best(runs.read) / best(runs.plain)).toFixed(2)}x — that also counts hashing and tracking the sidecar files, which every scan did before read-back`,
      'best of two runs each, interleaved',
    ],
    details: runs,
  };
}
