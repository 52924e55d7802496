// Organisations, communities and sharing groups on either engine: one Kysely implementation.
import type { Kysely } from 'kysely';
import type { Community, Org, SharingGroup } from '../../domain/identity/types.ts';
import { DISCLOSURES, type Disclosure } from '../../domain/sightings/api.ts';
import type { OrgRepo } from '../repositories.ts';
import type { CommunitiesTable, OrganizationsTable, SharingGroupsTable } from './identity.tables.ts';
import { stringArray } from './json-columns.ts';
import type { Tables } from './tables.ts';

type Bool = (v: boolean) => number | boolean;

function toOrg(r: OrganizationsTable): Org {
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    communities: stringArray(r.communities),
    node: r.node,
    defaultTlp: r.default_tlp,
    defaultDistribution: r.default_distribution,
    nis2Role: r.nis2_role as Org['nis2Role'],
    sectors: stringArray(r.sectors),
    csirtOrg: r.csirt_org,
    sightingDisclosure: (DISCLOSURES as readonly string[]).includes(r.sighting_disclosure)
      ? (r.sighting_disclosure as Disclosure)
      : 'organization',
    disabled: Boolean(r.disabled),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toCommunity(r: CommunitiesTable): Community {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    disabled: Boolean(r.disabled),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toGroup(r: SharingGroupsTable): SharingGroup {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    ownerOrg: r.owner_org,
    members: stringArray(r.members),
    disabled: Boolean(r.disabled),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    origin: r.origin_key,
  };
}

/** Organisations, communities and sharing groups. */
export class KyselyOrgRepo implements OrgRepo {
  private readonly db: Kysely<Tables>;
  private readonly bool: Bool;

  constructor(db: Kysely<Tables>, bool: Bool) {
    this.db = db;
    this.bool = bool;
  }

  async putOrg(o: Org): Promise<void> {
    const row: OrganizationsTable = {
      id: o.id,
      name: o.name,
      country: o.country,
      communities: JSON.stringify(o.communities),
      node: o.node,
      default_tlp: o.defaultTlp,
      default_distribution: o.defaultDistribution,
      nis2_role: o.nis2Role,
      sectors: JSON.stringify(o.sectors),
      csirt_org: o.csirtOrg,
      sighting_disclosure: o.sightingDisclosure,
      disabled: this.bool(o.disabled),
      created_at: o.createdAt,
      updated_at: o.updatedAt,
    };
    const { id: _id, ...rest } = row;
    await this.db
      .insertInto('organizations')
      .values(row)
      .onConflict((c) => c.column('id').doUpdateSet(rest))
      .execute();
  }

  async getOrg(id: string): Promise<Org | undefined> {
    const r = await this.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toOrg(r);
  }

  async findOrgByName(name: string): Promise<Org | undefined> {
    const r = await this.db.selectFrom('organizations').selectAll().where('name', '=', name).executeTakeFirst();
    return r && toOrg(r);
  }

  async listOrgs(): Promise<Org[]> {
    return (await this.db.selectFrom('organizations').selectAll().orderBy('name').execute()).map(toOrg);
  }

  async putCommunity(c: Community): Promise<void> {
    const row: CommunitiesTable = {
      id: c.id,
      name: c.name,
      description: c.description,
      disabled: this.bool(c.disabled),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    };
    const { id: _id, ...rest } = row;
    await this.db
      .insertInto('communities')
      .values(row)
      .onConflict((k) => k.column('id').doUpdateSet(rest))
      .execute();
  }

  async getCommunity(id: string): Promise<Community | undefined> {
    const r = await this.db.selectFrom('communities').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toCommunity(r);
  }

  async listCommunities(): Promise<Community[]> {
    return (await this.db.selectFrom('communities').selectAll().orderBy('id').execute()).map(toCommunity);
  }

  async putSharingGroup(g: SharingGroup): Promise<void> {
    const row: SharingGroupsTable = {
      id: g.id,
      name: g.name,
      description: g.description,
      owner_org: g.ownerOrg,
      members: JSON.stringify(g.members),
      disabled: this.bool(g.disabled),
      created_at: g.createdAt,
      updated_at: g.updatedAt,
      origin_key: g.origin,
    };
    const { id: _id, ...rest } = row;
    await this.db
      .insertInto('sharing_groups')
      .values(row)
      .onConflict((k) => k.column('id').doUpdateSet(rest))
      .execute();
  }

  async getSharingGroup(id: string): Promise<SharingGroup | undefined> {
    const r = await this.db.selectFrom('sharing_groups').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toGroup(r);
  }

  async listSharingGroups(): Promise<SharingGroup[]> {
    return (await this.db.selectFrom('sharing_groups').selectAll().orderBy('name').execute()).map(toGroup);
  }
}
