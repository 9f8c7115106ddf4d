import { renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** Where and how big the main window was, remembered between launches. */
export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN_WIDTH = 640;
const MIN_HEIGHT = 480;
const FILE_NAME = 'window-state.json';

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  maximized: z.boolean().default(false),
});

/** Reads the remembered state from `dir`; a missing or damaged file gives the default. */
export async function loadWindowState(dir: string): Promise<WindowState> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(join(dir, FILE_NAME), 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/**
 * Writes the state atomically (temp file + rename), so a crash never leaves half a file. Synchronous
 * on purpose: it runs as the window closes on quit, when a pending async write could be cut off.
 */
export function saveWindowState(dir: string, state: WindowState): void {
  const target = join(dir, FILE_NAME);
  const temp = `${target}.tmp`;
  writeFileSync(temp, JSON.stringify(state), 'utf8');
  renameSync(temp, target);
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Makes a remembered state fit the displays there are now: a window on a display that was
 * unplugged is re-centred (position dropped), and the size is kept within the largest work area.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const maxWidth = Math.max(MIN_WIDTH, ...workAreas.map((area) => area.width));
  const maxHeight = Math.max(MIN_HEIGHT, ...workAreas.map((area) => area.height));
  const width = Math.min(Math.max(state.width, MIN_WIDTH), maxWidth);
  const height = Math.min(Math.max(state.height, MIN_HEIGHT), maxHeight);
  if (state.x === undefined || state.y === undefined) return { width, height, maximized: state.maximized };
  const rect = { x: state.x, y: state.y, width, height };
  // Visible enough to grab: at least a 100×50 patch on some display.
  const visible = workAreas.some((area) => overlap(rect, area) >= 100 * 50);
  return visible ? { ...rect, maximized: state.maximized } : { width, height, maximized: state.maximized };
}

export const WINDOW_MIN_SIZE = { width: MIN_WIDTH, height: MIN_HEIGHT } as const;
