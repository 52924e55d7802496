// The situational-awareness dashboard (issue 6, item 2; issue 15, must 7): for a period of `days`,
// counts by type, TLP and classification, activity by the objects' own time, where threats were
// sighted and where targets are, the most active threats, and the latest objects shared with the
// reader's organisation. Every number counts only what the reader may read (DESIGN.md principle 2):
// the store groups versions by access label, the policy decides per label.
import { readAs, readerOf, type AccessGate } from './access-gate.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { authorize } from '../domain/access/permissions.ts';
import type { Org } from '../domain/identity/types.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import { bannerOf, markingOf } from '../domain/markings/banner.ts';
import { TLP_LEVELS } from '../domain/markings/tlp.ts';
import type { AccessRepo, ObjectRepo, DashboardRepo } from '../store/repositories.ts';
import type {
  ActivityGroup,
  LabelGroup,
  Banner,
  Count,
  Dashboard,
  DashboardRange,
  ObjectSummary,
  PlaceFacts,
  PlaceGroup,
} from '../domain/dashboard/types.ts';
import { bump, countable, LabelCache, ranked, type Labelled } from '../domain/dashboard/tally.ts';
import { tallyActivity, tallyThreats } from '../domain/dashboard/period.ts';
import { placeCountries, tallyPlaces } from '../domain/dashboard/places.ts';
import { DEFAULT_DAYS, inRange, rangeOf } from '../domain/dashboard/range.ts';

/** Types that describe the node's own vocabulary, not intelligence: left out of every count. */
const PLUMBING = ['marking-definition', 'extension-definition'];
/** Whose activity the "most active" panel ranks (issue 15, must 7). */
const THREAT_TYPES = ['threat-actor', 'intrusion-set', 'malware', 'campaign'];

export interface DashboardDeps {
  dashboard: DashboardRepo;
  objects: ObjectRepo;
  access: AccessRepo;
  gate: AccessGate;
  schemes: SchemeRegistry;
  orgs: { listOrgs(): Promise<Org[]> };
}

/** Node-wide groups, cached until the store changes (they depend on neither reader nor period). */
interface Snapshot {
  seq: number;
  latest: LabelGroup[];
  threats: ActivityGroup[];
  places: PlaceGroup[];
  facts: PlaceFacts;
}

/** Dashboard aggregates, filtered per reader by the access policy. */
export class DashboardService {
  private readonly deps: DashboardDeps;
  private snapshot: Snapshot | undefined;
  private computing: Promise<Snapshot> | undefined;

  constructor(deps: DashboardDeps) {
    this.deps = deps;
  }

  /** The dashboard as `principal` may see it, for the `days` ending today. */
  async summary(principal: Principal, days = DEFAULT_DAYS, now = new Date()): Promise<Dashboard> {
    authorize(principal, 'dashboard.read');
    const range = rangeOf(now, days);
    const snap = await this.groups();
    const reader = readerOf(principal);
    const labels = new LabelCache();
    const visible = (g: Labelled): boolean => countable(reader, g, labels, this.deps.schemes);
    const latest = snap.latest.filter((g) => !PLUMBING.includes(g.type) && visible(g));
    const byType = new Map<string, number>(),
      byTlp = new Map<string, number>(),
      byClass = new Map<string, number>();
    // The banner covers everything counted, the total included (issue 15, must 1).
    const counted = new Set<string>();
    let total = 0;
    let period = 0;
    for (const g of latest) {
      counted.add(g.label);
      total += g.count;
      if (!inRange(range, g.day)) continue;
      const label = labels.get(g.label);
      period += g.count;
      bump(byType, g.type, g.count);
      bump(byTlp, label.tlp, g.count);
      bump(byClass, label.classification?.level ?? 'unclassified', g.count);
    }
    const orgs = new Map((await this.deps.orgs.listOrgs()).map((o) => [o.id, o.country]));
    return {
      asOf: snap.seq,
      range,
      total,
      inRange: period,
      byType: ranked(byType),
      byTlp: TLP_LEVELS.map((t) => ({ key: t, count: byTlp.get(t) ?? 0 })),
      byClassification: this.classificationOrder(byClass),
      places: tallyPlaces(snap.places, placeCountries(snap.facts, orgs, visible), range, visible),
      activity: tallyActivity(latest, range, () => true),
      topThreats: await this.topThreats(principal, tallyThreats(snap.threats, range, visible)),
      recent: await this.recent(principal, range),
      banner: bannerOf([...counted].map((l) => markingOf(labels.get(l), this.scheme))),
    };
  }

