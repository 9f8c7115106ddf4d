/**
 * The live suite's sizes. The library is `--files` (100,000 by default, in folders of 100: 1,000
 * folders); the rest comes from the environment, as the media suite's sizes do (the shared command
 * line, bench/lib/options.ts, is strict and knows no live flags).
 */
export interface LiveSizes {
  /** Renames and moves on disk: 10% of the library (10,000 of 100,000), half as folder moves. */
  readonly renames: number;
  /** New photos copied into the watched root: 1,000 at the default size (BENCH_LIVE_PHOTOS). */
  readonly photos: number;
  /** Seconds of idle watching measured (BENCH_LIVE_IDLE_S; the 60 by default). */
  readonly idleSeconds: number;
}

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value.replace(/[_,]/g, ''));
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a number >= 0 (got "${value}")`);
  return parsed;
}

export function liveSizes(files: number, env: NodeJS.ProcessEnv = process.env): LiveSizes {
  return {
    renames: Math.max(10, Math.round(files / 10)),
    // 1,000 at 100,000 files; smaller libraries get proportionally fewer (at least 20).
    photos: Math.round(whole('BENCH_LIVE_PHOTOS', env.BENCH_LIVE_PHOTOS) ?? Math.min(1000, Math.max(20, Math.round(files / 100)))),
    idleSeconds: whole('BENCH_LIVE_IDLE_S', env.BENCH_LIVE_IDLE_S) ?? 60,
  };
}
