import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { capYoungGeneration } from './young-generation.ts';

/** The main thread's young generation size in bytes. */
const youngGenerationBytes = (): number => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

describe('capYoungGeneration', () => {
  it('keeps the young generation at its size while objects keep surviving (V8 would double it)', () => {
    capYoungGeneration();
    assert.ok(youngGenerationBytes() > 0);
    // Many objects that outlive a few collections: what makes V8 grow the young generation.
    const alive: { i: number; s: string }[] = [];
    for (let i = 0; i < 2_000_000; i++) {
      alive.push({ i, s: `x${i}` });
      if (alive.length > 200_000) alive.splice(0, 100_000);
    }
    // Uncapped, this loop takes it to V8's 128 MiB maximum. Capped, V8 still adjusts it by a few
    // steps, more on a loaded machine (1 → 3.5 MiB idle, 12 MiB seen with the test suite running
    // beside a scan): the cap is about the order of magnitude, so the bound is a quarter of 128 MiB.
    const MiB = 1024 * 1024;
    assert.ok(youngGenerationBytes() <= 32 * MiB, `${youngGenerationBytes() / MiB} MiB`);
  });
});
