import { freshProcessFirstScan } from '../lib/core/fresh-process-first-scan.ts';
import { freshProcessLibrary } from '../lib/core/fresh-process-library.ts';
import { hashingThroughput } from '../lib/core/hashing-throughput.ts';
import { peakMemory } from '../lib/core/peak-memory.ts';
import { smallLibrary } from '../lib/core/small-library.ts';
import { statsAtScale } from '../lib/core/stats-at-scale.ts';
import type { BenchContext, BenchRow, BenchSuite } from '../lib/types.ts';

type Step = { name: string; enabled: (context: BenchContext) => boolean; run: (context: BenchContext) => Promise<BenchRow[]> };

const STEPS: readonly Step[] = [
  { name: 'hashing throughput', enabled: (c) => c.options.hashMb > 0, run: hashingThroughput },
  // The same first scan as users meet it from the command: fresh `keepsake` processes (issue 9 part 6).
  { name: 'first scan, fresh process', enabled: (c) => c.options.hashMb > 0, run: freshProcessFirstScan },
  { name: 'small-file library', enabled: (c) => c.options.files > 0, run: smallLibrary },
  // Rescan, Scan for Missing after a moved folder, relink, Delete Missing: fresh `keepsake` processes.
  { name: 'fresh-process library', enabled: (c) => c.options.files > 0, run: freshProcessLibrary },
  { name: 'stats at scale', enabled: (c) => c.options.statsPhotos > 0, run: statsAtScale },
  { name: 'peak memory', enabled: (c) => c.options.memoryFiles > 0, run: peakMemory },
];

/** The core engine's speed and memory bars (issue 2, "Speed and memory"). */
const suite: BenchSuite = {
  name: 'core',
  description: 'scan, rescan, Scan for Missing, Delete Missing, stats and scan memory of the core engine, in process and as fresh `keepsake` processes',
  async run(context) {
    const rows: BenchRow[] = [];
    for (const step of STEPS) {
      if (!step.enabled(context)) continue;
      try {
        rows.push(...(await step.run(context)));
      } catch (error) {
        // One broken step is reported as a failed row; the others still run.
        context.log(`${step.name} failed: ${(error as Error).stack ?? String(error)}`);
        rows.push({
          suite: 'core',
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
