import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createQuitWhenIdle, isActiveJob } from './lifecycle.ts';

function app(activeJobs: number, windows = 0) {
  const state = { activeJobs, windows, quits: 0, listeners: new Set<() => void>() };
  const quitter = createQuitWhenIdle({
    activeJobCount: async () => state.activeJobs,
    onJobFinished: (callback) => (state.listeners.add(callback), () => state.listeners.delete(callback)),
    windowCount: () => state.windows,
    quit: () => void state.quits++,
  });
  const finishJob = async () => {
    state.activeJobs--;
    for (const listener of [...state.listeners]) listener();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { state, quitter, finishJob };
}

describe('quit when idle', () => {
  it('quits at once when the last window closes and no job runs', async () => {
    const { state, quitter } = app(0);
    await quitter.lastWindowClosed();
    assert.equal(state.quits, 1);
    assert.equal(state.listeners.size, 0);
  });

  it('keeps running jobs alive after the window closed, and quits when the last one ends', async () => {
    const { state, quitter, finishJob } = app(2);
    await quitter.lastWindowClosed();
    assert.equal(state.quits, 0);
    await finishJob();
    assert.equal(state.quits, 0, 'one job still runs');
    await finishJob();
    assert.equal(state.quits, 1);
    assert.equal(state.listeners.size, 0);
  });

  it('does not quit when a window was opened again meanwhile', async () => {
    const { state, quitter, finishJob } = app(1);
    await quitter.lastWindowClosed();
    state.windows = 1;
    await finishJob();
    assert.equal(state.quits, 0);
    assert.equal(state.listeners.size, 0, 'stopped waiting');
  });

  it('counts queued and running jobs as active', () => {
    assert.deepEqual(
      (['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const).map((status) => isActiveJob({ status })),
      [true, true, false, false, false, false],
    );
  });
});
