// Saved searches on either engine: one Kysely implementation (migrations/0027_saved_searches.ts).
import type { Kysely } from 'kysely';
import type { SavedSearch } from '../../domain/explorer/types.ts';
import type { SavedSearchRepo } from '../repositories.ts';
import type { Tables } from './tables.ts';

interface SavedSearchesTable {
  id: string;
  user_id: string;
  name: string;
  query: string;
  created_at: string;
}

/** The table of this repository, next to the store's own. */
export type SavedSearchTables = { saved_searches: SavedSearchesTable };

const toSaved = (r: SavedSearchesTable): SavedSearch => ({ id: r.id, name: r.name, query: r.query, createdAt: r.created_at });

/** Each user's saved searches; every read and delete names the user. */
export class KyselySavedSearchRepo implements SavedSearchRepo {
  private readonly db: Kysely<Tables & SavedSearchTables>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<SavedSearchTables>();
  }

  async create(userId: string, s: SavedSearch): Promise<void> {
    await this.db
      .insertInto('saved_searches')
      .values({ id: s.id, user_id: userId, name: s.name, query: s.query, created_at: s.createdAt })
      .execute();
  }

  async list(userId: string): Promise<SavedSearch[]> {
    const rows = await this.db
      .selectFrom('saved_searches')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toSaved);
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('saved_searches').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