  /** The banner for the objects on one screen: the most restrictive TLP, the highest level per
   *  scheme and the releasability, of the latest versions of `ids` the principal may read. */
  async banner(principal: Principal, ids: readonly string[]): Promise<Banner> {
    authorize(principal, 'dashboard.read');
    const shown = await this.deps.gate.filter(readAs(principal), await this.deps.objects.getMany([...new Set(ids)]));
    // The gate decided on each version's label; the node's own command line reads unlabelled.
    const labels = readerOf(principal) === null ? await this.deps.access.latest(shown.map((o) => o.id)) : undefined;
    const marked = shown.flatMap((o) => {
      const label = o.label ?? labels?.get(o.id);
      return label ? [{ id: o.id, marking: markingOf(label, this.scheme) }] : [];
    });
    const objects: Banner['objects'] = {};
    for (const { id, marking } of marked) objects[id] = { tlp: marking.tlp, classification: marking.classification?.level ?? null };
    return { ...bannerOf(marked.map((m) => m.marking)), objects };
  }

  private readonly scheme = (id: string) => this.deps.schemes.get(id);

  /** Levels in scheme order, lowest first, `unclassified` first of all. */
  private classificationOrder(counts: Map<string, number>): Count[] {
    const order = ['unclassified', ...this.deps.schemes.all().flatMap((s) => s.levels)];
    const rank = (k: string): number => (order.includes(k) ? order.indexOf(k) : order.length);
    return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
  }

  private async topThreats(principal: Principal, top: ReturnType<typeof tallyThreats>): Promise<Dashboard['topThreats']> {
    const shown = await this.deps.gate.filter(readAs(principal), await this.deps.objects.getMany(top.map((t) => t.id)));
    const byId = new Map(shown.map((o) => [o.id, o]));
    return top.flatMap((t) => {
      const o = byId.get(t.id);
      const count = t.activity.relationships + t.activity.sightings;
      return o ? [{ id: o.id, type: o.type, name: nameOf(o.json), count, activity: t.activity }] : [];
    });
  }

  /** The newest objects other organisations shared with the reader's in the period, through the gate. */
  private async recent(principal: Principal, range: DashboardRange, want = 12): Promise<ObjectSummary[]> {
    const own = principal.kind === 'user' ? principal.org.id : '';
    const out: ObjectSummary[] = [];
    let before: number | undefined;
    // Bounded: a reader who may see little must not make the node scan the whole store.
    for (let round = 0; round < 5 && out.length < want; round++) {
      const page = await this.deps.dashboard.recent({
        notOwnedBy: own,
        excludeTypes: PLUMBING,
        limit: 200,
        addedSince: `${range.from}T00:00:00.000Z`,
        ...(before === undefined ? {} : { before }),
      });
      for (const o of await this.deps.gate.filter(readAs(principal), page)) {
        if (out.length < want) out.push({ id: o.id, type: o.type, name: nameOf(o.json), addedAt: o.addedAt });
      }
      if (page.length < 200) break;
      before = page.at(-1)?.seq;
    }
    return out;
  }

  private async groups(): Promise<Snapshot> {
    const seq = await this.deps.dashboard.maxSeq();
    const cached = this.snapshot;
    if (cached && cached.seq === seq) return cached;
    // While the store keeps changing (a long import, busy feeds), requests that arrive during a
    // computation share it rather than each scanning the store again.
    this.computing ??= this.compute(seq).finally(() => {
      this.computing = undefined;
    });
    return this.computing;
  }

  private async compute(seq: number): Promise<Snapshot> {
    const d = this.deps.dashboard;
    const [latest, threats, places, facts] = await Promise.all([d.labelGroups(), d.activity(THREAT_TYPES), d.places(), d.placeFacts()]);
    const snap = { seq, latest, threats, places, facts };
    if (!this.snapshot || this.snapshot.seq < seq) this.snapshot = snap;
    return snap;
  }
}

/** A display name: `name`, else `value`, else the id's type. */
export function nameOf(json: string): string {
  const o = JSON.parse(json) as Record<string, unknown>;
  for (const k of ['name', 'value', 'pattern', 'relationship_type']) {
    const v = o[k];
    if (typeof v === 'string' && v !== '') return v.length > 120 ? `${v.slice(0, 117)}...` : v;
  }
  return typeof o['id'] === 'string' ? o['id'] : '';
}
