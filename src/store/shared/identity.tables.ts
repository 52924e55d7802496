// Kysely row types of the identity tables (migrations/0005_identity.ts). Booleans are 0/1 in
// SQLite and boolean in PostgreSQL; JSON columns hold arrays or maps as text.

export interface OrganizationsTable {
  id: string;
  name: string;
  country: string | null;
  communities: string;
  node: string | null;
  default_tlp: string;
  default_distribution: string;
  /** migrations/0031_org_nis2.ts */
  nis2_role: string | null;
  sectors: string;
  csirt_org: string | null;
  /** migrations/0035_sightings.ts */
  sighting_disclosure: string;
  disabled: number | boolean;
  created_at: string;
  updated_at: string;
}

export interface CommunitiesTable {
  id: string;
  name: string;
  description: string;
  disabled: number | boolean;
  created_at: string;
  updated_at: string;
}

export interface SharingGroupsTable {
  id: string;
  name: string;
  description: string;
  owner_org: string;
  members: string;
  disabled: number | boolean;
  created_at: string;
  updated_at: string;
  origin_key: string | null;
}

export interface UsersTable {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  roles: string;
  clearances: string;
  exercises: string;
  disabled: number | boolean;
  must_change_password: number | boolean;
  failed_logins: number;
  last_failed_at: string | null;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scope: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf: string;
  expires_at: string;
  created_at: string;
}

/** The identity tables, merged into `Tables`. */
export interface IdentityTables {
  organizations: OrganizationsTable;
  communities: CommunitiesTable;
  sharing_groups: SharingGroupsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
}
