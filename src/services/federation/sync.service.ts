// Sync (issue 5, item 5): pulling each peer's egress collection with a persistent cursor, and
// nudging peers with a signed notification right after this node commits something. The cursor
// moves only after a page's objects were committed, so a pull that dies resumes from the last
// committed page, and what it fetches again is counted unchanged, never stored twice.
import { checkHeadStatement, headStatementOf, type HeadStatement } from '../../domain/federation/audit-witness.ts';
import { publicKeyBytes } from '../../domain/federation/keys.ts';
import { groupStatementOf, type GroupStatement } from '../../domain/federation/provenance.ts';
import { checkResponseSignature, NONCE_HEADER, RESPONSE_SIGNATURE_HEADER, signRequest } from '../../domain/federation/request-signature.ts';
import { emptyPeerPull, type Peer, type PeerPullResult } from '../../domain/federation/types.ts';
import type { BackoffPolicy } from '../../domain/feeds/backoff.ts';
import { InvalidInputError, NotFoundError, PeerAnswerError } from '../../errors.ts';
import { TaxiiClient } from '../taxii-client.ts';
import type { PeerRecord } from '../../domain/federation/types.ts';
import type { PeerRepo, WitnessRepo } from '../../store/repositories.ts';
import type { IngressService } from './ingress.service.ts';
import type { VerifiedPage } from './verifier.ts';
import type { NodeIdentity } from './node.service.ts';
import type { Emitter } from '../emitter.ts';
import type { AuditSink } from '../audit.service.ts';
import { pullOutcome } from '../import-audit.ts';
import { rowLease, runPull, type PullSource } from '../pull-engine.ts';
import { RunSource } from '../ingest.service.ts';

/** Response header carrying the sender's store head (for the receiver's lag). */
export const HEAD_HEADER = 'x-concord-head';
/** Response headers repeating the page's `more` and `next` (TAXII 2.1 §3.5), so that the next
 *  page is requested as soon as one arrives, before its body is parsed on a verifying thread. */
export const MORE_HEADER = 'x-concord-more';
export const NEXT_HEADER = 'x-concord-next';
/** Pages requested ahead of the one being ingested. */
const PREFETCH = 2;

/** A page as it arrives: `more` and `next` from its headers when the peer sends them
 *  (undefined: known only once the body is parsed), its objects once verified. */
interface Fetched {
  after: string | null;
  more: boolean | undefined;
  next: string | null | undefined;
  verified: Promise<VerifiedPage>;
  /** Whether the request of the page after it was made when it arrived. */
  chained: boolean;
}

/** Requests pages ahead, each as soon as the one before it arrives, at most PREFETCH ahead. */
class PagePipeline {
  private readonly pages: Promise<Fetched>[] = [];
  private readonly fetchPage: (after: string | null) => Promise<Fetched>;
  /** A page that arrived with more to come while PREFETCH pages were waiting already. */
  private stalled: Fetched | undefined;

  constructor(fetchPage: (after: string | null) => Promise<Fetched>, first: string | null) {
    this.fetchPage = fetchPage;
    this.start(first);
  }

  /** The next page in order, with its objects verified. */
  async take(): Promise<VerifiedPage> {
    const first = this.pages.shift();
    if (first === undefined) throw new Error('no page was requested');
    const f = await first;
    const stalled = this.stalled;
    this.stalled = undefined;
    if (stalled !== undefined) {
      stalled.chained = true;
      this.start(stalled.next ?? null);
    }
    const page = await f.verified;
    // A peer that does not send the paging headers: the next page is known only now.
    if (!f.chained && page.more && page.next !== null && page.next !== f.after) this.start(page.next);
    return page;
  }

  private start(after: string | null): void {
    const p = this.fetchPage(after);
    this.pages.push(p);
    p.then(
      (f) => {
        if (f.more !== true || typeof f.next !== 'string' || f.next === after) return;
        if (this.pages.length >= PREFETCH) this.stalled = f;
        else {
          f.chained = true;
          this.start(f.next);
        }
      },
      // A page abandoned by a failure elsewhere must not go unhandled; take() sees the failure.
      () => undefined,
    );
  }
}

export interface PullOptions {
  signal?: AbortSignal;
  /** Take the lease whoever holds it (`concord peer pull --force`). */
  force?: boolean;
  /** After each committed page: the pull so far, the cursor and the peer's head (its store
   *  positions: how far there is to go), for a progress display. */
  onPage?: (r: PeerPullResult, at: { cursor: number; head: number | null }) => void;
  /** Who the audit log says pulled (`user:…`, `system:cli`); the scheduler by default. */
  actor?: string;
}

