// Administration of users and API tokens (issue 3, items 1 and 8). Node administrators manage
// every user; organisation administrators manage their own organisation's users but cannot
// make anyone a node administrator; everyone manages their own tokens.
import { randomUUID } from 'node:crypto';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import { allowed, authorize, reach } from '../domain/access/permissions.ts';
import type { ApiToken, Role, TokenScope, User, UserRecord } from '../domain/identity/types.ts';
import { checkName, checkPassword, checkRoles, checkUsername } from '../domain/identity/validate.ts';
import { CLEARED } from '../domain/identity/throttle.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, PasswordChangeRequiredError } from '../errors.ts';
import type { UserRepo, OrgRepo } from '../store/repositories.ts';
import type { AuditSink } from './audit.service.ts';
import { hashPassword, newPassword, newSecret, secretHash, verifyPassword } from './secrets.ts';

export interface UserInput {
  orgId?: string;
  username?: string;
  displayName?: string;
  /** When omitted at creation a one-time password is generated and returned once. */
  password?: string;
  /** The user must choose a new password at next sign-in (always so with a generated one). */
  mustChangePassword?: boolean;
  roles?: string[];
  clearances?: Record<string, string>;
  exercises?: string[];
  disabled?: boolean;
  /** Clears failed-login counts and a lock. */
  unlock?: boolean;
}

export interface TokenInput {
  userId?: string;
  name?: string;
  scope?: TokenScope;
  /** ISO timestamp; null or absent: no expiry. */
  expiresAt?: string | null;
}

export interface UserServiceDeps {
  users: UserRepo;
  orgs: OrgRepo;
  audit: AuditSink;
  /** Checks clearances against the classification schemes; returns them normalised. */
  checkClearances: (c: Record<string, string>) => Record<string, string>;
  /** Called after any change that alters what an authenticated principal may do. */
  invalidate: () => void;
}

/** The user without what only authentication needs. */
export function publicUser(u: UserRecord): User {
  const { passwordHash: _p, failedLogins: _f, lastFailedAt: _l, lockedUntil: _u, ...user } = u;
  return user;
}

/** Users and their API tokens. */
export class UserService {
  private readonly deps: UserServiceDeps;

  constructor(deps: UserServiceDeps) {
    this.deps = deps;
  }

  /** Creates a user; returns the one-time password when none was given. */
  async addUser(actor: Principal, input: UserInput): Promise<{ user: User; password?: string }> {
    const orgId = input.orgId ?? (actor.kind === 'user' ? actor.org.id : '');
    if (!(await this.deps.orgs.getOrg(orgId))) throw new InvalidInputError(`organisation "${orgId}" does not exist`, { field: 'orgId' });
    const roles = checkRoles(input.roles ?? ['analyst']);
    this.checkGrant(actor, orgId, roles);
    const username = checkUsername(input.username ?? '');
    if (await this.deps.users.findUserByName(username)) throw new ConflictError(`user name "${username}" is taken`, { field: 'username' });
    const generated = input.password === undefined ? newPassword() : undefined;
    const now = new Date().toISOString();
    const record: UserRecord = {
      id: randomUUID(),
      orgId,
      username,
      displayName: checkName('displayName', input.displayName ?? username),
      roles,
      clearances: this.deps.checkClearances(input.clearances ?? {}),
      exercises: input.exercises ?? [],
      disabled: false,
      mustChangePassword: generated !== undefined || input.mustChangePassword === true,
      createdAt: now,
      updatedAt: now,
      passwordHash: await hashPassword(generated ?? checkPassword(input.password ?? '')),
      ...CLEARED,
    };
    await this.deps.users.putUser(record);
    await this.audit(actor, 'admin.user.add', record.id, { username, orgId, roles });
    return generated === undefined ? { user: publicUser(record) } : { user: publicUser(record), password: generated };
  }

  /** Changes a user's name, roles, clearances, password or state, or unlocks the account. */
  async updateUser(actor: Principal, id: string, input: UserInput): Promise<User> {
    const u = await this.record(actor, id);
    const self = actor.kind === 'user' && actor.user.id === id;
    const onlyPassword = Object.keys(input).every((k) => k === 'password');
    // Whoever still holds a password someone else chose may only change it (even an administrator).
    if (self && actor.user.mustChangePassword && !onlyPassword) throw new PasswordChangeRequiredError();
    if (!(self && onlyPassword)) authorize(actor, 'user.administer', { orgId: u.orgId });
    // A node administrator's account is changed only by node administrators (or itself):
    // otherwise an organisation administrator could reset its password and take over the node.
    if (u.roles.includes('admin') && !self) authorize(actor, 'user.administer-admin');
    const roles = input.roles !== undefined ? checkRoles(input.roles) : u.roles;
    if (input.roles !== undefined) this.checkGrant(actor, u.orgId, roles);
    if (input.orgId !== undefined && input.orgId !== u.orgId)
      throw new InvalidInputError('a user cannot move to another organisation; add a new user', { field: 'orgId' });
    if (
      self &&
      u.mustChangePassword &&
      input.password !== undefined &&
      u.passwordHash !== null &&
      (await verifyPassword(input.password, u.passwordHash))
    ) {
      throw new InvalidInputError('choose a password other than the one you were given', { field: 'password' });
    }
    const next: UserRecord = {
      ...u,
      displayName: input.displayName !== undefined ? checkName('displayName', input.displayName) : u.displayName,
      roles,
      clearances: input.clearances !== undefined ? this.deps.checkClearances(input.clearances) : u.clearances,
      exercises: input.exercises ?? u.exercises,
      disabled: input.disabled ?? u.disabled,
      // A password the user chose clears the obligation; one an administrator sets keeps or sets
      // it as they say.
      mustChangePassword: self && input.password !== undefined ? false : (input.mustChangePassword ?? u.mustChangePassword),
      passwordHash: input.password !== undefined ? await hashPassword(checkPassword(input.password)) : u.passwordHash,
      updatedAt: new Date().toISOString(),
      ...(input.unlock === true ? CLEARED : {}),
    };
    await this.deps.users.putUser(next);
    if (next.disabled || input.password !== undefined) await this.deps.users.removeUserSessions(id);
    this.deps.invalidate();
    const changed = Object.keys(input).map((k) => (k === 'password' ? 'password (not recorded)' : k));
    await this.audit(actor, 'admin.user.update', id, { username: u.username, changed, roles: next.roles, clearances: next.clearances });
    return publicUser(next);
  }

