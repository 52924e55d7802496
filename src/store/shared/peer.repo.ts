// Peers on either engine (migrations/0011_federation.ts): the pinned key, what the peer hosts,
// the policies, and the sync state with a pull lease.
import type { Kysely } from 'kysely';
import type { InboundPolicy, OutboundPolicy, PeerPullResult, Peer, PeerRecord, PeerSyncState } from '../../domain/federation/types.ts';
import type { PeerRepo } from '../repositories.ts';
import { claimLease, releaseLease } from './lease.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

interface PeersTable {
  id: string;
  name: string;
  url: string;
  public_key: string;
  key_id: string;
  node_id: string;
  config: string;
  sync: number | boolean;
  disabled: number | boolean;
  cursor: string | null;
  peer_head: string | null;
  behind_since: string | null;
  last_pull_at: string | null;
  last_success_at: string | null;
  last_result: string | null;
  lease_holder: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

/** The JSON `config` column. */
interface PeerConfig {
  orgs: string[];
  countries: string[];
  communities: string[];
  accreditation: Record<string, string>;
  outbound: OutboundPolicy;
  inbound: InboundPolicy;
}

type PeerTables = Tables & { peers: PeersTable };

/** Cursors are store sequences of the peer, kept as text; compared as numbers. */
function later(a: string | null, b: string | null | undefined): boolean {
  return b !== undefined && b !== null && (a === null || Number(b) > Number(a));
}

function toRecord(r: PeersTable): PeerRecord {
  // Written by this repository from a Peer and a PeerPullResult.
  const c: PeerConfig = JSON.parse(r.config);
  const lastResult: PeerPullResult | null = r.last_result === null ? null : JSON.parse(r.last_result);
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    publicKey: r.public_key,
    keyId: r.key_id,
    nodeId: r.node_id,
    orgs: c.orgs,
    countries: c.countries,
    communities: c.communities,
    accreditation: c.accreditation,
    outbound: c.outbound,
    inbound: c.inbound,
    sync: Boolean(r.sync),
    disabled: Boolean(r.disabled),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    state: {
      cursor: r.cursor,
      peerHead: r.peer_head,
      behindSince: r.behind_since,
      lastPullAt: r.last_pull_at,
      lastSuccessAt: r.last_success_at,
      lastResult,
    },
  };
}

/** Pinned peers. */
export class KyselyPeerRepo implements PeerRepo {
  private readonly db: Kysely<PeerTables>;
  private readonly d: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db.withTables<{ peers: PeersTable }>();
    this.d = dialect;
  }

  private columns(p: Peer) {
    const config: PeerConfig = {
      orgs: [...p.orgs],
      countries: [...p.countries],
      communities: [...p.communities],
      accreditation: { ...p.accreditation },
      outbound: p.outbound,
      inbound: p.inbound,
    };
    return {
      name: p.name,
      url: p.url,
      public_key: p.publicKey,
      key_id: p.keyId,
      node_id: p.nodeId,
      config: JSON.stringify(config),
      sync: this.d.bool(p.sync),
      disabled: this.d.bool(p.disabled),
      updated_at: p.updatedAt,
    };
  }

  async create(p: Peer): Promise<void> {
    await this.db
      .insertInto('peers')
      .values({
        id: p.id,
        ...this.columns(p),
        cursor: null,
        peer_head: null,
        behind_since: null,
        last_pull_at: null,
        last_success_at: null,
        last_result: null,
        lease_holder: null,
        lease_until: null,
        created_at: p.createdAt,
      })
      .execute();
  }

  async update(p: Peer): Promise<void> {
    await this.db.updateTable('peers').set(this.columns(p)).where('id', '=', p.id).execute();
  }

  async get(id: string): Promise<PeerRecord | undefined> {
    const r = await this.db.selectFrom('peers').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRecord(r);
  }

  async byKeyId(keyId: string): Promise<PeerRecord | undefined> {
    const r = await this.db.selectFrom('peers').selectAll().where('key_id', '=', keyId).executeTakeFirst();
    return r && toRecord(r);
  }

  async byName(name: string): Promise<PeerRecord | undefined> {
    const r = await this.db.selectFrom('peers').selectAll().where('name', '=', name).executeTakeFirst();
    return r && toRecord(r);
  }

  async list(): Promise<PeerRecord[]> {
    const rows = await this.db.selectFrom('peers').selectAll().orderBy('name').execute();
    return rows.map(toRecord);
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('peers').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async saveState(id: string, patch: Partial<PeerSyncState>): Promise<void> {
    // No transaction: on SQLite the connection is shared with the raw-statement writer of
    // imports, and the pull lease already keeps two processes from moving one peer's cursor.
    const cur = await this.db.selectFrom('peers').select(['cursor', 'peer_head']).where('id', '=', id).executeTakeFirst();
    if (!cur) return;
    const set: Partial<PeersTable> = {};
    if (later(cur.cursor, patch.cursor)) set.cursor = patch.cursor ?? null;
    if (later(cur.peer_head, patch.peerHead)) set.peer_head = patch.peerHead ?? null;
    if (patch.behindSince !== undefined) set.behind_since = patch.behindSince;
    if (patch.lastPullAt !== undefined) set.last_pull_at = patch.lastPullAt;
    if (patch.lastSuccessAt !== undefined) set.last_success_at = patch.lastSuccessAt;
    if (patch.lastResult !== undefined) set.last_result = patch.lastResult === null ? null : JSON.stringify(patch.lastResult);
    if (Object.keys(set).length > 0) await this.db.updateTable('peers').set(set).where('id', '=', id).execute();
  }

  claim(id: string, holder: string, now: string, until: string): Promise<boolean> {
    return claimLease(this.db, 'peers', id, holder, now, until);
  }

  async leaseHolder(id: string): Promise<string | null> {
    const r = await this.db.selectFrom('peers').select(['lease_holder', 'lease_until']).where('id', '=', id).executeTakeFirst();
    return r?.lease_holder ?? null;
  }

  async storeHead(): Promise<number> {
    const r = await this.db
      .selectFrom('objects')
      .select((eb) => eb.fn.max('seq').as('head'))
      .executeTakeFirst();
    return Number(r?.head ?? 0);
  }

  release(id: string, holder: string): Promise<void> {
    return releaseLease(this.db, 'peers', id, holder);
  }
}
