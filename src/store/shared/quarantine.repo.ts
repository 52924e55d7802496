// Quarantine on either engine: the SQL is the same, so one Kysely implementation serves both.
import type { Kysely } from 'kysely';
import type { NewQuarantineEntry, QuarantineEntry } from '../../domain/quarantine/types.ts';
import type { Page, PageRequest } from '../../domain/objects/types.ts';
import type { QuarantineRepo } from '../repositories.ts';
import { checkPage } from './filter.ts';
import type { QuarantineTable, Tables } from './tables.ts';

type QuarantineRow = Omit<QuarantineTable, 'id'> & { id: number };

/** Rows per INSERT: 7 parameters each stays under SQLite's 32,766-parameter limit. */
const CHUNK = 1000;

/**
 * PostgreSQL text cannot hold U+0000, and quarantined input is often junk that may. NUL is
 * stored as U+FFFD on both engines, so that they keep the same text (JSON text never holds a
 * raw NUL, so no valid input is changed).
 */
function storable(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', '\ufffd') : s;
}

function toEntry(r: QuarantineRow): QuarantineEntry {
  const details: unknown = JSON.parse(r.details);
  return {
    id: Number(r.id),
    receivedAt: r.received_at,
    source: r.source,
    objectId: r.object_id,
    reason: r.reason,
    details,
    raw: r.raw,
  };
}

/** Quarantine entries, newest first; `after` is the id of the last entry of the previous page. */
export class KyselyQuarantineRepo implements QuarantineRepo {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Tables>) {
    this.db = db;
  }

  async add(entries: NewQuarantineEntry[]): Promise<void> {
    const receivedAt = new Date().toISOString();
    const rows = entries.map((e) => ({
      received_at: receivedAt,
      source: storable(e.source),
      object_id: e.objectId === null ? null : storable(e.objectId),
      reason: storable(e.reason),
      // `undefined` has no JSON form; it is kept as null. JSON escapes NUL as \u0000.
      details: JSON.stringify(e.details ?? null),
      raw: storable(e.raw),
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('quarantine')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    }
  }

  async list(page: PageRequest, filter: { reason?: string; source?: string } = {}): Promise<Page<QuarantineEntry>> {
    checkPage(page);
    let q = this.db.selectFrom('quarantine').selectAll();
    if (page.after !== undefined) q = q.where('id', '<', page.after);
    if (filter.reason !== undefined) q = q.where('reason', '=', filter.reason);
    if (filter.source !== undefined) q = q.where('source', '=', filter.source);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    const items = rows.slice(0, page.limit).map(toEntry);
    const last = items.at(-1);
    return { items, next: rows.length > page.limit && last ? last.id : null };
  }

  async get(id: number): Promise<QuarantineEntry | undefined> {
    const row = await this.db.selectFrom('quarantine').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEntry(row);
  }

  async remove(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('quarantine').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('quarantine')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
