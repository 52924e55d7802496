// Signed egress forms on either engine (migrations/0012_egress_forms.ts): what this node sends
// peers for the versions it originated, signed once and then served as stored.
import type { Kysely } from 'kysely';
import type { EgressForm } from '../../domain/federation/types.ts';
import type { EgressFormRepo } from '../repositories.ts';
import type { Tables } from './tables.ts';

interface EgressFormsTable {
  seq: number;
  key_id: string;
  json: string;
}

/** Rows per statement: well under SQLite's parameter limit (3 per row). */
const CHUNK = 500;

/** Signed forms by store sequence. */
export class KyselyEgressFormRepo implements EgressFormRepo {
  private readonly db: Kysely<Tables & { egress_forms: EgressFormsTable }>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<{ egress_forms: EgressFormsTable }>();
  }

  async get(seqs: readonly number[]): Promise<Map<number, EgressForm>> {
    const out = new Map<number, EgressForm>();
    for (let i = 0; i < seqs.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('egress_forms')
        .selectAll()
        .where('seq', 'in', seqs.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.set(Number(r.seq), { keyId: r.key_id, json: r.json });
    }
    return out;
  }

  async put(rows: readonly ({ seq: number } & EgressForm)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((r) => ({ seq: r.seq, key_id: r.keyId, json: r.json }));
      // Another process signing the same version wrote the same text (Ed25519 is deterministic).
      await this.db
        .insertInto('egress_forms')
        .values(values)
        .onConflict((oc) => oc.column('seq').doNothing())
        .execute();
    }
  }
}
