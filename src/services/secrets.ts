// Secrets: password hashing with a memory-hard function, and the random secrets of API tokens
// and sessions, of which only a hash is stored (issue 3, item 1).
import { argon2, hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const argon2Async = promisify(argon2);

// Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane; OWASP Password Storage
// Cheat Sheet): memory-hard, so guessing on GPUs costs memory as well as time.
const PARAMS = { memory: 19456, passes: 2, parallelism: 1, tagLength: 32 } as const;

/** Hashes a password to a PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). */
export async function hashPassword(password: string): Promise<string> {
  const nonce = randomBytes(16);
  const tag = await argon2Async('argon2id', { message: password, nonce, ...PARAMS });
  return `$argon2id$v=19$m=${PARAMS.memory},t=${PARAMS.passes},p=${PARAMS.parallelism}$${nonce.toString('base64url')}$${tag.toString('base64url')}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Checks a password against a PHC string made by hashPassword, in constant time. */
export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const m = PHC.exec(phc);
  if (!m) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64url');
  const tag = await argon2Async('argon2id', {
    message: password,
    nonce: Buffer.from(m[4] ?? '', 'base64url'),
    memory: Number(m[1]),
    passes: Number(m[2]),
    parallelism: Number(m[3]),
    tagLength: expected.length,
  });
  return tag.length === expected.length && timingSafeEqual(tag, expected);
}

/** A password nobody can match, checked when a user name is unknown so that timing does not
 *  tell which user names exist. */
export const DUMMY_HASH = `$argon2id$v=19$m=${PARAMS.memory},t=${PARAMS.passes},p=1$${'A'.repeat(22)}$${'A'.repeat(43)}`;

/** A random secret of 32 bytes with a recognisable prefix (`ccd_` for tokens). */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a token or session secret. SHA-256 suffices: the secret has 256 random
 *  bits, so, unlike a password, it cannot be guessed from its hash. */
export function secretHash(secret: string): string {
  // One-shot hash(): every authenticated request hashes its token; a Hash object costs 2–3× more.
  return hash('sha256', secret, 'hex');
}

/** A one-time password for the first administrator: 20 characters from an unambiguous alphabet. */
export function newPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 20; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
