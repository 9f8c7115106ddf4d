import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { E2eTarget } from './target.ts';

/** Where each run leaves the screenshots of the main views, to be looked at. */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', 'screenshots');

/** Saves the page as e2e/screenshots/<name>.png (prefixed with "electron-" in the electron target). */
export async function saveScreenshot(page: Page, target: E2eTarget, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`Screenshot names are plain file names: ${name}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${target === 'electron' ? 'electron-' : ''}${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}
