// Authentication (issue 3, item 1): password logins into browser sessions, API tokens and HTTP
// Basic (TAXII 2.1 §1.6.9 names Basic among the schemes), each resolved to a Principal with
// the reader the access policy decides for. Failed logins are slowed, then locked, per account
// (domain/identity/throttle.ts) and per client address.
import type { Reader } from '../domain/access/types.ts';
import type { UserPrincipal } from '../domain/identity/principal.ts';
import { admit, CLEARED, recordFailure } from '../domain/identity/throttle.ts';
import type { ApiToken, Org, SharingGroup, User, UserRecord } from '../domain/identity/types.ts';
import { LoginThrottledError, UnauthorizedError } from '../errors.ts';
import type { UserRepo, OrgRepo, StateWatch } from '../store/repositories.ts';
import type { StateVersions } from '../domain/state-changes/types.ts';
import type { AuditSink } from './audit.service.ts';
import { DUMMY_HASH, newSecret, secretHash, verifyPassword } from './secrets.ts';
import { publicUser } from './user.service.ts';

/** How long a browser session lasts from login. */
export const SESSION_MS = 12 * 3600_000;
/** Resolved principals are cached at most this long, and only while no user, token,
 *  organisation, community or sharing group changed in the store, whichever process changed it
 *  (a CLI revoke, another API process: domain/state-changes/types.ts). */
const CACHE_MS = 5_000;
/** Token use is written (last_used_at, audit `token.used`) at most this often per token, so that
 *  a busy integration does not turn every read into a write. */
const TOUCH_MS = 3600_000;
/** Failed logins allowed per client address and window, across all accounts (password spraying). */
const ADDRESS_FAILURES = 30;
const ADDRESS_WINDOW_MS = 10 * 60_000;

export interface AuthDeps {
  users: UserRepo;
  orgs: OrgRepo;
  audit: AuditSink;
  state: StateWatch;
}

/** A new session: the cookie secret and the CSRF token the browser must echo. */
export interface NewSession {
  principal: UserPrincipal;
  secret: string;
  csrf: string;
  expiresAt: string;
}

/** A principal is built from users and tokens (users) and organisations and groups (directory). */
type Cached = { principal: UserPrincipal; token: ApiToken | null; until: number; users: number; directory: number };

function current(c: Cached, v: StateVersions, now: number): boolean {
  return c.until > now && c.users === v.users && c.directory === v.directory;
}

/** Turns credentials into principals. */
export class AuthService {
  private readonly deps: AuthDeps;
  private cache = new Map<string, Cached>();
  private readonly touched = new Map<string, number>();
  private readonly addressFailures = new Map<string, { count: number; since: number }>();

  constructor(deps: AuthDeps) {
    this.deps = deps;
  }

  /** Forgets cached principals (after a user, organisation, group or token change). */
  invalidate(): void {
    this.cache = new Map();
  }

  /** Checks a user name and password, then opens a browser session. */
  async login(username: string, password: string, address: string): Promise<NewSession> {
    const user = await this.checkPassword(username, password, address, 'session');
    const principal = await this.principalFor(user, 'session', null);
    const secret = newSecret('');
    const csrf = newSecret('');
    const expiresAt = new Date(Date.now() + SESSION_MS).toISOString();
    await this.deps.users.addSession({
      idHash: secretHash(secret),
      userId: user.id,
      csrf,
      expiresAt,
      createdAt: new Date().toISOString(),
    });
    await this.deps.audit.record({
      action: 'auth.login',
      actor: `user:${user.username}`,
      target: user.id,
      details: { address, via: 'session' },
    });
    return { principal, secret, csrf, expiresAt };
  }

  /** Ends a session. */
  async logout(secret: string): Promise<void> {
    await this.deps.users.removeSession(secretHash(secret));
  }

  /** The principal of a session cookie, with the session's CSRF token. */
  async fromSession(secret: string): Promise<{ principal: UserPrincipal; csrf: string }> {
    const session = await this.deps.users.getSession(secretHash(secret));
    if (!session || Date.parse(session.expiresAt) <= Date.now()) throw new UnauthorizedError('the session has expired; sign in again');
    const user = await this.deps.users.getUser(session.userId);
    if (!user) throw new UnauthorizedError('the session has expired; sign in again');
    return { principal: await this.principalFor(user, 'session', null), csrf: session.csrf };
  }

