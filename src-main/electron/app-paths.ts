import { join, resolve } from 'node:path';

/**
 * The app's own folder: the one holding package.json and build/ (inside app.asar once packaged).
 * Derived from this file's place in the build (build/main/src-main/electron/), so it does not
 * depend on how Electron was started (`electron .` or `electron build/main/…/main.js`).
 */
export const APP_ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');
/** The bundled preload script. */
export const PRELOAD_PATH = join(APP_ROOT, 'build', 'preload', 'preload.cjs');
/** The built renderer (Vite output). */
export const RENDERER_DIR = join(APP_ROOT, 'build', 'renderer');
