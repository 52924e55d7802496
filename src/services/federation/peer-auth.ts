// Authentication of requests from peer nodes (issue 5, item 5): no shared secret, a signature
// by the sender's node key over the request (domain/federation/request-signature.ts), checked
// against the key pinned for that peer, each request once. Disabled and pinned-only peers are
// refused.
import { publicKeyBytes } from '../../domain/federation/keys.ts';
import {
  checkRequestSignature,
  DATE_HEADER,
  KEY_ID_HEADER,
  NONCE_HEADER,
  SIGNATURE_HEADER,
} from '../../domain/federation/request-signature.ts';
import { PeerAuthError } from '../../errors.ts';
import type { NonceRepo, PeerRepo } from '../../store/repositories.ts';
import type { PeerRecord } from '../../domain/federation/types.ts';
import { ReplayGuard } from './replay-guard.ts';

type Headers = Record<string, string | string[] | undefined>;

function one(h: Headers, name: string): string {
  const v = h[name];
  return typeof v === 'string' ? v : '';
}

/** Checks signed requests against pinned keys. */
export class PeerAuthenticator {
  private readonly peers: PeerRepo;
  private readonly replays: ReplayGuard;

  constructor(peers: PeerRepo, nonces: NonceRepo) {
    this.peers = peers;
    this.replays = new ReplayGuard(nonces);
  }

  /** Whether the request claims to come from a peer (carries a node signature). */
  static signed(headers: Headers): boolean {
    return one(headers, SIGNATURE_HEADER) !== '';
  }

  /** The peer that signed the request; throws PeerAuthError. */
  async authenticate(headers: Headers, method: string, pathAndQuery: string, body: string): Promise<PeerRecord> {
    const keyId = one(headers, KEY_ID_HEADER);
    const signature = one(headers, SIGNATURE_HEADER);
    const date = one(headers, DATE_HEADER);
    const nonce = one(headers, NONCE_HEADER);
    if (keyId === '' || signature === '' || date === '' || nonce === '') {
      throw new PeerAuthError(`a peer request carries ${KEY_ID_HEADER}, ${DATE_HEADER}, ${NONCE_HEADER} and ${SIGNATURE_HEADER}`);
    }
    const peer = await this.peers.byKeyId(keyId);
    // One answer for an unknown, disabled or pinned-only key: nothing tells which keys are pinned.
    if (!peer || peer.disabled || !peer.sync) throw new PeerAuthError('the request is not signed by a peer of this node');
    const why = checkRequestSignature({ keyId, date, nonce, signature }, publicKeyBytes(peer.publicKey), method, pathAndQuery, body);
    if (why !== undefined) throw new PeerAuthError(why);
    // Only a request whose signature holds is remembered: others cannot fill the memory.
    if (!(await this.replays.admit(keyId, nonce, Date.parse(date))))
      throw new PeerAuthError('this signed request has been received before (a replay)');
    return peer;
  }
}