  /** The principal of an API token (`Authorization: Bearer ccd_…`). */
  async fromToken(secret: string): Promise<UserPrincipal> {
    const hash = secretHash(secret);
    const now = Date.now();
    const v = await this.deps.state.versions();
    const hit = this.cache.get(hash);
    if (hit && current(hit, v, now) && (hit.token?.expiresAt == null || Date.parse(hit.token.expiresAt) > now)) return hit.principal;
    const token = await this.deps.users.findTokenByHash(hash);
    if (!token) throw new UnauthorizedError('unknown API token');
    if (token.revokedAt !== null) throw new UnauthorizedError('the API token has been revoked');
    if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) throw new UnauthorizedError('the API token has expired');
    const user = await this.deps.users.getUser(token.userId);
    if (!user) throw new UnauthorizedError('unknown API token');
    const principal = await this.principalFor(user, 'token', token);
    this.cache.set(hash, { principal, token, until: now + CACHE_MS, users: v.users, directory: v.directory });
    await this.touch(token, user, now);
    return principal;
  }

  /** The principal of HTTP Basic credentials, throttled like a login. */
  async fromBasic(username: string, password: string, address: string): Promise<UserPrincipal> {
    const key = `basic:${secretHash(`${username}\u0000${password}`)}`;
    const v = await this.deps.state.versions();
    const hit = this.cache.get(key);
    if (hit && current(hit, v, Date.now())) return hit.principal;
    const user = await this.checkPassword(username, password, address, 'basic');
    const principal = await this.principalFor(user, 'basic', null);
    this.cache.set(key, { principal, token: null, until: Date.now() + CACHE_MS, users: v.users, directory: v.directory });
    return principal;
  }

  private async checkPassword(username: string, password: string, address: string, via: string): Promise<UserRecord> {
    this.admitAddress(address);
    const name = username.trim().toLowerCase();
    const user = await this.deps.users.findUserByName(name);
    const now = Date.now();
    if (user) {
      const a = admit(user, now);
      if (!a.allowed) {
        await this.failed(name, address, via, a.locked ? 'locked' : 'slowed');
        throw new LoginThrottledError(
          a.locked ? `the account is locked for ${a.wait} s after repeated failed logins` : `too many failed logins; wait ${a.wait} s`,
          a.wait,
        );
      }
    }
    // The hash is checked even for unknown users so that timing does not reveal which exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      if (user && !ok) {
        const state = recordFailure(user, now);
        await this.deps.users.setFailureState(user.id, state);
        if (state.lockedUntil !== null && user.lockedUntil === null) {
          await this.deps.audit.record({
            action: 'auth.locked',
            actor: `user:${name}`,
            target: user.id,
            details: { address, until: state.lockedUntil },
          });
        }
      }
      this.countAddress(address);
      await this.failed(name, address, via, !user ? 'unknown user' : !ok ? 'wrong password' : 'disabled');
      throw new UnauthorizedError('wrong user name or password');
    }
    const org = await this.deps.orgs.getOrg(user.orgId);
    if (!org || org.disabled) {
      await this.failed(name, address, via, 'organisation disabled');
      throw new UnauthorizedError('wrong user name or password');
    }
    if (user.failedLogins > 0) await this.deps.users.setFailureState(user.id, CLEARED);
    return user;
  }

  private failed(username: string, address: string, via: string, reason: string): Promise<void> {
    return this.deps.audit.record({
      action: 'auth.login_failed',
      actor: `user:${username}`,
      target: null,
      details: { address, via, reason },
    });
  }

  private admitAddress(address: string): void {
    const f = this.addressFailures.get(address);
    if (f && Date.now() - f.since < ADDRESS_WINDOW_MS && f.count >= ADDRESS_FAILURES) {
      const wait = Math.ceil((f.since + ADDRESS_WINDOW_MS - Date.now()) / 1000);
      throw new LoginThrottledError(`too many failed logins from this address; wait ${wait} s`, wait);
    }
  }

  private countAddress(address: string): void {
    const now = Date.now();
    const f = this.addressFailures.get(address);
    if (!f || now - f.since >= ADDRESS_WINDOW_MS) this.addressFailures.set(address, { count: 1, since: now });
    else f.count++;
  }

  private async touch(token: ApiToken, user: UserRecord, now: number): Promise<void> {
    if ((this.touched.get(token.id) ?? 0) + TOUCH_MS > now) return;
    this.touched.set(token.id, now);
    const at = new Date(now).toISOString();
    await this.deps.users.touchToken(token.id, at);
    await this.deps.audit.record({
      action: 'token.used',
      actor: `user:${user.username}/token:${token.id}`,
      target: token.id,
      details: { scope: token.scope },
    });
  }

  /** Builds the principal, refusing disabled users and organisations. */
  private async principalFor(user: UserRecord, via: UserPrincipal['via'], token: ApiToken | null): Promise<UserPrincipal> {
    if (user.disabled) throw new UnauthorizedError('the account is disabled');
    const org = await this.deps.orgs.getOrg(user.orgId);
    if (!org || org.disabled) throw new UnauthorizedError('the organisation is disabled');
    return {
      kind: 'user',
      user: publicUser(user),
      org,
      via,
      scope: token ? token.scope : 'read-write',
      tokenId: token ? token.id : null,
      reader: await this.readerFor(user, org),
    };
  }

  private async readerFor(user: UserRecord, org: Org): Promise<Reader> {
    return userReader(user, org, await this.deps.orgs.listSharingGroups());
  }
}

/** The reader a user of `org` reads as, given the node's sharing groups: the one definition,
 *  used for signed-in users and for the recipients of notifications (notification.service.ts). */
export function userReader(user: User, org: Org, groups: readonly SharingGroup[]): Reader {
  return {
    orgIds: [org.id],
    countries: org.country ? [org.country] : [],
    communities: org.communities,
    sharingGroups: groups.filter((g) => !g.disabled && g.members.includes(org.id)).map((g) => g.id),
    clearances: user.clearances,
    exercises: user.exercises,
  };
}
