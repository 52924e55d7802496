// Notifications about incidents (issue 16, must 7): the incident services publish an event after
// storing a change, the reminder job publishes NIS2 deadline reminders, and each event becomes
// one stored notification per recipient (read in-app, sent live over the stream) and one POST to
// the node's webhook. Recipients are the active users of this node who hold incident.read and may
// read the incident itself — its latest version's access label, through THE access policy — never
// the actor. A user who may not read the incident gets nothing: no title, no id (must 11). What
// is listed is checked again against the reader's access as it stands then. Assistance requests'
// response clocks (issue 18, must 5) are reminded the same way, to the requester's and the
// coordinator's coordinators who may read the request; their notifications name the request's id.
import { randomUUID } from 'node:crypto';
import { type Action, allowed, authorize } from '../domain/access/permissions.ts';
import type { ResponseClock } from '../domain/assistance/api.ts';
import { clockReminderEvent } from '../domain/assistance/notify.ts';
import { DEFAULT_RESPONSE_REMINDERS, dueResponseReminders } from '../domain/assistance/reminders.ts';
import { canRead } from '../domain/access/policy.ts';
import type { AccessLabel } from '../domain/access/types.ts';
import type { Notification, WaitingIncident } from '../domain/incidents/api.ts';
export type { WaitingIncident };
import { type IncidentEvent, type ReminderEvent, reminderEvent } from '../domain/incidents/notify.ts';
import { dueReminders, type ReminderPolicy } from '../domain/incidents/reminders.ts';
import type { Principal, UserPrincipal } from '../domain/identity/principal.ts';
import type { Org, SharingGroup, UserRecord } from '../domain/identity/types.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import { ForbiddenError, InvalidInputError } from '../errors.ts';
import type { AccessRepo, NotificationRepo, OrgRepo, StoredNotification, UserRepo } from '../store/repositories.ts';
import { userReader } from './auth.service.ts';
import { LiveNotifications, type NotificationListener } from './notification-live.ts';
import type { WebhookLog, WebhookPayload } from './webhook.ts';

/** Where the reminder job finds the incidents waiting for a report (IncidentService.waiting()). */
export type WaitingIncidents = () => Promise<WaitingIncident[]>;

/** An open assistance request with a response clock still due or overdue (issue 18, must 5). */
export interface WaitingRequest {
  id: string;
  title: string;
  /** The requesting organisation and the coordinator's: their coordinators are reminded. */
  orgId: string;
  coordinatorOrg: string;
  clocks: ResponseClock[];
}

/** Who is told of an event: the users holding `action` (of `orgs`, when given) who may read its object. */
interface Audience {
  action: Action;
  orgs?: readonly string[];
}

const INCIDENT_READERS: Audience = { action: 'incident.read' };

export interface NotificationDeps {
  notifications: NotificationRepo;
  users: UserRepo;
  orgs: OrgRepo;
  access: AccessRepo;
  schemes: SchemeRegistry;
  reminders: ReminderPolicy;
  /** The incidents waiting for a report; until wired, the reminder job finds none. */
  waiting?: WaitingIncidents;
  /** The assistance requests waiting for an offer, a team or an after-action report (issue 18). */
  waitingRequests?: () => Promise<WaitingRequest[]>;
  /** The node's webhook, when configured (webhook.ts): queues and returns at once. */
  webhook?: (payload: WebhookPayload) => void;
  /** Where a failed publication is reported. */
  log: WebhookLog;
  /** How often live streams look for what other processes stored (default 5 s). */
  pollMs?: number;
}

/** The reminder job's first run looks back this far (later runs resume from their last tick). */
const FIRST_LOOKBACK_MS = 24 * 3_600_000;
const TICK_STATE = 'reminders.tick';
const MAX_LIMIT = 100;
/** Unread notifications counted at most (the bell shows "99+" long before). */
const UNREAD_SCAN = 1000;