  /** One user: administrators of its organisation, or the user itself. */
  async getUser(actor: Principal, id: string): Promise<User> {
    return publicUser(await this.record(actor, id));
  }

  /** Users the actor may administer (only itself for non-administrators). */
  async listUsers(actor: Principal, filter: { orgId?: string } = {}): Promise<User[]> {
    if (actor.kind === 'user') {
      const scope = reach(actor, 'user.read');
      if (scope === null) return [actor.user];
      if (scope === 'own-org') filter = { orgId: actor.org.id };
    }
    return (await this.deps.users.listUsers(filter)).map(publicUser);
  }

  private async record(actor: Principal, id: string): Promise<UserRecord> {
    const u = await this.deps.users.getUser(id);
    const self = actor.kind === 'user' && actor.user.id === id;
    // Users outside the actor's reach answer as missing, so ids cannot be probed.
    if (!u || !(self || allowed(actor, 'user.read', { orgId: u.orgId }))) throw new NotFoundError(`user ${id}`);
    return u;
  }

  private checkGrant(actor: Principal, orgId: string, roles: Role[]): void {
    authorize(actor, 'user.administer', { orgId });
    if (roles.includes('admin') && !allowed(actor, 'user.administer-admin'))
      throw new ForbiddenError('only node administrators may grant the admin role', { field: 'roles' });
  }

  /** Creates an API token; its secret is returned this once and only its hash is kept. */
  async createToken(actor: Principal, input: TokenInput): Promise<{ token: ApiToken; secret: string }> {
    const userId = input.userId ?? (actor.kind === 'user' ? actor.user.id : '');
    const owner = await this.record(actor, userId);
    if (actor.kind === 'user' && actor.user.id !== owner.id) authorize(actor, 'token.administer');
    if (input.expiresAt != null && !(Date.parse(input.expiresAt) > Date.now())) {
      throw new InvalidInputError(`expiresAt "${input.expiresAt}" must be a timestamp in the future`, { field: 'expiresAt' });
    }
    const secret = newSecret('ccd_');
    const token: ApiToken = {
      id: randomUUID(),
      userId: owner.id,
      name: checkName('name', input.name ?? 'api token'),
      scope: input.scope === 'read-write' ? 'read-write' : 'read',
      expiresAt: input.expiresAt == null ? null : new Date(input.expiresAt).toISOString(),
      revokedAt: null,
      lastUsedAt: null,
      createdAt: new Date().toISOString(),
    };
    await this.deps.users.addToken(token, secretHash(secret));
    await this.audit(actor, 'token.created', token.id, { user: owner.username, scope: token.scope, expiresAt: token.expiresAt });
    return { token, secret };
  }

  /** Tokens of one user (own tokens; any user's for node administrators). */
  async listTokens(actor: Principal, userId?: string): Promise<ApiToken[]> {
    if (userId === undefined) {
      if (allowed(actor, 'token.read-any')) return this.deps.users.listTokens();
      userId = actor.kind === 'user' ? actor.user.id : '';
    }
    // Tokens are their owner's and the node administrators' business only, like revokeToken.
    if (!(allowed(actor, 'token.read-any') || (actor.kind === 'user' && actor.user.id === userId)))
      throw new NotFoundError(`user ${userId}`);
    return this.deps.users.listTokens({ userId });
  }

  /** Revokes a token at once; later use answers 401. */
  async revokeToken(actor: Principal, id: string): Promise<ApiToken> {
    const token = await this.deps.users.getToken(id);
    const mine = actor.kind === 'user' && token?.userId === actor.user.id;
    if (!token || !(mine || allowed(actor, 'token.administer'))) throw new NotFoundError(`token ${id}`);
    const at = new Date().toISOString();
    await this.deps.users.revokeToken(id, at);
    this.deps.invalidate();
    await this.audit(actor, 'token.revoked', id, { userId: token.userId });
    return { ...token, revokedAt: token.revokedAt ?? at };
  }

  private audit(actor: Principal, action: string, target: string, details: Record<string, unknown>): Promise<void> {
    return this.deps.audit.record({ action, actor: actorName(actor), target, details });
  }
}
