import { spawnSync } from 'node:child_process';
import { shellQuote } from '../timing.ts';

/**
 * CPU seconds (user + system) of one `find DIR -printf '%s %T@ %i\n'`, the least of `runs` (warm):
 * beside the wall-time limit, a figure a machine busy with other work disturbs much less.
 */
export function findPrintfCpuSeconds(dir: string, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) {
    // bash's `times` prints the shell's, then its children's user and system time ("0m0.242s 0m0.590s").
    const result = spawnSync('bash', ['-c', `find ${shellQuote(dir)} -printf '%s %T@ %i\\n' > /dev/null; times`], { encoding: 'utf8' });
    const children = result.stdout.trim().split('\n').at(-1) ?? '';
    const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, match) => sum + Number(match[1]) * 60 + Number(match[2]), 0);
    if (result.status === 0 && seconds > 0) best = Math.min(best, seconds);
  }
  return best;
}