/** The node's users and what decides their reading, read once per event or job run. */
interface Directory {
  users: UserRecord[];
  orgs: Map<string, Org>;
  groups: SharingGroup[];
}

function userOf(p: Principal): UserPrincipal {
  if (p.kind !== 'user') throw new ForbiddenError('notifications belong to users');
  return p;
}

/** Stores, lists and streams each user's notifications; sends reminders. */
export class NotificationService {
  private readonly deps: NotificationDeps;
  /** This process's live streams (notification-live.ts). */
  readonly live: LiveNotifications;

  constructor(deps: NotificationDeps) {
    this.deps = deps;
    this.live = new LiveNotifications({
      newest: (userId) => deps.notifications.list(userId, { limit: 20 }),
      log: deps.log,
      ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    });
  }

  /** The caller's notifications, newest first, with how many are unread. */
  async list(p: Principal, options: { unread?: boolean; limit?: number } = {}): Promise<{ items: Notification[]; unread: number }> {
    authorize(p, 'notification.read');
    const user = userOf(p);
    const limit = options.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputError(`limit must be an integer between 1 and ${MAX_LIMIT}`, { field: 'limit' });
    }
    const items = await this.readable(user, await this.deps.notifications.list(user.user.id, { ...options, limit }));
    const unread = await this.readable(user, await this.deps.notifications.list(user.user.id, { unread: true, limit: UNREAD_SCAN }));
    return { items, unread: unread.length };
  }

  /** Marks the caller's notifications read: these ids, or all. */
  async markRead(p: Principal, which: { ids?: string[]; all?: boolean }, now = new Date()): Promise<void> {
    authorize(p, 'notification.manage');
    const user = userOf(p);
    if ((which.all === true) === (which.ids !== undefined)) {
      throw new InvalidInputError('give either ids or all: true', { field: which.ids === undefined ? 'ids' : 'all' });
    }
    await this.deps.notifications.markRead(user.user.id, which.all === true ? 'all' : { ids: which.ids ?? [] }, now.toISOString());
  }

  /** Sends the caller's new notifications to `listener` until the returned function is called. */
  subscribe(p: Principal, listener: NotificationListener): () => void {
    authorize(p, 'notification.read');
    return this.live.add(userOf(p).user.id, listener);
  }

  /** Tells the incident's readers (but the actor) of `event`. Never throws: the incident
   *  services call it after storing, and a stored change must not be answered as a failure. */
  async publish(event: IncidentEvent): Promise<void> {
    try {
      await this.deliver(event, `${event.kind}/${randomUUID()}`, await this.directory(), new Date());
    } catch (err) {
      // The change is stored; its readers see it on the incident's page even if told of it late.
      this.deps.log.error({ err, incidentId: event.incidentId, kind: event.kind }, 'publishing an incident event failed');
    }
  }

  /**
   * The reminder job's run: every reminder (reminders.ts) that fell due between the last run and
   * `now`, for every incident still waiting for a report. Each reminder's key is stored once per
   * user, so a run repeated after a crash or in a second process stores nothing twice. Returns
   * how many notifications it stored.
   */
  async remind(now: Date): Promise<number> {
    if (this.deps.waiting === undefined && this.deps.waitingRequests === undefined) return 0;
    const last = await this.deps.notifications.getState(TICK_STATE);
    const since = last === undefined ? new Date(now.getTime() - FIRST_LOOKBACK_MS) : new Date(last);
    if (now.getTime() <= since.getTime()) return 0;
    const waiting = (await this.deps.waiting?.()) ?? [];
    let stored = 0;
    if (waiting.length > 0) {
      const dir = await this.directory();
      for (const w of waiting) {
        for (const r of dueReminders(w.id, w.clocks, this.deps.reminders, since, now)) {
          const rule = w.clocks.find((c) => c.stage === r.stage && c.request === r.request)?.rule;
          // Dated when it fell due, so that a run that catches up lists them in order.
          stored += await this.deliver(reminderEvent(r, w.id, w.name, rule), r.key, dir, now, new Date(r.at));
        }
      }
    }
    // After the incidents' (a failure here leaves the tick where it was: the next run delivers
    // again, and each reminder's key is stored once).
    stored += await this.remindRequests(since, now);
    await this.deps.notifications.setState(TICK_STATE, now.toISOString());
    return stored;
  }

  /** The response-clock reminders of open assistance requests in (since, now], to the requester's
   *  and the coordinator's coordinators who may read the request (issue 18, must 5). */
  private async remindRequests(since: Date, now: Date): Promise<number> {
    const waiting = (await this.deps.waitingRequests?.()) ?? [];
    if (waiting.length === 0) return 0;
    const dir = await this.directory();
    let stored = 0;
    for (const w of waiting) {
      const audience: Audience = { action: 'assistance.request', orgs: [w.orgId, w.coordinatorOrg] };
      for (const r of dueResponseReminders(w.id, w.clocks, DEFAULT_RESPONSE_REMINDERS, since, now))
        stored += await this.deliver(clockReminderEvent(r, w.id, w.title), r.key, dir, now, new Date(r.at), audience);
    }
    return stored;
  }

  /** Stores the event for each recipient, streams what was new, posts the webhook; returns how
   *  many notifications were stored. */
  private async deliver(
    event: IncidentEvent | ReminderEvent,
    key: string,
    dir: Directory,
    now: Date,
    dated = now,
    audience: Audience = INCIDENT_READERS,
  ): Promise<number> {
    const label = (await this.deps.access.latest([event.incidentId])).get(event.incidentId);
    const recipients = label === undefined ? [] : this.recipients(label, dir, event.actor, audience);
    const at = now.toISOString();
    const rows: StoredNotification[] = recipients.map((userId) => ({
      id: randomUUID(),
      userId,
      key,
      kind: event.kind,
      incidentId: event.incidentId,
      title: event.title,
      body: event.body,
      createdAt: dated.toISOString(),
      readAt: null,
    }));
    const stored = await this.deps.notifications.add(rows);
    for (const { userId, key: _key, ...n } of stored) this.live.emit(userId, n);
    // A reminder offered again (its key stored already) was posted already too.
    if (this.deps.webhook !== undefined && (stored.length > 0 || rows.length === 0)) {
      const stage = 'stage' in event ? { stage: event.stage, dueAt: event.dueAt } : {};
      this.deps.webhook({ kind: event.kind, incidentId: event.incidentId, ...stage, at });
    }
    return stored.length;
  }

  /** The active users of the audience who may read an object labelled `label`, but `actor`. */
  private recipients(label: AccessLabel, dir: Directory, actor: string | undefined, audience: Audience): string[] {
    const out: string[] = [];
    for (const user of dir.users) {
      const org = dir.orgs.get(user.orgId);
      if (user.disabled || org === undefined || org.disabled || user.id === actor) continue;
      if (audience.orgs !== undefined && !audience.orgs.includes(org.id)) continue;
      if (!allowed({ kind: 'user', user, org, scope: 'read-write' }, audience.action, { orgId: org.id })) continue;
      if (canRead(userReader(user, org, dir.groups), label, this.deps.schemes)) out.push(user.id);
    }
    return out;
  }

  /** Those of `items` whose incident the user may read now (access may have narrowed since). */
  private async readable(p: UserPrincipal, items: Notification[]): Promise<Notification[]> {
    if (items.length === 0) return items;
    const labels = await this.deps.access.latest([...new Set(items.map((n) => n.incidentId))]);
    return items.filter((n) => {
      const label = labels.get(n.incidentId);
      return label !== undefined && canRead(p.reader, label, this.deps.schemes);
    });
  }

  private async directory(): Promise<Directory> {
    const [users, orgs, groups] = await Promise.all([
      this.deps.users.listUsers(),
      this.deps.orgs.listOrgs(),
      this.deps.orgs.listSharingGroups(),
    ]);
    return { users, orgs: new Map(orgs.map((o) => [o.id, o])), groups };
  }
}
