/**
 * The renderer's one typed client over `window.keepsake`. Nothing else touches the bridge: views
 * call `call(command, request)` and get the value, or an `ApiError` carrying the server's code and
 * message so that it can be shown to the user.
 */
import type {
  CommandName,
  CommandRequest,
  CommandResponse,
  ErrorCode,
  EventName,
  EventPayloads,
  KeepsakeBridge,
} from '../../src-shared/contract.ts';

/** An error answered by the main process (or the bridge being absent), with its machine code. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly command: CommandName;
  constructor(command: CommandName, code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.command = command;
  }
}

const bridge = (): KeepsakeBridge => {
  const found = (window as Partial<Window>).keepsake;
  if (!found) throw new Error('Keepsake bridge is missing: the app must run inside Keepsake.');
  return found;
};

/** Sends one command and resolves with its value; rejects with an ApiError. */
export async function call<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResponse<C>> {
  let result;
  try {
    result = await bridge().invoke(command, request);
  } catch (error) {
    // The bridge itself failed (e.g. the main process went away): still a readable error.
    throw new ApiError(command, 'internal', error instanceof Error ? error.message : String(error));
  }
  if (result.ok) return result.value;
  throw new ApiError(command, result.error.code, result.error.message);
}

/** Listens to an event from the main process; returns the unsubscribe. */
export function subscribe<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void {
  return bridge().on(event, callback);
}

/** True when the Keepsake bridge is present (the app runs inside Keepsake or the e2e harness). */
export const hasBridge = (): boolean => Boolean((window as Partial<Window>).keepsake);

/** A readable message from anything thrown. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
