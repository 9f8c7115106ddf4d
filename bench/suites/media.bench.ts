import { heicScan } from '../lib/media/heic-scan.ts';
import { jpegThumbnails } from '../lib/media/jpeg-thumbnails.ts';
import type { BenchContext, BenchRow, BenchSuite } from '../lib/types.ts';

/**
 * The suite's sizes. Environment only: the shared command line (bench/lib/options.ts) is strict and
 * knows no media flags. 200 JPEGs keep the JPEG rows near a minute and a half on 2 cores; 100 HEIC
 * files is the issue's own figure (~1 s a decode, one at a time).
 */
export function mediaCounts(env: NodeJS.ProcessEnv = process.env): { jpegs: number; heics: number } {
  const count = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value.replace(/[_,]/g, ''));
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number >= 0 (got "${value}")`);
    return parsed;
  };
  return { jpegs: count('BENCH_MEDIA_JPEGS', 200), heics: count('BENCH_MEDIA_HEICS', 100) };
}

type Step = { name: string; count: number; run: (context: BenchContext, count: number) => Promise<BenchRow[]> };

/** "Every photo recognisable", Speed: 12 MP JPEG thumbnails beside vipsthumbnail + md5sum, and HEIC speed and memory. */
const suite: BenchSuite = {
  name: 'media',
  description: 'first scans of 12 MP JPEGs (beside vipsthumbnail + md5sum) and of HEIC files (photos/s, peak memory); sizes: BENCH_MEDIA_JPEGS, BENCH_MEDIA_HEICS',
  async run(context) {
    const counts = mediaCounts();
    const steps: readonly Step[] = [
      { name: 'jpeg thumbnails', count: counts.jpegs, run: jpegThumbnails },
      { name: 'heic scan', count: counts.heics, run: heicScan },
    ];
    const rows: BenchRow[] = [];
    for (const step of steps) {
      if (step.count === 0) continue;
      try {
        rows.push(...(await step.run(context, step.count)));
      } catch (error) {
        // One broken step is reported as a failed row; the other still runs.
        context.log(`${step.name} failed: ${(error as Error).stack ?? String(error)}`);
        rows.push({
          suite: 'media',
          id: `error_${step.name.replace(/\W+/g, '_')}`,
          metric: `${step.name}: could not run`,
          measured: null,
          limit: null,
          bar: '-',
          pass: false,
          notes: [(error as Error).message],
        });
      }
    }
    return rows;
  },
};
export default suite;
