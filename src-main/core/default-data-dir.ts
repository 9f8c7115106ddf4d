import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** The desktop app's product name; Electron names its user-data folder after it. */
export const PRODUCT_NAME = 'Keepsake';

/**
 * Where the desktop app keeps its data (`keepsake.db` and `thumbnails/`): Electron's `userData`
 * folder for productName "Keepsake", worked out without Electron so the CLI finds the same library.
 * Linux: `$XDG_CONFIG_HOME/Keepsake` or `~/.config/Keepsake`; macOS: `~/Library/Application Support/Keepsake`;
 * Windows: `%APPDATA%\Keepsake`.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  // The target platform's own separators, so the answer is right even when worked out elsewhere (tests).
  const { join } = platform === 'win32' ? win32 : posix;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') {
    // Electron's appData on Windows is %APPDATA% (Roaming), falling back to its usual place.
    const appData = nonEmpty(env.APPDATA) ?? join(home, 'AppData', 'Roaming');
    return join(appData, PRODUCT_NAME);
  }
  // Linux and the other Unixes: Electron uses $XDG_CONFIG_HOME, else ~/.config.
  const config = nonEmpty(env.XDG_CONFIG_HOME) ?? join(home, '.config');
  return join(config, PRODUCT_NAME);
}

const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value !== '' ? value : undefined);
