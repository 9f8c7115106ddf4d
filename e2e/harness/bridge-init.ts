/**
 * The init script that gives the page, in the chromium target, exactly the preload's API:
 * `window.keepsake = { invoke, on }` (frozen, not writable), invoke only for contract command names
 * (others answer bad_request without leaving the page), on only for event names, returning an
 * unsubscribe. Calls go over the page's IPC socket (ipc-socket.ts: the real door in the test
 * process), in order, as JSON text; core events come back on it, and through `__keepsakeDispatch`
 * (which the harness calls with page.evaluate for menu commands).
 * Runs inside the page: self-contained, no imports, no closures over test-process values.
 */
export function installKeepsakeBridge(names: { readonly commands: readonly string[]; readonly events: readonly string[]; readonly path: string }): void {
  type Callback = (payload: unknown) => void;
  type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  const commands = new Set(names.commands);
  const events = new Set(names.events);
  const listeners = new Map<string, Set<Callback>>();
  const waiting = new Map<number, (answer: Answer) => void>();
  let nextId = 1;
  // Only on the app's own origin (a page of another origin, e.g. about:blank, has no socket).
  const secure = location.protocol === 'https:';
  const socket = secure || location.protocol === 'http:' ? new WebSocket(`${secure ? 'wss' : 'ws'}://${location.host}${names.path}`) : null;
  const unsent: string[] = [];
  const lost = (message: string) => {
    for (const resolve of waiting.values()) resolve({ ok: false, error: { code: 'internal', message } });
    waiting.clear();
  };
  if (socket !== null) {
    socket.onopen = () => {
      for (const text of unsent.splice(0)) socket.send(text);
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as { id?: number; answer?: Answer; event?: string; payload?: unknown };
      if (data.id !== undefined) {
        const resolve = waiting.get(data.id);
        waiting.delete(data.id);
        resolve?.(data.answer ?? { ok: false, error: { code: 'internal', message: 'No answer' } });
      } else if (data.event !== undefined) {
        dispatchEvent(data.event, data.payload === null ? undefined : data.payload);
      }
    };
    socket.onclose = () => lost('The test bridge is not connected');
  }
  function dispatchEvent(event: string, payload: unknown): void {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error('keepsake event listener failed:', error);
      }
    }
  }
  const bridge = {
    invoke(command: unknown, request: unknown): Promise<Answer> {
      if (typeof command !== 'string' || !commands.has(command)) {
        return Promise.resolve({ ok: false, error: { code: 'bad_request', message: `Unknown command: ${String(command).slice(0, 100)}` } });
      }
      if (socket === null || socket.readyState > WebSocket.OPEN) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The test bridge is not connected' } });
      // A request JSON cannot hold fails here, as one structured cloning cannot hold fails in the preload.
      let text: string;
      const id = nextId++;
      try {
        text = JSON.stringify(request === undefined ? { id, command } : { id, command, request });
      } catch (error) {
        return Promise.resolve({ ok: false, error: { code: 'bad_request', message: error instanceof Error ? error.message : String(error) } });
      }
      return new Promise<Answer>((resolve) => {
        waiting.set(id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
        else unsent.push(text);
      });
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
    value: dispatchEvent,
    writable: false,
    configurable: false,
    enumerable: false,
  });
}