export interface SyncDeps {
  peers: PeerRepo;
  /** Where the peers' audit heads are kept (audit-witness.ts). */
  witnesses: WitnessRepo;
  ingress: IngressService;
  /** Each pull is one entry (issue 15, must 9). */
  audit: AuditSink;
  node: () => Promise<NodeIdentity>;
  /** Where a peer's nudge is announced (`serve` pulls that peer at once). */
  emitter: Pick<Emitter, 'emit'>;
  /** Tests: another fetch, a shorter backoff. */
  fetch?: typeof fetch;
  policy?: BackoffPolicy;
  pageLimit?: number;
}

/** Objects asked for per page (the peer may send fewer; routes.ts caps it). */
const PAGE_LIMIT = 1000;
/** How long a pull's lease lasts without a committed page. */
const LEASE_MS = 60_000;
const NOTIFY_TIMEOUT_MS = 3000;
/** A peer's audit head is asked for after a pull at most this often. */
const WITNESS_EVERY_MS = 60_000;

/** The path of a peer's egress collection for this node (http/federation/routes.ts). */
export function egressPath(ownKeyId: string): string {
  return `/taxii2/federation/collections/${ownKeyId}/objects/`;
}

/** Pulls from peers and notifies them. */
export class SyncService {
  private readonly deps: SyncDeps;
  /** The nonce each response answered (by its headers): a page's attestation covers it. */
  private readonly nonces = new WeakMap<Headers, string>();
  /** When each peer's audit head was last asked for (peer id → ms). */
  private readonly witnessedAt = new Map<string, number>();

  constructor(deps: SyncDeps) {
    this.deps = deps;
  }

