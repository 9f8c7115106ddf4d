import { stat } from 'node:fs/promises';
import type { Keepsake } from '../core/keepsake.ts';
import { AppFailure } from './app-failure.ts';
import type { ShellHandlers } from './handler-table.ts';

/** The desktop's part of the shell commands: a folder and a file dialog, and the file manager. */
export interface Desktop {
  /** Asks the user for a folder; null when they cancel. */
  pickFolder(title: string | undefined): Promise<string | null>;
  /** Asks the user for a file, opening near `near` when given; null when they cancel. */
  pickFile(title: string | undefined, near: string | undefined): Promise<string | null>;
  /** Shows a file selected in the system's file manager. */
  showItemInFolder(path: string): void;
  /** Opens a file in the application the system uses for it; resolves with an error text, '' when it opened. */
  openPath(path: string): Promise<string>;
  /** This app's log file (Help → Show Log File), or null when it has none. */
  readonly logFile: string | null;
}

/**
 * The 'dialog.pickFolder' and 'photos.showInFolder' handlers over any desktop (Electron's dialog and
 * shell in the app, a scripted fake in e2e). "Show in folder" takes a file id only and uses the
 * path the database knows for it; a file found gone is flagged missing at once instead.
 */
export function createShellCommandHandlers(core: Pick<Keepsake, 'fileSource' | 'reportFileGone'>, desktop: Desktop): ShellHandlers {
  return {
    'dialog.pickFolder': async ({ title }) => ({ path: await desktop.pickFolder(title) }),
    'dialog.pickFile': async ({ title, near }) => ({ path: await desktop.pickFile(title, near) }),
    'photos.showInFolder': async ({ fileHash }) => {
      const source = core.fileSource(fileHash);
      if (source === null) throw new AppFailure('not_found', 'Keepsake does not know this file');
      try {
        await stat(source.path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') {
          core.reportFileGone(fileHash);
          return { shown: false };
        }
        // Unreadable but present: the file manager can still show it.
      }
      desktop.showItemInFolder(source.path);
      return { shown: true };
    },
    // For what Keepsake cannot show itself (a TIFF, a HEIC, an AVI): the user's own viewer.
    'photos.openInDefaultApp': async ({ fileHash }) => {
      const source = core.fileSource(fileHash);
      if (source === null) throw new AppFailure('not_found', 'The file is not on disk (Keepsake has flagged it missing)');
      const problem = await desktop.openPath(source.path);
      if (problem !== '') throw new AppFailure('unavailable', `The system could not open the file: ${problem}`);
      return { opened: true };
    },
    'app.showLogFile': () => {
      if (desktop.logFile === null) return { shown: false };
      desktop.showItemInFolder(desktop.logFile);
      return { shown: true };
    },
  };
}
