import { sidecarReadback } from '../lib/sidecars/sidecar-readback.ts';
import { sidecarWrites } from '../lib/sidecars/sidecar-writes.ts';
import type { BenchContext, BenchRow, BenchSuite } from '../lib/types.ts';

/** The suite's sizes (environment only: the shared command line knows no sidecar flags). */
export function sidecarCounts(env: NodeJS.ProcessEnv = process.env): { writes: number; readback: number } {
  const count = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value.replace(/[_,]/g, ''));
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number >= 0 (got "${value}")`);
    return parsed;
  };
  return { writes: count('BENCH_SIDECAR_WRITES', 10_000), readback: count('BENCH_SIDECAR_READBACK', 400) };
}

type Step = { name: string; count: number; run: (context: BenchContext, count: number) => Promise<BenchRow[]> };

/** "Metadata that outlives the database", Speed: sidecar writes beside plain fs, a rating's latency, read-back's share of a first scan. */
const suite: BenchSuite = {
  name: 'sidecars',
  description: 'Write Sidecars for 10,000 photos beside plain fs writes, a rating change reaching its sidecar, read-back in a first scan; sizes: BENCH_SIDECAR_WRITES, BENCH_SIDECAR_READBACK',
  async run(context) {
    const counts = sidecarCounts();
    const steps: readonly Step[] = [
      { name: 'sidecar writes', count: counts.writes, run: sidecarWrites },
      { name: 'sidecar read-back', count: counts.readback, run: async (c, n) => [await sidecarReadback(c, n)] },
    ];
    const rows: BenchRow[] = [];
    for (const step of steps) {
      if (step.count === 0) continue;
      try {
        rows.push(...(await step.run(context, step.count)));
      } catch (error) {
        context.log(`${step.name} failed: ${(error as Error).stack ?? String(error)}`);
        rows.push({ suite: 'sidecars', id: `error_${step.name.replace(/\W+/g, '_')}`, metric: `${step.name}: could not run`, measured: null, limit: null, bar: '-', pass: false, notes: [(error as Error).message] });
      }
    }
    return rows;
  },
};
export default suite;
