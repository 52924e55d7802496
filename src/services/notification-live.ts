// The live side of notifications (issue 16, must 7): who listens on this process's streams, and
// what each is sent. What this process stores is sent at once; what another process stores (the
// command line, a second API process on the same database) is found by a light poll of the
// listening users' newest notifications while anyone listens. Each notification is sent once
// per listener: both ways go through one record of what each user was sent.
import type { Notification } from '../domain/incidents/api.ts';
import type { WebhookLog } from './webhook.ts';

/** A live listener: receives each new notification of its user. */
export type NotificationListener = (n: Notification) => void;

export interface LiveDeps {
  /** A user's newest notifications, newest first. */
  newest(userId: string): Promise<Notification[]>;
  /** How often other processes' notifications are looked for (default 5 s). */
  pollMs?: number;
  log: WebhookLog;
}

/** Ids remembered per user beyond which the record restarts from the newest page. */
const SEEN_MAX = 500;

/** Fans notifications out to this process's listeners. */
export class LiveNotifications {
  private readonly deps: LiveDeps;
  private readonly listeners = new Map<string, Set<NotificationListener>>();
  /** Per listening user: the ids already sent or there when they started listening. */
  private readonly seen = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  constructor(deps: LiveDeps) {
    this.deps = deps;
  }

  /** Sends `userId`'s new notifications to `listener` until the returned function is called. */
  add(userId: string, listener: NotificationListener): () => void {
    const set = this.listeners.get(userId) ?? new Set();
    set.add(listener);
    if (!this.listeners.has(userId)) {
      this.listeners.set(userId, set);
      void this.deps
        .newest(userId)
        .then((rows) => this.remember(userId, rows))
        .catch((err: unknown) => this.deps.log.warn({ err }, 'reading notifications for a stream failed'));
    }
    if (this.timer === undefined) {
      this.timer = setInterval(() => void this.tick(), this.deps.pollMs ?? 5_000);
      this.timer.unref();
    }
    return () => {
      set.delete(listener);
      if (set.size > 0 || this.listeners.get(userId) !== set) return;
      this.listeners.delete(userId);
      this.seen.delete(userId);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Sends a notification this process stored for `userId`. */
  emit(userId: string, n: Notification): void {
    const seen = this.seen.get(userId);
    if (seen?.has(n.id)) return;
    seen?.add(n.id);
    this.tell(userId, n);
  }

  /** Looks once for what other processes stored (what the timer does; tests call it). */
  tick(): Promise<void> {
    this.polling = this.polling
      .then(() => this.poll())
      .catch((err: unknown) => this.deps.log.warn({ err }, 'polling notifications failed'));
    return this.polling;
  }

  private async poll(): Promise<void> {
    for (const userId of [...this.listeners.keys()]) {
      const rows = await this.deps.newest(userId);
      const seen = this.seen.get(userId);
      if (seen === undefined) {
        this.remember(userId, rows);
        continue;
      }
      for (const n of [...rows].reverse()) this.emit(userId, n);
      if (seen.size > SEEN_MAX) this.seen.set(userId, new Set(rows.map((r) => r.id)));
    }
  }

  /** Records what a user had when they started listening (sent already, in their list). */
  private remember(userId: string, rows: readonly Notification[]): void {
    if (!this.listeners.has(userId)) return;
    const seen = this.seen.get(userId) ?? new Set<string>();
    for (const r of rows) seen.add(r.id);
    this.seen.set(userId, seen);
  }

  /** One listener's failure (a stream closing under it) is not the others'. */
  private tell(userId: string, n: Notification): void {
    for (const listener of this.listeners.get(userId) ?? []) {
      try {
        listener(n);
      } catch (err) {
        this.deps.log.warn({ err }, 'a notification listener failed');
      }
    }
  }
}
