// Users, API tokens and sessions on either engine: one Kysely implementation.
import type { Kysely } from 'kysely';
import type { FailureState } from '../../domain/identity/throttle.ts';
import { ROLES, type ApiToken, type Role, type Session, type TokenScope, type UserRecord } from '../../domain/identity/types.ts';
import type { UserRepo } from '../repositories.ts';
import type { ApiTokensTable, UsersTable } from './identity.tables.ts';
import { stringArray, stringMap } from './json-columns.ts';
import type { Tables } from './tables.ts';

type Bool = (v: boolean) => number | boolean;

function toUser(r: UsersTable): UserRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    username: r.username,
    displayName: r.display_name,
    roles: stringArray(r.roles).filter((x): x is Role => ROLES.some((role) => role === x)),
    clearances: stringMap(r.clearances),
    exercises: stringArray(r.exercises),
    disabled: Boolean(r.disabled),
    mustChangePassword: Boolean(r.must_change_password),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    passwordHash: r.password_hash,
    failedLogins: Number(r.failed_logins),
    lastFailedAt: r.last_failed_at,
    lockedUntil: r.locked_until,
  };
}

function toToken(r: ApiTokensTable): ApiToken {
  const scope: TokenScope = r.scope === 'read-write' ? 'read-write' : 'read';
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    scope,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
    createdAt: r.created_at,
  };
}

/** Users, API tokens and browser sessions. */
export class KyselyUserRepo implements UserRepo {
  private readonly db: Kysely<Tables>;
  private readonly bool: Bool;

  constructor(db: Kysely<Tables>, bool: Bool) {
    this.db = db;
    this.bool = bool;
  }

  async putUser(u: UserRecord): Promise<void> {
    const row: UsersTable = {
      id: u.id,
      org_id: u.orgId,
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      roles: JSON.stringify(u.roles),
      clearances: JSON.stringify(u.clearances),
      exercises: JSON.stringify(u.exercises),
      disabled: this.bool(u.disabled),
      must_change_password: this.bool(u.mustChangePassword),
      failed_logins: u.failedLogins,
      last_failed_at: u.lastFailedAt,
      locked_until: u.lockedUntil,
      created_at: u.createdAt,
      updated_at: u.updatedAt,
    };
    const { id: _id, ...rest } = row;
    await this.db
      .insertInto('users')
      .values(row)
      .onConflict((c) => c.column('id').doUpdateSet(rest))
      .execute();
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toUser(r);
  }

  async findUserByName(username: string): Promise<UserRecord | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return r && toUser(r);
  }

  async listUsers(filter: { orgId?: string } = {}): Promise<UserRecord[]> {
    let q = this.db.selectFrom('users').selectAll();
    if (filter.orgId !== undefined) q = q.where('org_id', '=', filter.orgId);
    return (await q.orderBy('username').execute()).map(toUser);
  }

  async countUsers(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async setFailureState(userId: string, s: FailureState): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ failed_logins: s.failedLogins, last_failed_at: s.lastFailedAt, locked_until: s.lockedUntil })
      .where('id', '=', userId)
      .execute();
  }

  async addToken(t: ApiToken, hash: string): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: t.id,
        user_id: t.userId,
        name: t.name,
        token_hash: hash,
        scope: t.scope,
        expires_at: t.expiresAt,
        revoked_at: t.revokedAt,
        last_used_at: t.lastUsedAt,
        created_at: t.createdAt,
      })
      .execute();
  }

  async findTokenByHash(hash: string): Promise<ApiToken | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return r && toToken(r);
  }

  async getToken(id: string): Promise<ApiToken | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toToken(r);
  }

  async listTokens(filter: { userId?: string } = {}): Promise<ApiToken[]> {
    let q = this.db.selectFrom('api_tokens').selectAll();
    if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId);
    return (await q.orderBy('created_at').orderBy('id').execute()).map(toToken);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async addSession(s: Session): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id_hash: s.idHash, user_id: s.userId, csrf: s.csrf, expires_at: s.expiresAt, created_at: s.createdAt })
      .execute();
  }

  async getSession(idHash: string): Promise<Session | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return r && { idHash: r.id_hash, userId: r.user_id, csrf: r.csrf, expiresAt: r.expires_at, createdAt: r.created_at };
  }

  async removeSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async removeUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async removeExpiredSessions(now: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
