// Live updates (issue 6, item 2; DESIGN.md, Interfaces: Server-Sent Events). The service polls
// the store for newly stored versions while anyone listens and tells each listener how many of
// them it may read, by type: counts only, filtered by the access policy, so an event carries
// nothing its reader could not list. Polling the store rather than hooking the ingest path also
// sees what other processes commit (a `concord import` beside `concord serve`, several API
// processes on one PostgreSQL database).
import { readerOf } from './access-gate.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { authorize } from '../domain/access/permissions.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { DashboardRepo } from '../store/repositories.ts';
import { bump, countable, LabelCache } from '../domain/dashboard/tally.ts';

/** What a listener receives. */
export interface ObjectsAddedEvent {
  type: 'objects-added';
  /** The store's position after this batch (the dashboard's `asOf` compares with it). */
  seq: number;
  count: number;
  byType: Record<string, number>;
}

type Listener = (e: ObjectsAddedEvent) => void;

const PLUMBING = new Set(['marking-definition', 'extension-definition']);
const BATCH = 5000;

export interface EventsDeps {
  dashboard: DashboardRepo;
  schemes: SchemeRegistry;
  /** How often the store is polled while someone listens. */
  pollMs?: number;
  onError?: (e: unknown) => void;
}

/** Fans newly stored objects out to listeners, each filtered by the access policy. */
export class EventsService {
  private readonly deps: EventsDeps;
  private readonly listeners = new Map<Listener, Principal>();
  private cursor: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  constructor(deps: EventsDeps) {
    this.deps = deps;
  }

  /** Starts sending `principal`'s events to `listener`; returns the unsubscribe function. */
  async subscribe(principal: Principal, listener: Listener): Promise<() => void> {
    authorize(principal, 'object.read');
    if (this.cursor === undefined) this.cursor = await this.deps.dashboard.maxSeq();
    this.listeners.set(listener, principal);
    if (this.timer === undefined) {
      this.timer = setInterval(() => void this.tick(), this.deps.pollMs ?? 1000);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Reads for `listener` as `principal` from now on (its caller's access changed). Unlike
   *  unsubscribing and subscribing again, nothing added meanwhile is missed. */
  rebind(listener: Listener, principal: Principal): void {
    if (this.listeners.has(listener)) this.listeners.set(listener, principal);
  }

  /** Number of open listeners. */
  get size(): number {
    return this.listeners.size;
  }

  /** Polls once now (tests; also what the timer does). */
  tick(): Promise<void> {
    this.polling = this.polling.then(() => this.poll()).catch((e: unknown) => this.deps.onError?.(e));
    return this.polling;
  }

  /** Stops polling and drops every listener. */
  close(): Promise<void> {
    this.listeners.clear();
    this.stop();
    return this.polling;
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    // The next listener starts from the store's position then, not from a stale one.
    this.cursor = undefined;
  }

  private async poll(): Promise<void> {
    if (this.cursor === undefined || this.listeners.size === 0) return;
    // Versions are only reported once labelled; one stored but not yet labelled by a concurrent
    // import may be passed over. Events are hints to refresh; the counts come from the dashboard.
    const rows = await this.deps.dashboard.addedSince(this.cursor, BATCH);
    const last = rows.at(-1);
    if (last === undefined) return;
    this.cursor = last.seq;
    const labels = new LabelCache();
    for (const [listener, principal] of this.listeners) {
      const reader = readerOf(principal);
      const byType = new Map<string, number>();
      for (const r of rows) if (!PLUMBING.has(r.type) && countable(reader, r, labels, this.deps.schemes)) bump(byType, r.type, 1);
      const count = [...byType.values()].reduce((a, b) => a + b, 0);
      if (count > 0) listener({ type: 'objects-added', seq: last.seq, count, byType: Object.fromEntries(byType) });
    }
    // A large import: keep up without waiting for the next interval.
    if (rows.length === BATCH) await this.poll();
  }
}
