import { ipcMain, type BrowserWindow } from 'electron';
import type { Keepsake } from '../core/keepsake.ts';
import type { Dispatcher } from '../ipc/dispatcher.ts';
import { forwardEvents, registerCommandChannels } from '../ipc/ipc-door.ts';

export interface IpcWiringOptions {
  /** The door: validates and answers every command. */
  readonly dispatch: Dispatcher;
  /** Source of job progress / job finished / library changed events. */
  readonly core: Pick<Keepsake, 'on'>;
  /** The windows to push events to (none while the app runs a job headless). */
  readonly windows: () => readonly BrowserWindow[];
}

/**
 * The only place that touches `ipcMain`: one handler per contract command, each through the
 * dispatcher, and messages from frames that are not our app dropped; core events are pushed to
 * every open window. Returns an unwire function.
 */
export function wireIpc(options: IpcWiringOptions): () => void {
  const unregister = registerCommandChannels(ipcMain, options.dispatch, {
    onDropped: (url) => console.warn(`keepsake: dropped IPC from untrusted frame ${url.slice(0, 200)}`),
  });
  const unforward = forwardEvents(
    (event, callback) => options.core.on(event, callback),
    (channel, payload) => {
      for (const window of options.windows()) {
        if (!window.isDestroyed()) window.webContents.send(channel, payload);
      }
    },
  );
  return () => {
    unregister();
    unforward();
  };
}
