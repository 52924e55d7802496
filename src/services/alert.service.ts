// Collective-threat alerts as each reader may read them (issue 17, must 4): the list (from the
// alert projection, migrations/0036), one alert with where and when it was sighted, and the live
// stream. Each alert is read under its own access label (the rule's community and TLP, and its
// exercise); its sightings are shown only as far as the reader may read each of them.
import { canRead } from '../domain/access/policy.ts';
import { authorize } from '../domain/access/permissions.ts';
import type { AccessLabel } from '../domain/access/types.ts';
import { placesOf, seriesOf } from '../domain/alerts/alert-object.ts';
import { ALERT_TYPE, type AlertView } from '../domain/alerts/api.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { bannerOf, markingOf } from '../domain/markings/banner.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type { AlertRepo, LabelledAlert, ObjectRepo } from '../store/repositories.ts';
import type { LabelledSighting, SightingRepo } from '../store/sighting-repositories.ts';
import { type AccessGate, readAs, readerOf } from './access-gate.ts';

export interface AlertServiceDeps {
  alerts: AlertRepo;
  objects: Pick<ObjectRepo, 'get'>;
  sightings: Pick<SightingRepo, 'ofObjects'>;
  schemes: SchemeRegistry;
  gate: Pick<AccessGate, 'visibleIds'>;
}

/** GET /api/v1/alerts. */
export interface AlertListRequest {
  rule?: string;
  community?: string;
  since?: string;
  limit?: number;
  cursor?: string;
}

export interface AlertPage {
  alerts: AlertView[];
  /** Pass as `cursor` for the next page; null on the last. */
  next: string | null;
}

/** Rows read per step while filling a page with readable alerts. */
const SCAN = 200;
const MAX_SCAN = 20;

type Listener = (view: AlertView) => void;

export class AlertService {
  private readonly deps: AlertServiceDeps;
  private readonly listeners = new Map<Listener, Principal>();

  constructor(deps: AlertServiceDeps) {
    this.deps = deps;
  }

  /** The alerts the caller may read, newest activity first. */
  async list(p: Principal, q: AlertListRequest = {}): Promise<AlertPage> {
    authorize(p, 'alert.read');
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    if (q.since !== undefined && !Number.isFinite(Date.parse(q.since)))
      throw new InvalidInputError('since must be an ISO 8601 time', { field: 'since' });
    const since = q.since === undefined ? undefined : new Date(q.since).toISOString();
    let after = q.cursor === undefined ? undefined : parseCursor(q.cursor);
    const out: AlertView[] = [];
    for (let step = 0; step < MAX_SCAN && out.length < limit; step++) {
      const rows = await this.deps.alerts.list({
        ...(q.rule ? { rule: q.rule } : {}),
        ...(q.community ? { community: q.community } : {}),
        ...(since ? { since } : {}),
        ...(after ? { after } : {}),
        limit: SCAN,
      });
      for (const row of rows) {
        after = { lastSeen: row.record.lastSeen, id: row.record.id };
        if (this.readable(p, row.label)) out.push(await this.view(p, row, false));
        if (out.length === limit) break;
      }
      if (rows.length < SCAN) return { alerts: out, next: out.length === limit && after ? cursorOf(after) : null };
    }
    return { alerts: out, next: after ? cursorOf(after) : null };
  }

  /** One alert with its places, series and sightings as far as the caller may read them. An
   *  alert the caller may not read is missing (404). */
  async get(p: Principal, id: string): Promise<AlertView> {
    authorize(p, 'alert.read');
    const row = id.startsWith(`${ALERT_TYPE}--`) ? await this.deps.alerts.get(id) : undefined;
    if (row === undefined || !this.readable(p, row.label)) throw new NotFoundError(`alert ${id}`);
    return this.view(p, row, true);
  }

  /** Calls `listener` with each alert raised or grown that the caller may read, until the
   *  returned function is called. */
  subscribe(p: Principal, listener: Listener): () => void {
    authorize(p, 'alert.read');
    this.listeners.set(listener, p);
    return () => void this.listeners.delete(listener);
  }

  /** The evaluator stored these alerts: tell the listeners who may read them. */
  async raised(ids: readonly string[]): Promise<void> {
    if (this.listeners.size === 0) return;
    for (const id of ids) {
      const row = await this.deps.alerts.get(id);
      if (row === undefined) continue;
      for (const [listener, p] of [...this.listeners]) {
        if (this.readable(p, row.label)) listener(await this.view(p, row, true));
      }
    }
  }

  private readable(p: Principal, label: AccessLabel | null): label is AccessLabel {
    if (label === null) return false;
    const reader = readerOf(p);
    return reader === null || canRead(reader, label, this.deps.schemes);
  }

  /** The view of a readable row; `full` adds the sightings, places and series. */
  private async view(p: Principal, row: LabelledAlert, full: boolean): Promise<AlertView> {
    const r = row.record;
    const object = await this.json(r.id);
    const rule = await this.json(r.ruleId);
    const allRefs = strings(object?.['object_refs']);
    // The objects sighted are named only to readers who may read them; an object or malware
    // subject the reader may not read is shown by its id, never by its name.
    const visible = await this.deps.gate.visibleIds(readAs(p), [...allRefs, r.subjectKey]);
    const objectRefs = allRefs.filter((id) => visible.has(id));
    const label = r.subjectKind === 'value' || visible.has(r.subjectKey) ? r.subjectLabel : r.subjectKey;
    const sightings = full ? await this.sightingsOf(p, allRefs, new Set(strings(object?.['sighting_refs']))) : [];
    return {
      id: r.id,
      rule: { id: r.ruleId, name: typeof rule?.['name'] === 'string' ? rule['name'] : r.ruleId, community: r.community },
      subject: { kind: r.subjectKind, key: r.subjectKey, label },
      objectRefs,
      sightingRefs: sightings.map((s) => s.record.id),
      organisations: r.organisations,
      countries: r.countries,
      sectors: strings(object?.['sectors']),
      sightings: r.sightings,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
      places: placesOf(sightings.map((s) => s.record)),
      series: seriesOf(sightings.map((s) => s.record)),
      exercise: r.exercise,
      created: r.created,
      modified: r.modified,
      marking: row.label ? bannerOf([markingOf(row.label, (s) => this.deps.schemes.get(s))]) : null,
    };
  }

  /** The alert's sightings the caller may read. */
  private async sightingsOf(p: Principal, objectRefs: string[], ids: ReadonlySet<string>): Promise<LabelledSighting[]> {
    if (objectRefs.length === 0 || ids.size === 0) return [];
    const all = await this.deps.sightings.ofObjects(objectRefs);
    return all.filter((s) => ids.has(s.record.id) && this.readable(p, s.label)).sort((a, b) => (a.record.id < b.record.id ? -1 : 1));
  }

  private async json(id: string): Promise<JsonObject | undefined> {
    const o = await this.deps.objects.get(id);
    return o ? (JSON.parse(o.json) as JsonObject) : undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function cursorOf(at: { lastSeen: string; id: string }): string {
  return Buffer.from(`${at.lastSeen}|${at.id}`).toString('base64url');
}

function parseCursor(cursor: string): { lastSeen: string; id: string } {
  const [lastSeen, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!lastSeen || !id) throw new InvalidInputError('cursor is not one this list gave', { field: 'cursor' });
  return { lastSeen, id };
}
