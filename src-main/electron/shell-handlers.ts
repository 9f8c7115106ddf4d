import { dialog, shell, type BrowserWindow } from 'electron';
import type { Keepsake } from '../core/keepsake.ts';
import type { ShellHandlers } from '../ipc/handler-table.ts';
import { createShellCommandHandlers } from '../ipc/shell-commands.ts';

/**
 * 'dialog.pickFolder' and 'dialog.pickFile' (the system's dialogs, over the window) and 'photos.showInFolder'
 * (the system's file manager, at the path the database knows for the file id).
 */
export function createShellHandlers(core: Pick<Keepsake, 'fileSource' | 'reportFileGone'>, getWindow: () => BrowserWindow | null, logFile: string | null): ShellHandlers {
  return createShellCommandHandlers(core, {
    logFile,
    async pickFolder(title) {
      const dialogOptions: Electron.OpenDialogOptions = { title: title ?? 'Choose a folder', properties: ['openDirectory'] };
      const window = getWindow();
      const answer = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    async pickFile(title, near) {
      // A folder that is gone cannot be opened: the dialog then opens where it last was.
      const dialogOptions: Electron.OpenDialogOptions = { title: title ?? 'Choose a file', properties: ['openFile'], ...(near ? { defaultPath: near } : {}) };
      const window = getWindow();
      const answer = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    showItemInFolder(path) {
      shell.showItemInFolder(path);
    },
    openPath: (path) => shell.openPath(path),
  });
}
