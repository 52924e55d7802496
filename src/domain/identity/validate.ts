// Checks of administrative input. Each failure names the field at fault (brief: bad input gets
// a clear error that names what is wrong and where).
import { InvalidInputError } from '../../errors.ts';
import { ROLES, type Role } from './types.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
const COUNTRY = /^[A-Z]{2}$/;

/** Passwords shorter than this are refused (NIST SP 800-63B §5.1.1.2 asks for at least 8; 12 for administrators of shared intelligence). */
export const MIN_PASSWORD_LENGTH = 12;

/** A display name: trimmed, 1–200 characters. */
export function checkName(field: string, value: string): string {
  const v = value.trim();
  if (v.length === 0 || v.length > 200) throw new InvalidInputError(`${field} must be 1 to 200 characters`, { field });
  return v;
}

/** A community or sharing-group id: lower-case letters, digits and dashes. */
export function checkSlug(field: string, value: string): string {
  if (!SLUG.test(value)) {
    throw new InvalidInputError(`${field} "${value}" must be lower-case letters, digits and dashes, at most 63 characters`, { field });
  }
  return value;
}

/** A user name, compared case-insensitively, so it is kept in lower case. */
export function checkUsername(value: string): string {
  const v = value.trim().toLowerCase();
  if (!USERNAME.test(v)) {
    throw new InvalidInputError(`username "${value}" must be 1 to 64 letters, digits or . _ @ -`, { field: 'username' });
  }
  return v;
}

/** An ISO 3166-1 alpha-2 country code, returned in upper case. */
export function checkCountry(value: string): string {
  const v = value.trim().toUpperCase();
  if (!COUNTRY.test(v))
    throw new InvalidInputError(`country "${value}" must be an ISO 3166-1 alpha-2 code such as BE`, { field: 'country' });
  return v;
}

/** A non-empty set of known roles, without repeats. */
export function checkRoles(values: readonly string[]): Role[] {
  if (values.length === 0) throw new InvalidInputError('a user needs at least one role', { field: 'roles' });
  const out: Role[] = [];
  for (const v of values) {
    const role = ROLES.find((r) => r === v);
    if (!role) throw new InvalidInputError(`unknown role "${v}"; roles are ${ROLES.join(', ')}`, { field: 'roles' });
    if (!out.includes(role)) out.push(role);
  }
  return out;
}

/** A password long enough to resist guessing. */
export function checkPassword(value: string): string {
  if (value.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(`password must be at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
  }
  if (value.length > 1024) throw new InvalidInputError('password must be at most 1024 characters', { field: 'password' });
  return value;
}
