// The audit log on either engine (issue 3, item 6). Entries are chained by the pure domain
// (domain/audit/chain.ts); this repository only keeps them and the head, and serialises appends
// so that two writers never chain to the same head.
import { sql, type Kysely, type Transaction } from 'kysely';
import { chainEntry, checkFields, type AuditEntry, type AuditFields, type AuditHead } from '../../domain/audit/chain.ts';
import type { JsonObject } from '../../domain/stix/types.ts';
import { AuditBrokenError } from '../../errors.ts';
import type { StoreDialect } from '../migrations/dialect.ts';
import type { AuditListRequest } from '../../domain/audit/types.ts';
import type { AuditRepo } from '../repositories.ts';
import type { Page } from '../../domain/objects/types.ts';
import { checkPage } from './filter.ts';
import type { AuditLogTable, Tables } from './tables.ts';

/**
 * Details as read back. Text that is not a JSON object (changed behind the store's back) is
 * kept inside a wrapper rather than thrown on, so that `audit verify` reports the entry as
 * altered instead of failing to read it.
 */
function readDetails(text: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  } catch {
    // Falls through to the wrapper.
  }
  return { unreadable: text };
}

/** `text` with LIKE's wildcards (and the escape character) taken literally. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toEntry(r: AuditLogTable): AuditEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    details: readDetails(r.details),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Audit entries: appended under a lock on the head, listed newest first, scanned oldest first. */
export class KyselyAuditRepo implements AuditRepo {
  private readonly db: Kysely<Tables>;
  private readonly dialect: StoreDialect;

  constructor(db: Kysely<Tables>, dialect: StoreDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  /**
   * The head, locked until the transaction ends. PostgreSQL locks the row, so appenders in any
   * process wait for each other. SQLite has no row locks: writing the head first takes the
   * database's write lock (waiting out other processes under busy_timeout) before it is read;
   * reading first would let two processes read the same head and one then fail with SQLITE_BUSY.
   */
  private lockHead(trx: Transaction<Tables>): Promise<AuditHead | undefined> {
    if (this.dialect === 'postgres') {
      return trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirst();
    }
    return trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb.ref('seq') }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirst();
  }

  async append(fields: AuditFields): Promise<AuditEntry> {
    // Checked before the lock is taken, so that bad input never holds up other appenders.
    const checked = checkFields(fields);
    return this.db.transaction().execute(async (trx) => {
      const head = await this.lockHead(trx);
      if (head === undefined) {
        throw new AuditBrokenError('the audit head record is missing; run "concord audit verify"');
      }
      // The time is taken under the lock, so that it never decreases with seq on one clock.
      const entry = chainEntry({ seq: Number(head.seq), hash: head.hash }, checked, new Date().toISOString());
      await trx
        .insertInto('audit_log')
        .values({
          seq: entry.seq,
          at: entry.at,
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          details: JSON.stringify(entry.details),
          prev_hash: entry.prevHash,
          hash: entry.hash,
        })
        .execute();
      await trx.updateTable('audit_head').set({ seq: entry.seq, hash: entry.hash }).where('id', '=', 1).execute();
      return entry;
    });
  }

  async list(request: AuditListRequest): Promise<Page<AuditEntry>> {
    checkPage(request);
    let q = this.db.selectFrom('audit_log').selectAll();
    if (request.after !== undefined) q = q.where('seq', '<', request.after);
    if (request.action !== undefined) q = q.where('action', '=', request.action);
    // `user:alice` also finds what alice did with her tokens (`user:alice/token:…`).
    const actor = request.actor;
    if (actor !== undefined)
      q = q.where((eb) => eb.or([eb('actor', '=', actor), sql<boolean>`${sql.ref('actor')} like ${`${likeEscape(actor)}/%`} escape '\\'`]));
    if (request.since !== undefined) q = q.where('at', '>=', request.since);
    if (request.until !== undefined) q = q.where('at', '<', request.until);
    if (request.target !== undefined) q = q.where('target', '=', request.target);
    if (request.q !== undefined && request.q.trim() !== '') {
      // Every word must occur, in the details or the target, whatever its case (issue 15, must 9).
      for (const word of request.q.trim().toLowerCase().split(/\s+/)) {
        const pattern = `%${likeEscape(word)}%`;
        q = q.where((eb) =>
          eb.or([
            sql<boolean>`lower(${sql.ref('details')}) like ${pattern} escape '\\'`,
            sql<boolean>`lower(coalesce(${sql.ref('target')}, '')) like ${pattern} escape '\\'`,
          ]),
        );
      }
    }
    const rows = await q
      .orderBy('seq', 'desc')
      .limit(request.limit + 1)
      .execute();
    const items = rows.slice(0, request.limit).map(toEntry);
    const last = items.at(-1);
    return { items, next: rows.length > request.limit && last ? last.seq : null };
  }

  async actions(): Promise<string[]> {
    const rows = await this.db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
    return rows.map((r) => r.action);
  }

  async *scan(options: { batchSize?: number } = {}): AsyncIterable<AuditEntry> {
    const batchSize = options.batchSize ?? 1000;
    let after = 0;
    for (;;) {
      const rows = await this.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(batchSize).execute();
      for (const r of rows) yield toEntry(r);
      const last = rows.at(-1);
      if (last === undefined || rows.length < batchSize) return;
      after = Number(last.seq);
    }
  }

  async head(): Promise<AuditHead | null> {
    const row = await this.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }
}
