/**
 * The preload: the page's only way out. Exposes exactly `window.keepsake` — `invoke` for the
 * contract's command names and `on` for its event names — and nothing of Electron or Node.
 * Bundled to CommonJS by `npm run build:preload` (sandboxed preloads cannot load ES modules).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  commandChannel,
  eventChannel,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type EventName,
  type EventPayloads,
  type KeepsakeBridge,
  type Result,
} from '../../src-shared/contract.ts';

const commands: ReadonlySet<string> = new Set(COMMAND_NAMES);
const events: ReadonlySet<string> = new Set(EVENT_NAMES);

const bridge = {
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResponse<C>>> {
    if (typeof command !== 'string' || !commands.has(command)) {
      return Promise.resolve({ ok: false, error: { code: 'bad_request', message: `Unknown command: ${String(command).slice(0, 100)}` } });
    }
    // Main always answers with a Result; a rejection (e.g. main shutting down) becomes one too.
    return (ipcRenderer.invoke(commandChannel(command), request) as Promise<Result<CommandResponse<C>>>).catch(
      (error: unknown): Result<CommandResponse<C>> => ({
        ok: false,
        error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
      }),
    );
  },
  on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void {
    if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`Unknown event: ${String(event).slice(0, 100)}`);
    if (typeof callback !== 'function') throw new TypeError('on(event, callback): callback must be a function');
    const channel = eventChannel(event);
    // The IPC event object (with its sender) never reaches the page: only the payload does.
    const listener = (_event: IpcRendererEvent, payload: EventPayloads[E]): void => callback(payload);
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  },
} satisfies KeepsakeBridge;

contextBridge.exposeInMainWorld('keepsake', bridge);
