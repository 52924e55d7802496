// Federation sync while `concord serve` runs (issue 5, item 5): every syncing peer is pulled at
// start, when it notifies this node, and on an interval that backs off while it fails; and after
// every local commit this node notifies its peers (debounced), so that a new object reaches
// them in about a second. Commits of other processes on the same database (`concord import`
// while the node runs) are seen on the next tick, by the store head moving past what was last
// announced. Before notifying, it signs what was committed (egress.service.ts presign), so that
// the peers' pulls serve stored signed forms. One pull per peer at a time in this process (the
// runner's keys); the store's lease keeps other processes on the same database from pulling it
// beside this one.
import { ConflictError } from '../errors.ts';
import type { Emitter } from '../services/emitter.ts';
import type { FederationServices } from '../services/federation/index.ts';
import type { JobLog, JobRunner, PeriodicJob, Work } from './runner.ts';

export interface PeerSyncOptions {
  /** Pull a quiet peer this often (a missed notification costs at most this). */
  intervalMs?: number;
  tickMs?: number;
  /** Changes within this window are announced once. */
  notifyDelayMs?: number;
}

/** The runner's key for pulls of `peerId`, and for notifying the peers. */
const peerKey = (peerId: string): string => `peer:${peerId}`;
const NOTIFY_KEY = 'peers:notify';

/** Schedules pulls from peers and notifications to them. */
export function peerSyncJob(
  deps: { federation: FederationServices; emitter: Pick<Emitter, 'on' | 'emit'>; log: JobLog } & PeerSyncOptions,
): PeriodicJob {
  const { federation: fed, emitter, log } = deps;
  const o = { intervalMs: deps.intervalMs ?? 30_000, tickMs: deps.tickMs ?? 1000, notifyDelayMs: deps.notifyDelayMs ?? 10 };
  /** Position up to which committed versions were presigned; set to the head on the first
   *  notification (what was stored before is signed when first served). */
  let signedTo: number | undefined;
  /** The store head last announced to peers (undefined until the first announcement). */
  let announced: number | undefined;

  const pull =
    (peerId: string): Work =>
    async (signal) => {
      try {
        const r = await fed.sync.pull(peerId, { signal });
        const counts = { peer: peerId, pages: r.pages, objects: r.objects, accepted: r.accepted, quarantined: r.quarantined };
        if (r.ok) {
          if (r.objects > 0) log.info(counts, `peer ${peerId} pulled`);
          return true;
        }
        if (!signal.aborted) log.warn({ ...counts, error: r.error }, `peer ${peerId} pull failed`);
        // A failed pull backs the peer's interval off (runner.due).
        return false;
      } catch (e) {
        // Neither success nor failure of the peer: its backoff stays as it was.
        if (e instanceof ConflictError) log.info({ peer: peerId }, `peer ${peerId} is being pulled by another process`);
        else log.error({ err: e, peer: peerId }, `peer ${peerId} pull failed`);
      }
    };

  const notifyPeers = async (): Promise<void> => {
    try {
      if (signedTo === undefined) signedTo = await fed.head();
      else signedTo = (await fed.egress.presign(signedTo)).next;
    } catch (e) {
      log.warn({ err: e }, 'signing committed objects for peers failed (they are signed when served)');
    }
    try {
      const head = await fed.head();
      announced = Math.max(announced ?? 0, head);
      const results = await fed.sync.notifyAll(head);
      for (const r of results) if (r.error) log.info({ peer: r.peer, error: r.error }, `peer ${r.peer} was not notified`);
    } catch (e) {
      log.warn({ err: e }, 'notifying peers failed');
    }
  };
  // One notification step at a time (a key of the runner): two presigns from one position would
  // sign twice.
  const localChange = (runner: JobRunner): void => runner.nudge(NOTIFY_KEY, notifyPeers, { delayMs: o.notifyDelayMs });

  return {
    name: 'peers',
    everyMs: o.tickMs,
    attach(runner) {
      const off = [
        emitter.on('peer-nudged', ({ peerId }) => runner.nudge(peerKey(peerId), pull(peerId))),
        emitter.on('objects-committed', () => localChange(runner)),
      ];
      // A node coming back tells its peers where it stands, so they pull what they missed.
      localChange(runner);
      return () => {
        for (const f of off) f();
      };
    },
    async tick(runner) {
      try {
        // Another process committed (this one's commits are announced at once): announce it.
        if (announced !== undefined) {
          const head = await fed.head();
          if (head > announced) emitter.emit('objects-committed', { head });
        }
        for (const p of await fed.sync.syncingPeers()) {
          if (runner.due(peerKey(p.id), o.intervalMs)) runner.run(peerKey(p.id), pull(p.id));
        }
      } catch (e) {
        log.error({ err: e }, 'peer sync: listing peers failed');
      }
    },
  };
}
