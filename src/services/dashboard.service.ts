// The situational-awareness dashboard (issue 6, item 2): counts by type, TLP, classification and
// country, activity per day, the most active intrusion sets and malware, and the latest objects
// shared with the reader's organisation. Every number counts only what the reader may read
// (DESIGN.md principle 2): the store groups versions by access label, the policy decides per label.
import { readAs, readerOf, type AccessGate } from './access-gate.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { authorize } from '../domain/access/permissions.ts';
import type { Org } from '../domain/identity/types.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import { bannerOf, markingOf } from '../domain/markings/banner.ts';
import { TLP_LEVELS } from '../domain/markings/tlp.ts';
import type { AccessRepo, ObjectRepo, DashboardRepo } from '../store/repositories.ts';
import type { ActivityGroup, LabelGroup, Banner, Count, Dashboard, ObjectSummary } from '../domain/dashboard/types.ts';
import { bump, countable, lastDays, LabelCache, ranked } from '../domain/dashboard/tally.ts';

/** Types that describe the node's own vocabulary, not intelligence: left out of every count. */
const PLUMBING = ['marking-definition', 'extension-definition'];
/** Whose activity the "most active" panel ranks (issue 6, item 2). */
const THREAT_TYPES = ['intrusion-set', 'malware'];
const ACTIVITY_DAYS = 30;

export interface DashboardDeps {
  dashboard: DashboardRepo;
  objects: ObjectRepo;
  access: AccessRepo;
  gate: AccessGate;
  schemes: SchemeRegistry;
  orgs: { listOrgs(): Promise<Org[]> };
}

/** Node-wide groups, cached until the store changes (they do not depend on the reader). */
interface Snapshot {
  seq: number;
  day: string;
  latest: LabelGroup[];
  threats: ActivityGroup[];
}

/** Dashboard aggregates, filtered per reader by the access policy. */
export class DashboardService {
  private readonly deps: DashboardDeps;
  private snapshot: Snapshot | undefined;
  private computing: Promise<Snapshot> | undefined;

  constructor(deps: DashboardDeps) {
    this.deps = deps;
  }

  /** The dashboard as `principal` may see it. */
  async summary(principal: Principal, now = new Date()): Promise<Dashboard> {
    authorize(principal, 'dashboard.read');
    const snap = await this.groups(now);
    const reader = readerOf(principal);
    const labels = new LabelCache();
    const visible = (g: LabelGroup): boolean => !PLUMBING.includes(g.type) && countable(reader, g, labels, this.deps.schemes);
    const countries = new Map((await this.deps.orgs.listOrgs()).map((o) => [o.id, o.country ?? 'unknown']));
    const byType = new Map<string, number>(),
      byTlp = new Map<string, number>(),
      byClass = new Map<string, number>(),
      byCountry = new Map<string, number>();
    const perDay = new Map<string, number>();
    // The banner covers what is counted, not only the objects the panels name (issue 15, must 1).
    const counted = new Set<string>();
    let total = 0;
    for (const g of snap.latest.filter(visible)) {
      const label = labels.get(g.label);
      counted.add(g.label);
      total += g.count;
      bump(byType, g.type, g.count);
      bump(byTlp, label.tlp, g.count);
      bump(byClass, label.classification?.level ?? 'unclassified', g.count);
      bump(byCountry, countries.get(label.ownerOrg) ?? 'unknown', g.count);
      bump(perDay, g.day, g.count);
    }
    return {
      asOf: snap.seq,
      total,
      byType: ranked(byType),
      byTlp: TLP_LEVELS.map((t) => ({ key: t, count: byTlp.get(t) ?? 0 })),
      byClassification: this.classificationOrder(byClass),
      byCountry: ranked(byCountry),
      activity: lastDays(now, ACTIVITY_DAYS).map((day) => ({ day, count: perDay.get(day) ?? 0 })),
      topThreats: await this.topThreats(principal, snap.threats, labels),
      recent: await this.recent(principal),
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

  private async topThreats(principal: Principal, groups: ActivityGroup[], labels: LabelCache): Promise<ObjectSummary[]> {
    const reader = readerOf(principal);
    const counts = new Map<string, number>();
    for (const g of groups) {
      const edge = { type: g.edgeType, label: g.edgeLabel, sourceLabel: g.label, targetLabel: g.otherLabel };
      // The threat itself must be readable too; countable checks it as the edge's end.
      if (countable(reader, edge, labels, this.deps.schemes)) bump(counts, g.id, g.count);
    }
    const top = ranked(counts, 10);
    const shown = await this.deps.gate.filter(readAs(principal), await this.deps.objects.getMany(top.map((t) => t.key)));
    const byId = new Map(shown.map((o) => [o.id, o]));
    return top.flatMap((t) => {
      const o = byId.get(t.key);
      return o ? [{ id: o.id, type: o.type, name: nameOf(o.json), count: t.count }] : [];
    });
  }

  /** The newest objects other organisations share with the reader's, through the gate. */
  private async recent(principal: Principal, want = 12): Promise<ObjectSummary[]> {
    const own = principal.kind === 'user' ? principal.org.id : '';
    const out: ObjectSummary[] = [];
    let before: number | undefined;
    // Bounded: a reader who may see little must not make the node scan the whole store.
    for (let round = 0; round < 5 && out.length < want; round++) {
      const page = await this.deps.dashboard.recent({
        notOwnedBy: own,
        excludeTypes: PLUMBING,
        limit: 200,
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

  private async groups(now: Date): Promise<Snapshot> {
    const seq = await this.deps.dashboard.maxSeq();
    const day = now.toISOString().slice(0, 10);
    // While the store keeps changing (a long import, busy feeds), requests that arrive during a
    // computation share it rather than each scanning the store again.
    if (this.computing) return this.computing;
    const cached = this.snapshot;
    if (cached && cached.day === day && cached.seq === seq) return cached;
    this.computing = (async () => {
      const [latest, threats] = await Promise.all([this.deps.dashboard.labelGroups(), this.deps.dashboard.activity(THREAT_TYPES)]);
      return { seq, day, latest, threats };
    })();
    try {
      this.snapshot = await this.computing;
      return this.snapshot;
    } finally {
      this.computing = undefined;
    }
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
