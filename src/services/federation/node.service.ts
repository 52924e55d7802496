// The node's own identity (issue 5, item 1): an Ed25519 key pair created on first need and kept
// in the database (so that several processes on one PostgreSQL sign alike), and the node's STIX
// identity, derived from the key and published to the federation.
import { CONCORD_CREATED } from '../../domain/markings/concord-markings.ts';
import { generateNodeKey, nodeIdentityId, privateKeyObject, publicKeyBytes, publicKeyPem } from '../../domain/federation/keys.ts';
import type { Signer } from '../../domain/federation/provenance.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import type { NodeKeyRepo } from '../../store/repositories.ts';
import type { PublicKeyBytes } from '../../domain/federation/ed25519.ts';

/** What `concord node info` prints, and what signs. */
export interface NodeIdentity {
  keyId: string;
  /** Base64 of the 32 raw bytes: the form `concord peer add --key` reads. */
  publicKey: string;
  publicKeyPem: string;
  nodeId: string;
  signer: Signer;
  verifier: PublicKeyBytes;
}

/** The node's STIX identity: deterministic, so that it never needs a new version. */
export function nodeIdentityObject(n: Pick<NodeIdentity, 'nodeId' | 'keyId' | 'publicKey'>): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: n.nodeId,
    created: CONCORD_CREATED,
    modified: CONCORD_CREATED,
    name: `Concord node ${n.keyId}`,
    description: `A Concord node. Ed25519 public key (base64 of the raw 32 bytes): ${n.publicKey}`,
    identity_class: 'system',
  };
}

/** The node key, created once and cached. */
export class NodeService {
  private readonly keys: NodeKeyRepo;
  private cached: Promise<NodeIdentity> | undefined;

  constructor(deps: { keys: NodeKeyRepo }) {
    this.keys = deps.keys;
  }

  /** The node identity, creating the key pair on first use. */
  identity(): Promise<NodeIdentity> {
    this.cached ??= this.load().catch((e: unknown) => {
      this.cached = undefined;
      throw e;
    });
    return this.cached;
  }

  private async load(): Promise<NodeIdentity> {
    const held = (await this.keys.get()) ?? (await this.keys.createIfAbsent(generateNodeKey(), new Date().toISOString()));
    const nodeId = nodeIdentityId(held.keyId);
    return {
      keyId: held.keyId,
      publicKey: held.publicKey,
      publicKeyPem: publicKeyPem(held.publicKey),
      nodeId,
      signer: { keyId: held.keyId, nodeId, key: privateKeyObject(held.privateKey) },
      verifier: publicKeyBytes(held.publicKey),
    };
  }
}
