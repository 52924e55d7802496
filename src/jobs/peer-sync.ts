// Federation sync while `concord serve` runs (issue 5, item 5): every syncing peer is pulled at
// start, when it notifies this node, and on an interval that backs off while it fails; and after
// every local commit this node notifies its peers (debounced), so that a new object reaches
// them in about a second. Commits of other processes on the same database (`concord import`
// while the node runs) are seen on the next tick, by the store head moving past what was last
// announced. Before notifying, it signs what was committed (egress.service.ts presign), so that
// the peers' pulls serve stored signed forms. One pull per peer at a time in
// this process; the store's lease keeps other processes on the same database from pulling it
// beside this one.
import { ConflictError } from '../errors.ts';
import type { FederationServices } from '../services/federation/index.ts';
import type { ChangeSignal } from '../services/federation/index.ts';
import type { PullerLog } from './feed-puller.ts';

export interface PeerSyncOptions {
  /** Pull a quiet peer this often (a missed notification costs at most this). */
  intervalMs?: number;
  tickMs?: number;
  /** Changes within this window are announced once. */
  notifyDelayMs?: number;
}

/** Schedules pulls from peers and notifications to them. */
export class PeerSyncJob {
  private readonly fed: FederationServices;
  private readonly changes: ChangeSignal;
  private readonly log: PullerLog;
  private readonly o: Required<PeerSyncOptions>;
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly lastRun = new Map<string, number>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private notifyTimer: NodeJS.Timeout | undefined;
  private notifying: Promise<void> = Promise.resolve();
  /** Position up to which committed versions were presigned; set to the head on the first
   *  notification (what was stored before is signed when first served). */
  private signedTo: number | undefined;
  /** The store head last announced to peers (undefined until the first announcement). */
  private announced: number | undefined;

  constructor(deps: { federation: FederationServices; changes: ChangeSignal; log: PullerLog } & PeerSyncOptions) {
    this.fed = deps.federation;
    this.changes = deps.changes;
    this.log = deps.log;
    this.o = { intervalMs: deps.intervalMs ?? 30_000, tickMs: deps.tickMs ?? 1000, notifyDelayMs: deps.notifyDelayMs ?? 10 };
  }

  /** Pulls every peer now, announces this node's head, then keeps going. */
  start(): void {
    if (this.timer) return;
    this.fed.sync.onNudge = (id) => this.nudge(id);
    this.changes.listen(() => this.localChange());
    this.timer = setInterval(() => void this.tick(), this.o.tickMs);
    this.timer.unref();
    void this.tick();
    // A node coming back tells its peers where it stands, so they pull what they missed.
    this.localChange();
  }

  /** Stops scheduling, aborts running pulls (committed pages stay) and waits for them. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.notifyTimer);
    this.changes.listen(() => {});
    this.fed.sync.onNudge = () => {};
    this.abort.abort();
    await this.notifying;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Pulls `peerId` at once (again after the running pull, if one runs). */
  nudge(peerId: string): void {
    if (this.abort.signal.aborted) return;
    if (this.running.has(peerId)) this.again.add(peerId);
    else this.run(peerId);
  }

  /** Resolves when the pulls running now have finished (tests). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private async tick(): Promise<void> {
    if (this.abort.signal.aborted) return;
    try {
      // Another process committed (this one's commits signal at once): announce it.
      if (this.announced !== undefined && (await this.fed.head()) > this.announced) this.localChange();
      const now = Date.now();
      for (const p of await this.fed.sync.syncingPeers()) {
        const backoff = 2 ** Math.min(this.failures.get(p.id) ?? 0, 5);
        if (!this.running.has(p.id) && now - (this.lastRun.get(p.id) ?? 0) >= this.o.intervalMs * backoff) this.run(p.id);
      }
    } catch (e) {
      this.log.error({ err: e }, 'peer sync: listing peers failed');
    }
  }

  private run(peerId: string): void {
    this.lastRun.set(peerId, Date.now());
    const p = this.pullOnce(peerId).finally(() => {
      this.running.delete(peerId);
      if (this.again.delete(peerId)) this.nudge(peerId);
    });
    this.running.set(peerId, p);
  }

  private async pullOnce(peerId: string): Promise<void> {
    try {
      const r = await this.fed.sync.pull(peerId, { signal: this.abort.signal });
      const counts = { peer: peerId, pages: r.pages, objects: r.objects, accepted: r.accepted, quarantined: r.quarantined };
      if (r.ok) {
        this.failures.delete(peerId);
        if (r.objects > 0) this.log.info(counts, `peer ${peerId} pulled`);
      } else {
        this.failures.set(peerId, (this.failures.get(peerId) ?? 0) + 1);
        if (!this.abort.signal.aborted) this.log.warn({ ...counts, error: r.error }, `peer ${peerId} pull failed`);
      }
    } catch (e) {
      if (e instanceof ConflictError) this.log.info({ peer: peerId }, `peer ${peerId} is being pulled by another process`);
      else this.log.error({ err: e, peer: peerId }, `peer ${peerId} pull failed`);
    }
  }

  private localChange(): void {
    if (this.notifyTimer !== undefined || this.abort.signal.aborted) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      // One notification step at a time: two presigns from one position would sign twice.
      this.notifying = this.notifying.then(() => this.notifyPeers());
    }, this.o.notifyDelayMs);
  }

  private async notifyPeers(): Promise<void> {
    try {
      if (this.signedTo === undefined) this.signedTo = await this.fed.head();
      else this.signedTo = (await this.fed.egress.presign(this.signedTo)).next;
    } catch (e) {
      this.log.warn({ err: e }, 'signing committed objects for peers failed (they are signed when served)');
    }
    try {
      const head = await this.fed.head();
      this.announced = Math.max(this.announced ?? 0, head);
      const results = await this.fed.sync.notifyAll(head);
      for (const r of results) if (r.error) this.log.info({ peer: r.peer, error: r.error }, `peer ${r.peer} was not notified`);
    } catch (e) {
      this.log.warn({ err: e }, 'notifying peers failed');
    }
  }
}
