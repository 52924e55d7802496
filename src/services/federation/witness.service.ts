// Peers as witnesses of this node's audit log (domain/federation/audit-witness.ts): this node
// states its audit head to a peer that asks (after its pulls, at most once a minute), shows a
// peer what it kept of that peer's statements (SyncService keeps them), and checks its own chain
// against what its peers kept of its statements.
import {
  checkHeadStatement,
  judgeWitness,
  stateHead,
  type HeadStatement,
  type WitnessReport,
} from '../../domain/federation/audit-witness.ts';
import { publicKeyBytes } from '../../domain/federation/keys.ts';
import type { Peer, PeerRecord } from '../../domain/federation/types.ts';
import type { WitnessRepo, AuditRepo } from '../../store/repositories.ts';
import type { NodeIdentity } from './node.service.ts';
import type { SyncService } from './sync.service.ts';
import { AuditBrokenError } from '../../errors.ts';

export interface WitnessDeps {
  audit: AuditRepo;
  witnesses: WitnessRepo;
  sync: Pick<SyncService, 'syncingPeers' | 'witnessOf'>;
  node: () => Promise<NodeIdentity>;
}

/** States, keeps and checks audit heads. */
export class WitnessService {
  private readonly deps: WitnessDeps;

  constructor(deps: WitnessDeps) {
    this.deps = deps;
  }

  /** This node's audit head, signed, for a peer that asks. */
  async statement(): Promise<HeadStatement> {
    const head = await this.deps.audit.head();
    // Only tampering removes the head row; stating nothing then is what `audit verify` reports.
    if (head === null) throw new AuditBrokenError('the audit log has no head: run `concord audit verify`');
    return stateHead((await this.deps.node()).signer, head, new Date().toISOString());
  }

  /** What this node keeps of `peer`'s statements (null: none yet). */
  async heldFor(peer: Peer): Promise<HeadStatement | null> {
    return (await this.deps.witnesses.get(peer.keyId)) ?? null;
  }

  /** Asks every syncing peer for what it kept of this node's statements and judges each
   *  against the chain. An unreachable peer is reported, not counted against the chain. */
  async check(): Promise<WitnessReport[]> {
    const node = await this.deps.node();
    const head = await this.deps.audit.head();
    const ask = async (peer: PeerRecord): Promise<WitnessReport> => {
      try {
        const s = await this.deps.sync.witnessOf(peer);
        if (s === null) return { peer: peer.name, message: 'holds no statement of this node yet' };
        // Only a statement this node signed counts: a witness cannot make one up.
        if (s.keyId !== node.keyId || !checkHeadStatement(publicKeyBytes(node.publicKey), s)) {
          return { peer: peer.name, message: 'returned a statement this node did not sign; ignored' };
        }
        const entry = (await this.deps.audit.list({ after: s.seq + 1, limit: 1 })).items[0];
        const v = judgeWitness(s, entry, head ?? { seq: 0, hash: '' });
        return { peer: peer.name, seq: s.seq, statedAt: s.statedAt, ok: v.ok, ...(v.ok ? {} : { message: v.message }) };
      } catch (e) {
        return { peer: peer.name, message: `not reached: ${e instanceof Error ? e.message : String(e)}` };
      }
    };
    return Promise.all((await this.deps.sync.syncingPeers()).map(ask));
  }
}
