// Admitted nonces of signed node requests on either engine (migrations/0023).
import type { Kysely } from 'kysely';
import type { NonceRepo } from '../repositories.ts';
import type { Tables } from './tables.ts';

interface NoncesTable {
  key_id: string;
  nonce: string;
  until_ms: number;
}

type NonceTables = Tables & { peer_nonces: NoncesTable };

export class KyselyNonceRepo implements NonceRepo {
  private readonly db: Kysely<NonceTables>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<{ peer_nonces: NoncesTable }>();
  }

  async admit(keyId: string, nonce: string, untilMs: number): Promise<boolean> {
    // The primary key decides, atomically across processes: the second insert adds nothing.
    const r = await this.db
      .insertInto('peer_nonces')
      .values({ key_id: keyId, nonce, until_ms: untilMs })
      .onConflict((oc) => oc.columns(['key_id', 'nonce']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async forget(nowMs: number): Promise<void> {
    await this.db.deleteFrom('peer_nonces').where('until_ms', '<', nowMs).execute();
  }
}
