import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addLibrary, openCore } from '../core-driver.ts';
import { synthesizePhotos } from '../synthesize.ts';
import { median, timed } from '../timing.ts';
import type { BenchContext, BenchRow } from '../types.ts';

const CALLS = 31;

/** Median milliseconds of `calls` runs of fn after a few warm-up runs. */
async function medianMs(fn: () => unknown, calls = CALLS): Promise<number> {
  for (let i = 0; i < 3; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * (5) stats.get on a library of `statsPhotos` photos (synthesised in SQL, one transaction), median
 * of several calls, beside the floor: one indexed point query on the same database.
 */
export async function statsAtScale(context: BenchContext): Promise<BenchRow[]> {
  const count = context.options.statsPhotos;
  const root = join(context.dir, 'stats', 'root');
  mkdirSync(root, { recursive: true });
  const core = await openCore(join(context.dir, 'stats', 'data'), 1);
  try {
    const libraryId = await addLibrary(core, 'stats', [root]);
    const rootId = (core.db.prepare('SELECT id FROM roots WHERE library_id = ?').pluck().get(libraryId) as number | undefined) ?? null;
    context.log(`stats: synthesising ${count} photos in SQL`);
    const synth = await timed(() => synthesizePhotos(core.db, libraryId, rootId, count));
    const one = await core.handlers['stats.get']({ libraryId });
    const numPhotos = one.libraries.find((entry) => entry.library_id === libraryId)?.num_photos ?? -1;
    context.log('stats: measuring stats.get');
    const libraryMs = await medianMs(() => core.handlers['stats.get']({ libraryId }));
    const allMs = await medianMs(() => core.handlers['stats.get']({}));
    const point = core.db.prepare('SELECT * FROM library_counts WHERE library_id = ?');
    const floorMs = await medianMs(() => point.get(libraryId));
    const naive = await timed(() => core.db.prepare("SELECT count(*) FROM photos WHERE library_id = ? AND availability = 'missing'").pluck().get(libraryId));
    const correct = numPhotos === count;
    // The bench's only library holds every photo: the all-libraries total must say so too.
    const allPhotos = (await core.handlers['stats.get']({})).all.num_photos;
    const allCorrect = allPhotos === count;
    const notes = [
      `synthesis took ${synth.seconds.toFixed(1)} s; naive COUNT(*) of missing photos takes ${(naive.seconds * 1000).toFixed(1)} ms`,
      ...(correct ? [] : [`stats said num_photos ${numPhotos}, expected ${count}`]),
    ];
    const floor = { value: floorMs, unit: 'ms', what: 'one indexed point query' };
    return [
      {
        suite: 'core',
        id: 'stats_one_library',
        metric: `stats.get (one library), ${count} photos, median of ${CALLS}`,
        measured: { value: libraryMs, unit: 'ms' },
        limit: floor,
        bar: '<= 10 ms',
        pass: libraryMs <= 10 && correct,
        notes,
        details: { synthesisSeconds: synth.seconds, naiveCountMs: naive.seconds * 1000, numPhotos },
      },
      {
        suite: 'core',
        id: 'stats_all_libraries',
        metric: `stats.get (all libraries), ${count} photos, median of ${CALLS}`,
        measured: { value: allMs, unit: 'ms' },
        limit: floor,
        bar: '<= 10 ms',
        pass: allMs <= 10 && allCorrect,
        ...(allCorrect ? {} : { notes: [`stats said num_photos ${allPhotos} across libraries, expected ${count}`] }),
      },
    ];
  } finally {
    await core.close();
  }
}
