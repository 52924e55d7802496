// Requests between nodes are signed with the sender's node key, without shared secrets (issue 5,
// item 5; after the idea of RFC 9421 HTTP Message Signatures, reduced to what Concord needs):
// the signature covers the method, the path with its query, the date, a nonce and the SHA-256
// digest of the body, and is checked against the key pinned for the sender. A date more than
// five minutes away from the receiver's clock is refused, and within that window the receiver
// admits each nonce once (services/federation/replay-guard.ts): a captured request cannot be
// sent again.
//
// A peer answers a page request with a signature of its own over the request's nonce and the
// SHA-256 digest of the response body: the page is then attested by the key the receiver pinned
// for that peer, once for all its objects. For the objects that peer itself originated (signed
// with the same key), that attestation proves what their own signatures prove (the pinned key
// vouched for exactly these bytes), so the receiver need not verify each of them: one Ed25519
// verification per page instead of one per object (services/federation/verifier.ts). Objects the peer relays
// from other origins are verified one by one as before.
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { verifyEd25519, type PublicKeyBytes } from './ed25519.ts';

export const KEY_ID_HEADER = 'concord-key-id';
export const DATE_HEADER = 'concord-date';
export const SIGNATURE_HEADER = 'concord-signature';
export const NONCE_HEADER = 'concord-nonce';
/** The response header attesting a page (signResponse). */
export const RESPONSE_SIGNATURE_HEADER = 'concord-response-signature';

const NONCE_RE = /^[A-Za-z0-9_-]{16,64}$/;

/** The largest accepted clock difference. */
export const MAX_SKEW_MS = 5 * 60_000;

/** The body's line of a signing text. */
function bodyDigest(body: string | Buffer): string {
  return `sha-256=${createHash('sha256').update(body).digest('base64')}`;
}

/** What is signed, one field per line. */
export function requestSigningText(method: string, pathAndQuery: string, date: string, nonce: string, body: string | Buffer): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${date}\n${nonce}\n${bodyDigest(body)}`;
}

/** The headers that sign a request. */
export function signRequest(
  keyId: string,
  key: KeyObject,
  method: string,
  pathAndQuery: string,
  body: string | Buffer,
  now: Date = new Date(),
): Record<string, string> {
  const date = now.toISOString();
  const nonce = randomBytes(16).toString('base64url');
  const signature = sign(null, Buffer.from(requestSigningText(method, pathAndQuery, date, nonce, body)), key).toString('base64url');
  return { [KEY_ID_HEADER]: keyId, [DATE_HEADER]: date, [NONCE_HEADER]: nonce, [SIGNATURE_HEADER]: signature };
}

/** Why a signed request is refused; undefined when it is good. */
export function checkRequestSignature(
  headers: { keyId: string; date: string; nonce: string; signature: string },
  key: PublicKeyBytes,
  method: string,
  pathAndQuery: string,
  body: string | Buffer,
  now: number = Date.now(),
): string | undefined {
  const at = Date.parse(headers.date);
  if (Number.isNaN(at)) return `${DATE_HEADER} is not a timestamp`;
  if (Math.abs(now - at) > MAX_SKEW_MS) return `${DATE_HEADER} is more than ${MAX_SKEW_MS / 60_000} minutes away from this node's clock`;
  if (!NONCE_RE.test(headers.nonce)) return `${NONCE_HEADER} must be 16 to 64 base64url characters`;
  if (
    verifyEd25519(
      key,
      requestSigningText(method, pathAndQuery, headers.date, headers.nonce, body),
      Buffer.from(headers.signature, 'base64url'),
    )
  )
    return undefined;
  return 'the request signature does not match the pinned key of its sender';
}

/** What a response signature covers: the nonce of the request it answers and the body's digest. */
export function responseSigningText(requestNonce: string, body: string | Buffer): string {
  return `RESPONSE\n${requestNonce}\n${bodyDigest(body)}`;
}

/** The value of RESPONSE_SIGNATURE_HEADER for a response to the request that carried `requestNonce`. */
export function signResponse(key: KeyObject, requestNonce: string, body: string | Buffer): string {
  return sign(null, Buffer.from(responseSigningText(requestNonce, body)), key).toString('base64url');
}

/** Whether `signature` is the pinned `key`'s signature of `body` as the answer to the request that carried `requestNonce`. */
export function checkResponseSignature(key: PublicKeyBytes, requestNonce: string, body: string | Buffer, signature: string): boolean {
  return requestNonce !== '' && verifyEd25519(key, responseSigningText(requestNonce, body), Buffer.from(signature, 'base64url'));
}
