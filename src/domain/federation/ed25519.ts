// Ed25519 signature verification (RFC 8032) through libsodium (sodium-native). Verifying every
// received object's signature is what bounds how fast a node takes in a peer's objects: on the
// benchmark VM libsodium verifies in ~65 µs where OpenSSL through node:crypto takes ~150 µs
// (bench/RESULTS.md, "federation with libsodium"). Signing stays with node:crypto: it happens
// once per version at commit, off the receiving path.
import sodium from 'sodium-native';

/** The 32 raw bytes of an Ed25519 public key. */
export type PublicKeyBytes = Buffer;

/** Whether `signature` (64 raw bytes) is `publicKey`'s Ed25519 signature of `message`. */
export function verifyEd25519(publicKey: PublicKeyBytes, message: string | Buffer, signature: Buffer): boolean {
  if (publicKey.length !== sodium.crypto_sign_PUBLICKEYBYTES || signature.length !== sodium.crypto_sign_BYTES) return false;
  return sodium.crypto_sign_verify_detached(signature, typeof message === 'string' ? Buffer.from(message) : message, publicKey);
}
