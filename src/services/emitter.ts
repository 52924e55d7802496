// What happens in a node that other parts react to (issue 14): a typed emitter that any number of
// listeners subscribe to. Services emit; jobs and other services listen, so that no service holds
// a callback a job set on it, and a second listener never replaces the first.

/** The node's events and what each carries. */
export interface NodeEvents {
  /** New object versions were committed: by this process (`head` null: ingestion does not know
   *  the store's position), or by another one, seen as the store's head moving (`head` set). */
  'objects-committed': { head: number | null };
  /** A peer announced a head beyond what this node has pulled from it (`serve` pulls at once). */
  'peer-nudged': { peerId: string };
}

type Listener<T> = (payload: T) => void;

/** A typed emitter: `on` returns the unsubscribe function; listeners run in subscription order. */
export class Emitter<M extends object = NodeEvents> {
  private readonly listeners = new Map<keyof M, Set<Listener<never>>>();
  private readonly onError: (e: unknown, event: keyof M) => void;

  /** `onError` receives what a listener throws: the emitter (ingestion, a request) goes on, and
   *  the other listeners still run. */
  constructor(options: { onError?: (e: unknown, event: keyof M) => void } = {}) {
    this.onError = options.onError ?? ((e, event) => console.error(`a listener of ${String(event)} failed:`, e));
  }

  /** Calls `listener` with every later `event` until the returned function is called. */
  on<K extends keyof M>(event: K, listener: Listener<M[K]>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    // A listener of M[K] is stored among listeners of any payload; emit passes it only M[K].
    const stored: Listener<never> = listener;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  /** Tells every listener of `event`, synchronously. */
  emit<K extends keyof M>(event: K, payload: M[K]): void {
    const set = this.listeners.get(event);
    if (set === undefined) return;
    for (const l of [...set]) {
      try {
        (l as Listener<M[K]>)(payload);
      } catch (e) {
        this.onError(e, event);
      }
    }
  }

  /** Number of listeners of `event`. */
  listenerCount(event: keyof M): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
