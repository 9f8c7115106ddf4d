import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { humanTimeLeft, phaseLabel, progressText, secondsLeft } from './job-phases.ts';

describe('job phases in words', () => {
  it('names each phase for people, and any other without its underscores', () => {
    assert.equal(phaseLabel('count'), 'Finding photos');
    assert.equal(phaseLabel('import'), 'Importing');
    assert.equal(phaseLabel('hash'), 'Importing');
    assert.equal(phaseLabel('thumbnails'), 'Making thumbnails');
    assert.equal(phaseLabel('scan_missing'), 'Checking for missing files');
    assert.equal(phaseLabel('probing roots'), 'Checking the drives');
    assert.equal(phaseLabel('some_new_phase'), 'Some new phase');
  });

  it('says the progress in one line: found while counting, N of T after, the time left when known', () => {
    assert.equal(progressText('count', 12345, 0), 'Finding photos… 12,345 found');
    assert.equal(progressText('import', 1234, 5000, 'about 40 s left'), 'Importing 1,234 of 5,000 — about 40 s left');
    assert.equal(progressText('import', 1234, 5000, null), 'Importing 1,234 of 5,000');
    assert.equal(progressText('probing roots', 0, 0), 'Checking the drives…');
    assert.equal(progressText('import', 5010, 5000), 'Importing 5,000 of 5,000', 'never more than the total');
  });

  it('estimates the time left from the rate, once the phase has moved for two seconds', () => {
    assert.equal(secondsLeft([{ at: 0, current: 0 }, { at: 1000, current: 100 }], 5000, 1000), null, 'too early to tell');
    assert.equal(secondsLeft([{ at: 0, current: 100 }, { at: 5000, current: 100 }], 5000, 5000), null, 'not moving');
    assert.equal(secondsLeft([{ at: 0, current: 0 }, { at: 4000, current: 1000 }], 0, 4000), null, 'no total');
    // 250 files a second, 4,000 to go: 16 s; 2 s after the last report, 14 s.
    assert.equal(secondsLeft([{ at: 0, current: 0 }, { at: 4000, current: 1000 }], 5000, 4000), 16);
    assert.equal(secondsLeft([{ at: 0, current: 0 }, { at: 4000, current: 1000 }], 5000, 6000), 14);
  });

  it('says the time left as a person would', () => {
    assert.equal(humanTimeLeft(4), 'a few seconds left');
    assert.equal(humanTimeLeft(38), 'about 40 s left');
    assert.equal(humanTimeLeft(170), 'about 3 min left');
    assert.equal(humanTimeLeft(3 * 3600 + 20 * 60), 'about 3 h 20 min left');
  });
});
