import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRange } from './byte-range.ts';

describe('parseRange', () => {
  const size = 1000;
  const cases: [string | null, ReturnType<typeof parseRange>][] = [
    [null, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=500-', { kind: 'partial', start: 500, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
    ['bytes=10-99999', { kind: 'partial', start: 10, end: 999 }],
    ['BYTES= 1-2 ', { kind: 'partial', start: 1, end: 2 }],
    ['bytes=0-1,5-6', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=1000-1001', { kind: 'unsatisfiable' }],
    ['bytes=9-5', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=-', { kind: 'unsatisfiable' }],
    ['bytes=abc', { kind: 'unsatisfiable' }],
    ['bytes=1.5-2', { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999-', { kind: 'unsatisfiable' }],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(parseRange(header, size), expected));
  }
  it('no byte range of an empty file is satisfiable', () => {
    assert.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-1', 0), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange(null, 0), { kind: 'full' });
  });
});
