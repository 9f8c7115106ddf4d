import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from './window-state.ts';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  it('remembers size, position and maximized between launches', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keepsake-window-'));
    try {
      assert.deepEqual(await loadWindowState(dir), DEFAULT_WINDOW_STATE);
      saveWindowState(dir, { x: 100, y: 50, width: 1000, height: 700, maximized: true });
      assert.deepEqual(await loadWindowState(dir), { x: 100, y: 50, width: 1000, height: 700, maximized: true });
      assert.deepEqual(JSON.parse(await readFile(join(dir, 'window-state.json'), 'utf8')).width, 1000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('falls back to the default for a damaged or foreign file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keepsake-window-'));
    try {
      for (const text of ['{not json', '{"width":"big"}', '[]', '{"width":0,"height":10}']) {
        await writeFile(join(dir, 'window-state.json'), text);
        assert.deepEqual(await loadWindowState(dir), DEFAULT_WINDOW_STATE, text);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('re-centres a window left on a display that is gone, and keeps a visible one', () => {
    assert.deepEqual(fitToDisplays({ x: 3000, y: 100, width: 800, height: 600, maximized: false }, [screen]), { width: 800, height: 600, maximized: false });
    assert.deepEqual(fitToDisplays({ x: 100, y: 100, width: 800, height: 600, maximized: false }, [screen]), { x: 100, y: 100, width: 800, height: 600, maximized: false });
  });

  it('keeps the size between the minimum and the largest display', () => {
    assert.deepEqual(fitToDisplays({ width: 100, height: 100, maximized: false }, [screen]), { width: 640, height: 480, maximized: false });
    assert.deepEqual(fitToDisplays({ width: 5000, height: 5000, maximized: false }, [screen]), { width: 1920, height: 1080, maximized: false });
  });
});
