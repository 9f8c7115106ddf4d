import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capYoungGeneration, youngGenerationBytes } from './young-generation.ts';

describe('capYoungGeneration', () => {
  it('keeps the young generation at its size while objects keep surviving (V8 would double it)', () => {
    capYoungGeneration();
    const before = youngGenerationBytes();
    assert.ok(before > 0);
    // Many objects that outlive a few collections: what makes V8 grow the young generation.
    const alive: { i: number; s: string }[] = [];
    for (let i = 0; i < 2_000_000; i++) {
      alive.push({ i, s: `x${i}` });
      if (alive.length > 200_000) alive.splice(0, 100_000);
    }
    assert.ok(youngGenerationBytes() <= before, `${youngGenerationBytes()} > ${before}`);
  });
});
