/**
 * The init script that gives the page, in the chromium target, exactly the preload's API:
 * `window.keepsake = { invoke, on }` (frozen, not writable), invoke only for contract command names
 * (others answer bad_request without leaving the page), on only for event names, returning an
 * unsubscribe. Calls go to the `__keepsakeInvoke` binding (the real door in the test process, as JSON text);
 * events come in through `__keepsakeDispatch`, which the harness calls with page.evaluate.
 * Runs inside the page: self-contained, no imports, no closures over test-process values.
 */
export function installKeepsakeBridge(names: { readonly commands: readonly string[]; readonly events: readonly string[] }): void {
  type Callback = (payload: unknown) => void;
  type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  const page = window as unknown as {
    __keepsakeInvoke?: (command: string, request: string | undefined) => Promise<string>;
  };
  const commands = new Set(names.commands);
  const events = new Set(names.events);
  const listeners = new Map<string, Set<Callback>>();
  const bridge = {
    invoke(command: unknown, request: unknown): Promise<Answer> {
      if (typeof command !== 'string' || !commands.has(command)) {
        return Promise.resolve({ ok: false, error: { code: 'bad_request', message: `Unknown command: ${String(command).slice(0, 100)}` } });
      }
      const binding = page.__keepsakeInvoke;
      if (typeof binding !== 'function') return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The test bridge is not connected' } });
      // As JSON text both ways (see chromium-app.ts); a request JSON cannot hold fails here, as a
      // request structured cloning cannot hold fails in the preload.
      let text: string | undefined;
      try {
        text = request === undefined ? undefined : JSON.stringify(request);
      } catch (error) {
        return Promise.resolve({ ok: false, error: { code: 'bad_request', message: error instanceof Error ? error.message : String(error) } });
      }
      return binding(command, text).then((answer) => JSON.parse(answer) as Answer).catch((error: unknown) => ({
        ok: false,
        error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
      }));
    },
    on(event: unknown, callback: unknown): () => void {
      if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`Unknown event: ${String(event).slice(0, 100)}`);
      if (typeof callback !== 'function') throw new TypeError('on(event, callback): callback must be a function');
      const set = listeners.get(event) ?? new Set<Callback>();
      listeners.set(event, set);
      // Wrapped, as the preload wraps: unsubscribing removes exactly this subscription.
      const listener: Callback = (payload) => (callback as Callback)(payload);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
  Object.defineProperty(window, 'keepsake', { value: Object.freeze(bridge), writable: false, configurable: false, enumerable: true });
  Object.defineProperty(window, '__keepsakeDispatch', {
    value: (event: string, payload: unknown) => {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          console.error('keepsake event listener failed:', error);
        }
      }
    },
    writable: false,
    configurable: false,
    enumerable: false,
  });
}
