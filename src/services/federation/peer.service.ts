// Peers as node administrators pin them (issue 5, item 2): add, list, show, update, remove and
// status. Every change is audited; nothing here is visible to anyone but node administrators.
import { randomBytes } from 'node:crypto';
import { applyPeerInput, blankPeer, type PeerInput } from '../../domain/federation/peer-input.ts';
import { lagOf, type PeerLag } from '../../domain/federation/types.ts';
import { actorName, type Principal } from '../../domain/identity/principal.ts';
import { authorize } from '../../domain/access/permissions.ts';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import type { PeerRecord } from '../../domain/federation/types.ts';
import type { PeerRepo } from '../../store/repositories.ts';
import type { AuditSink } from '../audit.service.ts';

export type { PeerInput } from '../../domain/federation/peer-input.ts';

/** A peer as shown: its record and its lag now. */
export type PeerView = PeerRecord & { lag: PeerLag };

export interface PeerServiceDeps {
  peers: PeerRepo;
  schemes: SchemeRegistry;
  audit: AuditSink;
  /** This node's key id: a node cannot peer with itself. */
  ownKeyId: () => Promise<string>;
}

/** The view of a record at `now`. */
export function peerView(p: PeerRecord, now: number = Date.now()): PeerView {
  return { ...p, lag: lagOf(p.state, now) };
}

/** Administration of peers. */
export class PeerService {
  private readonly deps: PeerServiceDeps;

  constructor(deps: PeerServiceDeps) {
    this.deps = deps;
  }

  async add(principal: Principal, input: PeerInput): Promise<PeerRecord> {
    authorize(principal, 'peer.manage');
    const now = new Date().toISOString();
    const peer = applyPeerInput(blankPeer(randomBytes(4).toString('hex'), now), input, this.deps.schemes, now);
    await this.unique(peer.id, peer.name, peer.keyId);
    await this.deps.peers.create(peer);
    await this.deps.audit.record({
      action: 'peer.add',
      actor: actorName(principal),
      target: peer.id,
      details: { name: peer.name, url: peer.url, keyId: peer.keyId },
    });
    return this.get(principal, peer.id);
  }

  async list(principal: Principal): Promise<PeerView[]> {
    authorize(principal, 'peer.read');
    const now = Date.now();
    return (await this.deps.peers.list()).map((p) => peerView(p, now));
  }

  /** By id, name or key id. */
  async get(principal: Principal, ref: string): Promise<PeerView> {
    authorize(principal, 'peer.read');
    const p = (await this.deps.peers.get(ref)) ?? (await this.deps.peers.byName(ref)) ?? (await this.deps.peers.byKeyId(ref));
    if (!p) throw new NotFoundError(`peer ${ref}`);
    return peerView(p);
  }

  async update(principal: Principal, ref: string, input: PeerInput): Promise<PeerView> {
    authorize(principal, 'peer.manage');
    const current = await this.get(principal, ref);
    const next = applyPeerInput(current, input, this.deps.schemes, new Date().toISOString());
    await this.unique(next.id, next.name, next.keyId);
    await this.deps.peers.update(next);
    await this.deps.audit.record({
      action: 'peer.update',
      actor: actorName(principal),
      target: next.id,
      details: { changed: Object.keys(input), keyId: next.keyId },
    });
    return this.get(principal, next.id);
  }

  async remove(principal: Principal, ref: string): Promise<void> {
    authorize(principal, 'peer.manage');
    const p = await this.get(principal, ref);
    await this.deps.peers.remove(p.id);
    await this.deps.audit.record({
      action: 'peer.remove',
      actor: actorName(principal),
      target: p.id,
      details: { name: p.name, keyId: p.keyId },
    });
  }

  private async unique(id: string, name: string, keyId: string): Promise<void> {
    if (keyId === (await this.deps.ownKeyId()))
      throw new ConflictError("that is this node's own key: a node does not peer with itself", { field: 'key' });
    const byName = await this.deps.peers.byName(name);
    if (byName && byName.id !== id) throw new ConflictError(`peer name "${name}" is taken by peer ${byName.id}`, { field: 'name' });
    const byKey = await this.deps.peers.byKeyId(keyId);
    if (byKey && byKey.id !== id)
      throw new ConflictError(`that key is pinned already, for peer ${byKey.name} (${byKey.id})`, { field: 'key' });
  }
}
