import type { Page } from '@playwright/test';

/** What scrolling a list frame by frame measured. */
export interface ScrollFigures {
  readonly frames: number;
  readonly fps: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** The frame (0-based) that took longest: where in the scroll the worst stall came. */
  readonly maxAt: number;
  readonly reachedEnd: boolean;
  readonly seconds: number;
  /** After the last frame, until what is in view was shown (NaN: not within the wait). */
  readonly settleMs: number;
}

/**
 * When the list counts as shown after the last frame: an element matching `selector` inside it
 * (rows rendered), or every grid cell in view holding its loaded thumbnail (the browse bench's
 * `window.__ksBrowse` probe).
 */
export type Settled = { readonly selector: string } | { readonly thumbnailsInView: true };

/**
 * Scrolls the element with this test id one step per animation frame, counting frames:
 * `mode: 'end'` reaches the end in `frames` frames (every frame shows rows never rendered before),
 * `mode: 'wheel'` moves 120 px (one wheel notch) per frame; then waits until it is `settled`.
 */
export async function scrollFrames(page: Page, testId: string, mode: 'end' | 'wheel', frames: number, settled: Settled, waitMs: number): Promise<ScrollFigures> {
  return page.evaluate(
    async ({ testId, mode, frames, settled, waitMs }) => {
      const list = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
      if (!list) throw new Error(`no ${testId}`);
      list.scrollTop = 0;
      await new Promise(requestAnimationFrame);
      const step = mode === 'end' ? Math.ceil((list.scrollHeight - list.clientHeight) / frames) : 120;
      const gaps: number[] = [];
      const start = performance.now();
      let last = start;
      for (let i = 0; i < frames; i += 1) {
        list.scrollTop += step;
        await new Promise(requestAnimationFrame);
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      const seconds = (performance.now() - start) / 1000;
      const sorted = [...gaps].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
      const reachedEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 1;
      const shown = (): boolean => {
        if ('selector' in settled) return list.querySelector(settled.selector) !== null;
        const state = (window as unknown as { __ksBrowse?: { state(): { cells: number; loaded: number } } }).__ksBrowse?.state();
        return state !== undefined && state.cells > 0 && state.loaded === state.cells;
      };
      // After the last frame: the rows (or thumbnails) where it stopped come from the core behind
      // what was asked for on the way.
      const settleStart = performance.now();
      let settleMs = Number.NaN;
      while (performance.now() - settleStart < waitMs) {
        if (shown()) {
          settleMs = performance.now() - settleStart;
          break;
        }
        await new Promise(requestAnimationFrame);
      }
      const max = sorted.at(-1) ?? 0;
      return { frames: gaps.length, fps: gaps.length / seconds, p50: at(0.5), p95: at(0.95), max, maxAt: gaps.indexOf(max), reachedEnd, seconds, settleMs };
    },
    { testId, mode, frames, settled, waitMs },
  );
}
