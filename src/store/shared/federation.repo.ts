// The federation repositories (migrations/0011_federation.ts) over one database, one file each.
import type { Kysely } from 'kysely';
import type { FederationRepos } from '../repositories.ts';
import { KyselyEgressFormRepo } from './egress-form.repo.ts';
import { KyselyNodeKeyRepo } from './node-key.repo.ts';
import { KyselyNonceRepo } from './nonce.repo.ts';
import { KyselyOriginRepo } from './origin.repo.ts';
import { KyselyPeerRepo } from './peer.repo.ts';
import { KyselyTombstoneRepo } from './tombstone.repo.ts';
import { KyselyWitnessRepo } from './witness.repo.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

/** The federation repositories over one database. */
export function federationRepos(db: Kysely<Tables>, dialect: SqlDialect): FederationRepos {
  return {
    nodeKey: new KyselyNodeKeyRepo(db),
    forms: new KyselyEgressFormRepo(db),
    peers: new KyselyPeerRepo(db, dialect),
    origins: new KyselyOriginRepo(db, dialect),
    tombstones: new KyselyTombstoneRepo(db, dialect),
    witnesses: new KyselyWitnessRepo(db),
    nonces: new KyselyNonceRepo(db),
  };
}
