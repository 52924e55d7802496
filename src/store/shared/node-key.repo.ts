// The node's key pair on either engine (migrations/0011_federation.ts).
import type { Kysely } from 'kysely';
import type { NodeKeyMaterial } from '../../domain/federation/keys.ts';
import type { NodeKeyRepo } from '../repositories.ts';
import type { Tables } from './tables.ts';

interface NodeKeysTable {
  id: string;
  key_id: string;
  public_key: string;
  private_key: string;
  created_at: string;
}

type KeyTables = Tables & { node_keys: NodeKeysTable };

/** The one key row. */
export class KyselyNodeKeyRepo implements NodeKeyRepo {
  private readonly db: Kysely<KeyTables>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<{ node_keys: NodeKeysTable }>();
  }

  async get(): Promise<NodeKeyMaterial | undefined> {
    const r = await this.db.selectFrom('node_keys').selectAll().where('id', '=', 'node').executeTakeFirst();
    return r && { keyId: r.key_id, publicKey: r.public_key, privateKey: r.private_key };
  }

  async createIfAbsent(key: NodeKeyMaterial, at: string): Promise<NodeKeyMaterial> {
    // Two processes starting together both try; the primary key lets one win, and both read it.
    await this.db
      .insertInto('node_keys')
      .values({ id: 'node', key_id: key.keyId, public_key: key.publicKey, private_key: key.privateKey, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const held = await this.get();
    if (!held) throw new Error('the node key was not stored');
    return held;
  }
}