  /** A fetch that signs each request with the node key (request-signature.ts). */
  signingFetch(node: NodeIdentity, onHead?: (head: string) => void): typeof fetch {
    const base = this.deps.fetch ?? fetch;
    return async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? init.body : '';
      const signed = signRequest(node.keyId, node.signer.key, method, url.pathname + url.search, body);
      const headers = { ...(init?.headers as Record<string, string> | undefined), ...signed };
      const res = await base(input, { ...init, headers });
      this.nonces.set(res.headers, signed[NONCE_HEADER] ?? '');
      const head = res.headers.get(HEAD_HEADER);
      if (head !== null && onHead) onHead(head);
      return res;
    };
  }

  /** Pulls everything `peer` has for this node after the committed cursor. Never throws for
   *  the peer's or the network's failures (the result says); ConflictError when another pull of
   *  it runs in a live process (`force` takes its lease whoever holds it: pull-engine.ts). */
  async pull(peerId: string, options: PullOptions = {}): Promise<PeerPullResult> {
    const peer = await this.deps.peers.get(peerId);
    if (!peer) throw new NotFoundError(`peer ${peerId}`);
    if (!peer.sync || peer.disabled)
      throw new InvalidInputError(`peer ${peer.name} is ${peer.disabled ? 'disabled' : 'pinned only (no sync)'}`);
    const result = emptyPeerPull(new Date().toISOString());
    const seen: { head: string | null } = { head: null };
    const outcome = await runPull(this.pages(peer, result, seen, options.signal), {
      signal: options.signal,
      force: options.force,
      onPage: (cursor) => options.onPage?.(result, { cursor: Number(cursor), head: seen.head === null ? null : Number(seen.head) }),
    });
    if (outcome.error !== undefined) {
      result.ok = false;
      result.error = outcome.error;
    }
    result.finishedAt = new Date().toISOString();
    const after = await this.deps.peers.get(peer.id);
    const caughtUp = after !== undefined && Number(after.state.cursor ?? 0) >= Number(after.state.peerHead ?? 0);
    await this.deps.peers.saveState(peer.id, {
      lastPullAt: result.finishedAt,
      lastResult: result,
      ...(result.ok && caughtUp ? { behindSince: null } : {}),
    });
    await this.deps.audit.record({
      action: 'peer.pull',
      actor: options.actor ?? 'system:peer-sync',
      target: peer.id,
      details: { peer: peer.name, ...pullOutcome(result), dropped: result.dropped },
    });
    return result;
  }

  /** `peer`'s egress collection for this node as a source of the pull engine; `seen` keeps the
   *  peer's head as its responses state it. */
  private pages(
    peer: PeerRecord,
    result: PeerPullResult,
    seen: { head: string | null },
    signal: AbortSignal | undefined,
  ): PullSource<string | null, { after: string | null; page: VerifiedPage }> {
    let pipeline: PagePipeline | undefined;
    // One source for the whole pull, however many pages it commits (issue 15, must 3).
    const run = new RunSource({ kind: 'peer', label: peer.name });
    return {
      what: `peer ${peer.name}`,
      lease: rowLease(this.deps.peers, peer.id),
      leaseMs: LEASE_MS,
      start: async () => {
        pipeline = new PagePipeline(this.fetcher(peer, await this.deps.node(), seen, signal), peer.state.cursor);
        return peer.state.cursor;
      },
      fetch: async (after) => {
        if (pipeline === undefined) throw new Error('the peer pull has not started');
        return { after, page: await pipeline.take() };
      },
      commit: async ({ after, page }) => {
        const next = page.next ?? after;
        if (page.items.length > 0) {
          const s = await this.deps.ingress.receiveItems(peer, page.items, run);
          result.accepted += s.accepted;
          result.unchanged += s.unchanged;
          result.quarantined += s.quarantined;
          result.dropped += s.dropped;
          for (const [r, n] of Object.entries(s.reasons)) result.reasons[r] = (result.reasons[r] ?? 0) + n;
        }
        result.pages++;
        result.objects += page.items.length;
        // Only now, with the page's objects committed, does the cursor move.
        await this.deps.peers.saveState(peer.id, { cursor: next, ...(seen.head !== null ? { peerHead: seen.head } : {}) });
        return { cursor: next, more: page.more && next !== after };
      },
      // Pages are committed one by one (the cursor follows them) and indexed for lookups and
      // search on the index writer's thread meanwhile; the pull is over once that has caught up.
      finish: async (failed) => {
        await this.deps.ingress.settled();
        if (failed) return;
        await this.refreshGroups(peer);
        await this.witnessAuditHead(peer);
        await this.deps.peers.saveState(peer.id, { lastSuccessAt: new Date().toISOString() });
      },
    };
  }

  /** Requests a page of `peer`'s egress collection after a cursor, signed, verified on arrival
   *  (on verifying threads) while the page before it is ingested. */
  private fetcher(
    peer: PeerRecord,
    node: NodeIdentity,
    seen: { head: string | null },
    signal: AbortSignal | undefined,
  ): (after: string | null) => Promise<Fetched> {
    const client = new TaxiiClient({
      auth: { kind: 'none' },
      parse: false,
      fetch: this.signingFetch(node, (h) => (seen.head = h)),
      ...(this.deps.policy ? { policy: this.deps.policy } : {}),
      ...(signal ? { signal } : {}),
    });
    return async (after) => {
      const u = new URL(egressPath(node.keyId), peer.url);
      u.searchParams.set('limit', String(this.deps.pageLimit ?? PAGE_LIMIT));
      if (after !== null) u.searchParams.set('next', after);
      const res = await client.get(u.href);
      const signature = res.headers.get(RESPONSE_SIGNATURE_HEADER);
      const nonce = this.nonces.get(res.headers);
      const attestation = signature !== null && nonce !== undefined ? { keyId: peer.keyId, nonce, signature } : undefined;
      const verified = this.deps.ingress.verifyPage(typeof res.body === 'string' ? res.body : '', attestation);
      verified.catch(() => undefined);
      const more = res.headers.get(MORE_HEADER);
      const next = res.headers.get(NEXT_HEADER);
      return { after, more: more === null ? undefined : more === 'true', next: next === null ? undefined : next, verified, chained: false };
    };
  }

  /** A POST of `body` as JSON to `path` on `peer`, signed with this node's key. */
  private post(node: NodeIdentity, peer: Peer, path: string, body: unknown): Promise<Response> {
    return this.signingFetch(node)(new URL(path, peer.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS),
    });
  }

  /**
   * Sends a signed POST of `body` to `path` on `peer` and returns the answer's text, once its
   * signature by the peer's pinned key holds; undefined when the peer has no such route (a node
   * from before it).
   */
  private async askPeer(peer: PeerRecord, path: string, body: unknown, what: string): Promise<string | undefined> {
    const res = await this.post(await this.deps.node(), peer, path, body);
    const text = await res.text();
    if (res.status === 404) return undefined;
    if (!res.ok) throw new PeerAnswerError(`${what}: the peer answered HTTP ${res.status}`);
    const nonce = this.nonces.get(res.headers) ?? '';
    if (!checkResponseSignature(publicKeyBytes(peer.publicKey), nonce, text, res.headers.get(RESPONSE_SIGNATURE_HEADER) ?? '')) {
      throw new PeerAnswerError(`${what}: the answer is not signed by the peer's pinned key`);
    }
    return text;
  }

  /**
   * Keeps `peer`'s signed statement of its audit head (audit-witness.ts), at most once a minute.
   * Best effort: the pull's outcome does not depend on it, and the next pull asks again.
   */
  private async witnessAuditHead(peer: PeerRecord): Promise<void> {
    const last = this.witnessedAt.get(peer.id);
    if (last !== undefined && Date.now() - last < WITNESS_EVERY_MS) return;
    this.witnessedAt.set(peer.id, Date.now());
    try {
      const text = await this.askPeer(peer, '/api/v1/federation/audit-head', {}, 'audit head');
      const s = text === undefined ? undefined : headStatementOf((JSON.parse(text) as { statement?: unknown }).statement);
      if (s !== undefined && s.keyId === peer.keyId && checkHeadStatement(publicKeyBytes(peer.publicKey), s))
        await this.deps.witnesses.keep(s, new Date().toISOString());
    } catch {
      this.witnessedAt.delete(peer.id);
    }
  }

  /** What `peer` holds of this node's audit head statements (null: none, or a node from before
   *  witnessing); its answer is signed by its key, the statement by this node's. */
  async witnessOf(peer: PeerRecord): Promise<HeadStatement | null> {
    const text = await this.askPeer(peer, '/api/v1/federation/witnessed', {}, 'audit witness');
    if (text === undefined) return null;
    return headStatementOf((JSON.parse(text) as { statement?: unknown }).statement) ?? null;
  }

  /**
   * Asks `peer` what has become of the sharing groups it manages that this node holds, and adopts
   * the answer (signed by the peer's key): a membership change there, a removal above all, takes
   * effect here at the next pull, not only with the next object of the group.
   */
  private async refreshGroups(peer: PeerRecord): Promise<void> {
    const ids = await this.deps.ingress.groupsHeldFrom(peer);
    if (ids.length === 0) return;
    const text = await this.askPeer(peer, '/api/v1/federation/groups', { ids }, 'sharing groups');
    // A node from before this exchange: its groups still arrive with its objects.
    if (text === undefined) return;
    const body = JSON.parse(text) as { groups?: unknown };
    const statements = (Array.isArray(body.groups) ? (body.groups as Parameters<typeof groupStatementOf>[0][]) : [])
      .map(groupStatementOf)
      .filter((g): g is GroupStatement => g !== undefined);
    await this.deps.ingress.receiveGroups(peer, statements);
  }

  /** The peers this node pulls from and notifies. */
  async syncingPeers(): Promise<PeerRecord[]> {
    return (await this.deps.peers.list()).filter((p) => p.sync && !p.disabled);
  }

  /** Tells every syncing peer that this node's head is now `head` (a nudge to pull at once).
   *  Failures are returned, not thrown: the peer's periodic pull still comes. */
  async notifyAll(head: number): Promise<{ peer: string; error?: string }[]> {
    const node = await this.deps.node();
    const peers = await this.syncingPeers();
    return Promise.all(
      peers.map(async (p: Peer) => {
        try {
          const res = await this.post(node, p, '/api/v1/federation/notify', { node: node.nodeId, head });
          await res.arrayBuffer();
          return res.ok ? { peer: p.name } : { peer: p.name, error: `HTTP ${res.status}` };
        } catch (e) {
          return { peer: p.name, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
  }

  /** A peer announced its head: record how far behind this node is. */
  async notified(peer: PeerRecord, head: number): Promise<boolean> {
    const cursor = Number(peer.state.cursor ?? 0);
    const behind = head > cursor;
    await this.deps.peers.saveState(peer.id, {
      peerHead: String(head),
      ...(behind && peer.state.behindSince === null ? { behindSince: new Date().toISOString() } : {}),
    });
    if (behind) this.deps.emitter.emit('peer-nudged', { peerId: peer.id });
    return behind;
  }
}
