// TAXII feeds on either engine: one Kysely implementation (migrations/0010_feeds.ts).
import type { Kysely } from 'kysely';
import type { Feed, FeedAuth, FeedProgress, FeedPullResult } from '../../domain/feeds/types.ts';
import { feedNameFromUrl } from '../../domain/feeds/name.ts';
import { ConflictError } from '../../errors.ts';
import type { FeedRepo } from '../repositories.ts';
import { claimLease, leaseHolder, releaseLease } from './lease.ts';
import type { Tables } from './tables.ts';

interface FeedsTable {
  id: string;
  /** Null only between migration 0028's column and its fill; unique. */
  name: string | null;
  url: string;
  objects_url: string;
  collection_id: string;
  /** The data directory (or database) is the trust boundary: credentials are stored as given,
   *  readable by whoever can read the objects themselves. */
  auth: string;
  interval_seconds: number;
  tlp: string | null;
  distribution: string | null;
  cursor: string | null;
  next: string | null;
  run_last: string | null;
  last_pull_at: string | null;
  last_result: string | null;
  lease_holder: string | null;
  lease_until: string | null;
  created_at: string;
}

/** The tables of this repository, next to the store's own. */
export type FeedTables = { feeds: FeedsTable };

function toFeed(r: FeedsTable): Feed {
  // Written by this repository from a FeedAuth and a FeedPullResult, so the shapes are known.
  const auth: FeedAuth = JSON.parse(r.auth);
  const lastResult: FeedPullResult | null = r.last_result === null ? null : JSON.parse(r.last_result);
  return {
    id: r.id,
    name: r.name ?? feedNameFromUrl(r.url),
    url: r.url,
    objectsUrl: r.objects_url,
    collectionId: r.collection_id,
    auth,
    intervalSeconds: Number(r.interval_seconds),
    tlp: r.tlp,
    distribution: r.distribution,
    cursor: r.cursor,
    next: r.next,
    runLast: r.run_last,
    lastPullAt: r.last_pull_at,
    lastResult,
    createdAt: r.created_at,
  };
}

/** The unique index on names (migrations/0028) refused `name`: SQLite's and PostgreSQL's
 *  codes for a unique violation. Anything else is passed on. */
function nameTaken(e: unknown, name: string): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === '23505' || /^SQLITE_CONSTRAINT_UNIQUE$/.test(String(code)))
    return new ConflictError(`a feed is already named ${name}`, { field: 'name' });
  return e;
}

/** Feeds and their pull leases. */
export class KyselyFeedRepo implements FeedRepo {
  private readonly db: Kysely<Tables & FeedTables>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<FeedTables>();
  }

  async create(f: Feed): Promise<void> {
    await this.db
      .insertInto('feeds')
      .values({
        id: f.id,
        name: f.name,
        url: f.url,
        objects_url: f.objectsUrl,
        collection_id: f.collectionId,
        auth: JSON.stringify(f.auth),
        interval_seconds: f.intervalSeconds,
        tlp: f.tlp,
        distribution: f.distribution,
        cursor: f.cursor,
        next: f.next,
        run_last: f.runLast,
        last_pull_at: f.lastPullAt,
        last_result: f.lastResult === null ? null : JSON.stringify(f.lastResult),
        lease_holder: null,
        lease_until: null,
        created_at: f.createdAt,
      })
      .execute()
      .catch((e: unknown) => {
        throw nameTaken(e, f.name);
      });
  }

  async rename(id: string, name: string): Promise<boolean> {
    const r = await this.db
      .updateTable('feeds')
      .set({ name })
      .where('id', '=', id)
      .executeTakeFirst()
      .catch((e: unknown) => {
        throw nameTaken(e, name);
      });
    return Number(r.numUpdatedRows) > 0;
  }

  async findByName(name: string): Promise<Feed | undefined> {
    const row = await this.db.selectFrom('feeds').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toFeed(row);
  }

  async get(id: string): Promise<Feed | undefined> {
    const row = await this.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toFeed(row);
  }

  async list(): Promise<Feed[]> {
    const rows = await this.db.selectFrom('feeds').selectAll().orderBy('name').orderBy('id').execute();
    return rows.map(toFeed);
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('feeds').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async saveProgress(id: string, p: FeedProgress): Promise<void> {
    await this.db.updateTable('feeds').set({ cursor: p.cursor, next: p.next, run_last: p.runLast }).where('id', '=', id).execute();
  }

  async saveResult(id: string, result: FeedPullResult): Promise<void> {
    await this.db
      .updateTable('feeds')
      .set({ last_pull_at: result.finishedAt, last_result: JSON.stringify(result) })
      .where('id', '=', id)
      .execute();
  }

  claim(id: string, holder: string, now: string, until: string): Promise<boolean> {
    return claimLease(this.db, 'feeds', id, holder, now, until);
  }

  leaseHolder(id: string): Promise<string | null> {
    return leaseHolder(this.db, 'feeds', id);
  }

  release(id: string, holder: string): Promise<void> {
    return releaseLease(this.db, 'feeds', id, holder);
  }
}
