// In-app notifications on either engine: one Kysely implementation (migrations/0033_notifications.ts).
import type { Kysely } from 'kysely';
import type { Notification } from '../../domain/incidents/api.ts';
import type { NotificationRepo, StoredNotification } from '../repositories.ts';
import type { Tables } from './tables.ts';

interface NotificationsTable {
  id: string;
  user_id: string;
  incident_id: string;
  kind: string;
  key: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

interface NotificationStateTable {
  name: string;
  value: string;
}

/** The tables of this repository, next to the store's own. */
export type NotificationTables = { notifications: NotificationsTable; notification_state: NotificationStateTable };

const toNotification = (r: NotificationsTable): Notification => ({
  id: r.id,
  kind: r.kind as Notification['kind'],
  incidentId: r.incident_id,
  title: r.title,
  body: r.body,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** Each user's notifications; every read and change names the user. */
export class KyselyNotificationRepo implements NotificationRepo {
  private readonly db: Kysely<Tables & NotificationTables>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<NotificationTables>();
  }

  async add(items: readonly StoredNotification[]): Promise<StoredNotification[]> {
    if (items.length === 0) return [];
    return this.db.transaction().execute(async (tx) => {
      const stored: StoredNotification[] = [];
      for (const n of items) {
        // One row per (user, key): the reminder job may offer the same reminder again (a restart,
        // another process); the row that exists wins and this one is not reported as new.
        const row = await tx
          .insertInto('notifications')
          .values({
            id: n.id,
            user_id: n.userId,
            incident_id: n.incidentId,
            kind: n.kind,
            key: n.key,
            title: n.title,
            body: n.body,
            created_at: n.createdAt,
            read_at: n.readAt,
          })
          .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (row !== undefined) stored.push(n);
      }
      return stored;
    });
  }

  async list(userId: string, options: { unread?: boolean; limit: number }): Promise<Notification[]> {
    let q = this.db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
    if (options.unread === true) q = q.where('read_at', 'is', null);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map(toNotification);
  }

  async unread(userId: string): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async markRead(userId: string, which: { ids: readonly string[] } | 'all', at: string): Promise<number> {
    if (which !== 'all' && which.ids.length === 0) return 0;
    let q = this.db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (which !== 'all') q = q.where('id', 'in', [...which.ids]);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async getState(name: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('notification_state').select('value').where('name', '=', name).executeTakeFirst();
    return r?.value;
  }

  async setState(name: string, value: string): Promise<void> {
    await this.db
      .insertInto('notification_state')
      .values({ name, value })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
      .execute();
  }
}
