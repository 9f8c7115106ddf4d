import type { Page } from '@playwright/test';
import { COMMAND_NAMES, EVENT_NAMES, type EventName, type EventPayloads } from '../../src-shared/contract.ts';
import { DESKTOP_APP_ACCESS, openKeepsake, type Keepsake } from '../../src-main/core/keepsake.ts';
import { logFileOf } from '../../src-main/core/log/log-file.ts';
import { createDispatcher } from '../../src-main/ipc/dispatcher.ts';
import { buildHandlerTable } from '../../src-main/ipc/handler-table.ts';
import { createShellCommandHandlers } from '../../src-main/ipc/shell-commands.ts';
import { createAppProtocolHandler } from '../../src-main/media/media-handler.ts';
import type { KeepsakeApp } from './app-handle.ts';
import { installKeepsakeBridge } from './bridge-init.ts';
import { saveScreenshot } from './screenshots.ts';
import { IPC_PATH, IpcSocket } from './ipc-socket.ts';
import { serveAppOrigin } from './serve-app.ts';

export interface ChromiumAppOptions {
  readonly page: Page;
  readonly dataDir: string;
  readonly rendererDir: string;
}

/**
 * The chromium target: the real core opened in the test process on this test's data folder, the
 * real door (createDispatcher over the core's handlers + scripted shell handlers) behind the
 * preload's exact API, and the app origin served by the real app-protocol handler.
 */
export async function startChromiumApp(options: ChromiumAppOptions): Promise<{ app: KeepsakeApp; stop(): Promise<void> }> {
  const { page, dataDir } = options;
  // Opened as the desktop app opens it: read-only while a `keepsake` command holds the library.
  const core: Keepsake = openKeepsake({ dataDir, ...DESKTOP_APP_ACCESS });
  const shown: string[] = [];
  const opened: string[] = [];
  let picked: string | null = null;
  let pickedFile: string | null = null;
  const shellHandlers = createShellCommandHandlers(core, {
    pickFolder: async () => {
      const answer = picked;
      picked = null;
      return answer;
    },
    pickFile: async () => {
      const answer = pickedFile;
      pickedFile = null;
      return answer;
    },
    showItemInFolder: (path) => void shown.push(path),
    openPath: async (path) => (opened.push(path), ''),
    logFile: logFileOf(dataDir, 'app'),
  });
  const dispatch = createDispatcher(buildHandlerTable(core.handlers, shellHandlers));

  const ipc = new IpcSocket(dispatch);
  await page.addInitScript(installKeepsakeBridge, { commands: COMMAND_NAMES, events: EVENT_NAMES, path: IPC_PATH });
  const served = await serveAppOrigin((host) => createAppProtocolHandler({ core, rendererDir: options.rendererDir, host }), ipc);

  // Core events reach the page as the preload's would: pushed to every `on` listener, in order (on
  // the socket the answers come back on).
  const unsubscribes = EVENT_NAMES.map((event: EventName) => core.on(event, (payload) => ipc.send(event, payload)));

  const app: KeepsakeApp = {
    target: 'chromium',
    page,
    dataDir,
    core,
    async goto(viewPath = '') {
      await page.goto(`${served.origin}/${viewPath.replace(/^\//, '')}`);
    },
    get nextPickedFolder() {
      return picked;
    },
    set nextPickedFolder(path: string | null) {
      picked = path;
    },
    async setNextPickedFolder(path) {
      picked = path;
    },
    async setNextPickedFile(path) {
      pickedFile = path;
    },
    chooseMenu: async (command) => {
      const payload: EventPayloads['menu.command'] = { command };
      await page.evaluate(
        ([name, data]) => (window as unknown as { __keepsakeDispatch?: (n: string, d: unknown) => void }).__keepsakeDispatch?.(name, data),
        ['menu.command', payload] as const,
      );
    },
    shownInFolder: async () => [...shown],
    openedInDefaultApp: async () => [...opened],
    invoke: (command, request) =>
      page.evaluate(([name, body]) => window.keepsake.invoke(name, body as never), [command, request] as const) as never,
    screenshot: (name) => saveScreenshot(page, 'chromium', name),
  };
  return {
    app,
    async stop() {
      for (const unsubscribe of unsubscribes) unsubscribe();
      await served.close();
      await core.close();
    },
  };
}
