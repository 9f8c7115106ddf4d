import { join } from 'node:path';
import type { ScanResult } from '../../../src-shared/domain.ts';
import { addLibrary, openCore, phaseDurations, phaseNote, runTimedJob } from '../core-driver.ts';
import { generateTree } from '../generate-files.ts';
import { parallelMd5sumSeconds } from '../machine-limits.ts';
import type { BenchContext, BenchRow } from '../types.ts';

const MIB = 1024 * 1024;

/**
 * (1) First-scan hashing throughput on 1 MiB files, end to end (walk, hash in the worker pool,
 * no thumbnail or EXIF attempt (random bytes start like no image format: see image-signature.ts), database
 * writes, and the Scan for Missing that follows a full scan), beside `md5sum` run as one process per
 * core over the same files.
 */
export async function hashingThroughput(context: BenchContext): Promise<BenchRow[]> {
  const { options } = context;
  const files = Math.max(1, options.hashMb);
  context.log(`hashing: writing ${files} files of 1 MiB`);
  const tree = generateTree(join(context.dir, 'hash', 'root'), { files, minBytes: MIB, maxBytes: MIB, perFolder: 50 });
  context.log('hashing: md5sum, one process per core');
  const md5Seconds = parallelMd5sumSeconds(tree.tree, options.cores);
  const core = await openCore(join(context.dir, 'hash', 'data'), options.cores);
  try {
    const libraryId = await addLibrary(core, 'hashing', [tree.root]);
    context.log('hashing: Keepsake first scan');
    const job = await runTimedJob(core, { type: 'scan_photos', libraryId });
    const result = job.record.result as ScanResult;
    const mib = tree.bytes / MIB;
    const ours = mib / job.seconds;
    const limit = mib / md5Seconds;
    const ratio = ours / limit;
    const allHashed = result.hashed >= files;
    return [
      {
        suite: 'core',
        id: 'first_scan_hashing_throughput',
        metric: `first scan, ${files} x 1 MiB files (end to end)`,
        measured: { value: ours, unit: 'MiB/s' },
        limit: { value: limit, unit: 'MiB/s', what: `md5sum x${options.cores} processes` },
        bar: '>= 0.9x md5sum',
        checked: { value: ratio, unit: 'x' },
        pass: ratio >= 0.9 && allHashed,
        notes: [
          'measured end to end: worker start + hashing + db + the Scan for Missing after it (random bytes: no image signature, so no decoding attempt)',
          phaseNote(job),
          ...(allHashed ? [] : [`only ${result.hashed} of ${files} files hashed (errors: ${result.errors})`]),
        ],
        details: { seconds: job.seconds, md5sumSeconds: md5Seconds, bytes: tree.bytes, result, phases: phaseDurations(job) },
      },
    ];
  } finally {
    await core.close();
  }
}
