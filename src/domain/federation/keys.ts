// Node keys (issue 5, item 1): Ed25519 (RFC 8032) pairs, written as base64 of the 32 raw public
// key bytes, the form `concord node info` prints and `concord peer add --key` reads. The key id
// is a fingerprint: the first 16 bytes of SHA-256 over the raw key, in hex. The node's STIX
// identity id is derived from the key id (UUIDv5), so every node names a peer the same way.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { InvalidInputError } from '../../errors.ts';
import type { PublicKeyBytes } from './ed25519.ts';
import { concordUuid } from '../markings/concord-markings.ts';

/** A node's key pair as stored: base64 raw public key, base64 PKCS#8 DER private key. */
export interface NodeKeyMaterial {
  keyId: string;
  publicKey: string;
  privateKey: string;
}

/** A fresh Ed25519 key pair. */
export function generateNodeKey(): NodeKeyMaterial {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return {
    keyId: fingerprint(raw),
    publicKey: raw.toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

/** The 32 raw bytes of an Ed25519 public key (the JWK `x`, RFC 8037 §2). */
function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(String(jwk.x), 'base64url');
}

/** The key id: hex of the first 16 bytes of SHA-256 over the raw public key. */
export function fingerprint(raw: Buffer): string {
  return createHash('sha256').update(raw).digest().subarray(0, 16).toString('hex');
}

/**
 * Reads a public key given as base64 or base64url of the 32 raw bytes, or as a PEM SPKI block;
 * returns the canonical base64 text. Throws InvalidInputError otherwise.
 */
export function parsePublicKey(text: string): string {
  const t = text.trim();
  if (t.startsWith('-----BEGIN')) {
    try {
      const key = createPublicKey(t);
      if (key.asymmetricKeyType !== 'ed25519') {
        throw new InvalidInputError(`the key is not an Ed25519 public key: a ${key.asymmetricKeyType ?? 'unknown'} key`, { field: 'key' });
      }
      return rawPublicKey(key).toString('base64');
    } catch (e) {
      if (e instanceof InvalidInputError) throw e;
      throw new InvalidInputError(`the key is not an Ed25519 public key: ${(e as Error).message}`, { field: 'key' });
    }
  }
  const raw = Buffer.from(t.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  if (raw.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) {
    throw new InvalidInputError('the key must be an Ed25519 public key: base64 of its 32 bytes (as `concord node info` prints it) or PEM', {
      field: 'key',
    });
  }
  return raw.toString('base64');
}

/** The key id of a public key in its base64 form. */
export function keyIdOf(publicKey: string): string {
  return fingerprint(Buffer.from(publicKey, 'base64'));
}

/** Node identity ids by key id: every received object's origin is checked against one, and a
 *  node pins few keys. */
const identityIds = new Map<string, string>();

/** The STIX identity id of the node holding the key `keyId`. */
export function nodeIdentityId(keyId: string): string {
  let id = identityIds.get(keyId);
  if (id === undefined) {
    id = `identity--${concordUuid(`node:${keyId}`)}`;
    if (identityIds.size >= 1000) identityIds.clear();
    identityIds.set(keyId, id);
  }
  return id;
}

/** The raw bytes of a public key in its base64 form, as verification takes them (ed25519.ts). */
export function publicKeyBytes(publicKey: string): PublicKeyBytes {
  return Buffer.from(publicKey, 'base64');
}

/** A node:crypto key object of a public key in its base64 form (for its PEM form). */
export function publicKeyObject(publicKey: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey, 'base64').toString('base64url') }, format: 'jwk' });
}

/** A signing key from its stored base64 PKCS#8 form. */
export function privateKeyObject(privateKey: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
}

/** The PEM (SPKI) form of a public key, for tools that want one. */
export function publicKeyPem(publicKey: string): string {
  return publicKeyObject(publicKey).export({ format: 'pem', type: 'spki' }).toString();
}
