// The repositories of incident work (issue 16): the incident projection (migrations/0032), each
// user's notifications (0033) and the record of cross-border shares (0034). Kept beside
// repositories.ts, which re-exports them, so that neither file outgrows a reading.
import type { AccessLabel } from '../domain/access/types.ts';
import type { IncidentFilter, IncidentSort, Notification } from '../domain/incidents/api.ts';
import type { IncidentLink, IncidentRecord, StageRecord } from '../domain/incidents/project.ts';
import type { IncidentShareRecord } from '../domain/incidents/share.ts';

/** An incident row with the access label of the incident version it was projected from
 *  (null: not labelled, read by no one). */
export interface LabelledIncident {
  record: IncidentRecord;
  label: AccessLabel | null;
}

/** One page of the incidents list: filters, order, keyset position, and the time "overdue" is
 *  decided at (ISO 8601). */
export interface IncidentListQuery {
  filter: IncidentFilter;
  sort: IncidentSort;
  now: string;
  /** The sort key (null: an incident without a waiting deadline) and id of the last row read. */
  after?: { key: string | null; id: string };
  limit: number;
  /** Only incidents of this CSIRT's constituency (its inbox). */
  csirtOrg?: string;
  /** A necessary condition of the reader's access, tested in the query so that a reader who may
   *  read few incidents is not handed every row to refuse: the incident's label is owned by one of
   *  `orgs` or has one of `distributions`. The caller still decides on each row. */
  audience?: { orgs: readonly string[]; distributions: readonly string[] };
}

/** Counts of the dashboard's incident panels, per access label (the service keeps the readable). */
export interface IncidentGroups {
  /** Counts per label, owner country, member states affected and sector (one scan for both panels). */
  places: { label: AccessLabel; country: string | null; memberStates: string[]; sector: string | null; count: number }[];
  severities: { label: AccessLabel; day: string; severity: string | null; count: number }[];
}

/** A stage whose deadline falls in a window, with its incident's label. */
export interface DueStage {
  label: AccessLabel;
  incidentId: string;
  incidentName: string;
  stage: StageRecord['stage'];
  dueAt: string;
}

/** The incident projection (issue 16, migrations/0032): rows derived from stored objects. */
export interface IncidentRepo {
  /** The last store sequence projected (0 before the first). */
  cursor(): Promise<number>;
  setCursor(seq: number): Promise<void>;
  /** Versions of the projected types (project.ts PROJECTED_TYPES) stored after `after`, in seq order. */
  changes(after: number, limit: number): Promise<{ seq: number; id: string }[]>;
  /** The store's highest seq. */
  headSeq(): Promise<number>;
  /** Replaces the links declared by these objects with `links`; returns the incidents whose
   *  links changed (before or after). */
  replaceLinks(declaredBy: readonly string[], links: readonly IncidentLink[]): Promise<string[]>;
  /** Links of these incidents. */
  links(incidentIds: readonly string[]): Promise<IncidentLink[]>;
  /** Links naming `objectId` as the incident's work or linked object. */
  linksTo(objectId: string): Promise<IncidentLink[]>;
  /** Stores (or replaces) incidents' rows and stages, in one transaction. */
  put(rows: readonly { record: IncidentRecord; stages: readonly StageRecord[] }[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  get(id: string): Promise<LabelledIncident | undefined>;
  stages(id: string): Promise<StageRecord[]>;
  /** One page of rows matching the filter, in order (the reader's access is decided by the caller). */
  list(q: IncidentListQuery): Promise<LabelledIncident[]>;
  /** Incidents whose awareness falls in [from, to). */
  aware(from: string, to: string): Promise<LabelledIncident[]>;
  /** The panels' counts (scans every incident): severities of the incidents aware from `since`. */
  groups(since: string): Promise<IncidentGroups>;
  /** Stages not submitted whose clock runs at `now` and whose deadline falls in [now, until], soonest first. */
  dueSoon(now: string, until: string, limit: number): Promise<DueStage[]>;
  /** Incidents with a stage whose clock runs and that is not submitted (due or overdue) at `now`. */
  waiting(now: string): Promise<LabelledIncident[]>;
}

/** A notification as stored: for one user, with its idempotency key (unique per user). */
export interface StoredNotification extends Notification {
  userId: string;
  key: string;
}

/** Each user's in-app notifications (issue 16, must 7; migrations/0033). Every read and change
 *  names the user: a user never reads or marks another's. */
export interface NotificationRepo {
  /** Stores each unless its user has one with the same key already; returns those it stored. */
  add(items: readonly StoredNotification[]): Promise<StoredNotification[]>;
  /** The user's notifications, newest first (only unread ones when `unread`). */
  list(userId: string, options: { unread?: boolean; limit: number }): Promise<Notification[]>;
  /** How many of the user's notifications are unread. */
  unread(userId: string): Promise<number>;
  /** Marks these (or all) of the user's unread notifications read at `at`; returns how many. */
  markRead(userId: string, which: { ids: readonly string[] } | 'all', at: string): Promise<number>;
  /** A value the notification jobs keep between runs (the reminder job's last tick). */
  getState(name: string): Promise<string | undefined>;
  setState(name: string, value: string): Promise<void>;
}

/** The record of incidents' cross-border shares and handovers (issue 16, must 6; migrations/0034). */
export interface IncidentShareRepo {
  add(share: IncidentShareRecord): Promise<void>;
  /** Shares of these incidents, or whose shared object is one of them; oldest first. */
  of(ids: readonly string[]): Promise<IncidentShareRecord[]>;
}
