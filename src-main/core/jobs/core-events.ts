import type { EventName, EventPayloads } from '../../../src-shared/contract.ts';

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

/** A typed emitter of the contract's events; a listener that throws never breaks the emitter. */
export class CoreEvents {
  readonly #listeners = new Map<EventName, Set<Listener<EventName>>>();

  /** Subscribes; returns the unsubscribe. */
  on<E extends EventName>(event: E, callback: Listener<E>): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    const listener = callback as unknown as Listener<EventName>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Delivers a payload to every listener of the event. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (error) {
        // A broken subscriber (a closed window) must not stop a job or the other subscribers.
        console.error(`keepsake: a '${event}' listener threw:`, error);
      }
    }
  }
}
