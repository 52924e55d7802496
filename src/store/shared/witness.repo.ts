// The peers' audit head statements this node keeps, on either engine (migrations/0022).
import type { Kysely } from 'kysely';
import { headStatementOf, type HeadStatement } from '../../domain/federation/audit-witness.ts';
import type { WitnessRepo } from '../repositories.ts';
import type { Tables } from './tables.ts';

interface WitnessesTable {
  key_id: string;
  seq: number;
  statement: string;
  witnessed_at: string;
}

type WitnessTables = Tables & { audit_witnesses: WitnessesTable };

/** One row per stating key: the statement with the highest seq. */
export class KyselyWitnessRepo implements WitnessRepo {
  private readonly db: Kysely<WitnessTables>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<{ audit_witnesses: WitnessesTable }>();
  }

  async keep(s: HeadStatement, at: string): Promise<void> {
    // A lower head than the one kept is not kept: the higher one is the stronger evidence.
    await this.db
      .insertInto('audit_witnesses')
      .values({ key_id: s.keyId, seq: s.seq, statement: JSON.stringify(s), witnessed_at: at })
      .onConflict((oc) =>
        oc
          .column('key_id')
          .doUpdateSet({ seq: s.seq, statement: JSON.stringify(s), witnessed_at: at })
          .where('audit_witnesses.seq', '<=', s.seq),
      )
      .execute();
  }

  async get(keyId: string): Promise<HeadStatement | undefined> {
    const r = await this.db.selectFrom('audit_witnesses').select('statement').where('key_id', '=', keyId).executeTakeFirst();
    return r === undefined ? undefined : headStatementOf(JSON.parse(r.statement));
  }
}
