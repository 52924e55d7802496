// Raises and updates collective-threat alerts on this node (issue 17, must 4). After the sighting
// projection reports the objects whose sightings changed, and when rules change, it evaluates the
// affected subjects over the rules' window with the pure engine (domain/alerts/engine.ts) and
// stores each alert that holds through the normal store path: one object per deterministic id,
// a new version only when its facts grew, owned by this node, distributed to the rule's
// community under the rule's TLP. Alerts are derived here from the sightings this node holds and
// never sent to peers (peer-egress.ts): every node holding the same sightings reaches the same id.
import { alertObject, factsOfAlert, grow } from '../domain/alerts/alert-object.ts';
import { ALERT_RULE_TYPE, type AlertRule } from '../domain/alerts/api.ts';
import { type AlertFacts, evaluate, type RuleSpec, type SightingFact, type SubjectRef } from '../domain/alerts/engine.ts';
import { ruleOf, specOf } from '../domain/alerts/rules.ts';
import { countsTowards } from '../domain/alerts/audience.ts';
import { listKey, subjectsOfObject, valueKey, valuesOf } from '../domain/alerts/subjects.ts';
import type { AlertRecord } from '../domain/alerts/types.ts';
import type { SystemPrincipal } from '../domain/identity/principal.ts';
import { exerciseMarking } from '../domain/markings/concord-markings.ts';
import { isTlp } from '../domain/markings/tlp.ts';
import type { Observable } from '../domain/observables/types.ts';
import type { JsonObject, StixObject } from '../domain/stix/types.ts';
import type { AccessRepo, AlertRepo, ObjectRepo } from '../store/repositories.ts';
import type { LabelledSighting, SightingRepo } from '../store/sighting-repositories.ts';
import type { ImportOwner } from './labeller.ts';
import type { WriteService } from './write.service.ts';
import { SerialRun } from './serial-run.ts';

/** The node's alerting, as the audit log names it. */
const ALERTS: SystemPrincipal = Object.freeze({ kind: 'system', name: 'alerts' });
const HOUR = 3_600_000;
const CHUNK = 500;

/** Which values are on a warninglist, keyed `kind\0value` (services.warninglists.match). */
export type Warninglisted = (observables: Observable[]) => ReadonlyMap<string, unknown>;

export interface AlertEvaluatorDeps {
  objects: ObjectRepo;
  access: Pick<AccessRepo, 'latest'>;
  alerts: AlertRepo;
  sightings: Pick<SightingRepo, 'since'>;
  write: Pick<WriteService, 'storeAll'>;
  /** The node's identity id: the owner and creator of its alerts. */
  nodeId: () => Promise<string>;
  /** Warninglisted values never fire (must 5); none are listed until the lists are loaded. */
  warninglisted?: Warninglisted;
  /** Resolves when the warninglists are loaded (a miss before then would let a listed value fire). */
  listsReady?: () => Promise<void>;
  /** Told the ids of the alerts stored (created or grown), for the live stream. */
  raised?: (ids: string[]) => void;
  now?: () => Date;
}

/** A rule as the evaluator holds it: what the engine needs, and where its alerts go. */
interface LiveRule {
  rule: AlertRule;
  spec: RuleSpec;
}

/** Evaluates and stores alerts; one evaluation at a time, later requests merged. */
export class AlertEvaluator {
  private readonly deps: AlertEvaluatorDeps;
  private chain: Promise<void> = Promise.resolve();
  private pending: Set<string> | 'all' | null = null;
  /** Rule checks after commits, one at a time (a commit during a check is looked at after it). */
  private readonly checks = new SerialRun(() => this.check());
  private closed = false;
  /** The rules last evaluated, as `id@modified`: a change evaluates everything again. */
  private signature = '';

  constructor(deps: AlertEvaluatorDeps) {
    this.deps = deps;
  }

  /** The sightings of these objects changed (the sighting projector's onProjected). */
  sightingsChanged(ofIds: readonly string[]): Promise<void> {
    if (ofIds.length === 0) return this.chain;
    if (this.pending !== 'all') this.pending = new Set([...(this.pending ?? []), ...ofIds]);
    return this.schedule();
  }

  /** Rules changed (or the node started): everything in the window again. */
  rulesChanged(): Promise<void> {
    this.pending = 'all';
    return this.schedule();
  }

  /** Something was committed (emitter `objects-committed`): when the rules this node holds
   *  changed (written here, or a peer's arrived), everything in the window again. */
  committed(): Promise<void> {
    return this.checks.run();
  }

  private async check(): Promise<void> {
    const rules = await this.rules();
    const signature = rules.map((r) => `${r.rule.id}@${r.rule.modified}`).join(',');
    if (signature === this.signature) return;
    this.signature = signature;
    await this.rulesChanged();
  }

  /** Resolves when no evaluation is under way or waiting. */
  async idle(): Promise<void> {
    for (;;) {
      const chain = this.chain;
      await this.checks.idle();
      await chain.catch(() => undefined);
      if (this.chain === chain) return;
    }
  }

  /** Starts no evaluation from now on, and waits for the one under way (the store is closing). */
  async close(): Promise<void> {
    this.closed = true;
    await this.checks.close();
    await this.idle();
  }

  private schedule(): Promise<void> {
    if (this.closed) return this.chain;
    this.chain = this.chain
      .catch(() => undefined)
      .then(async () => {
        const work = this.pending;
        this.pending = null;
        if (work !== null) await this.run(work === 'all' ? undefined : [...work]);
      });
    return this.chain;
  }

  /** The enabled rules this node holds, whatever way they came (the API, a peer). */
  async rules(): Promise<LiveRule[]> {
    const out: LiveRule[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await this.deps.objects.list({ types: [ALERT_RULE_TYPE], revoked: false }, { limit: 500, ...(after ? { after } : {}) });
      const labels = await this.deps.access.latest(page.items.map((o) => o.id));
      for (const o of page.items) {
        const label = labels.get(o.id);
        const object = JSON.parse(o.json) as StixObject;
        const rule = label ? ruleOf(object, label, false) : undefined;
        const spec = rule ? specOf(rule, object) : undefined;
        if (rule && spec?.enabled) out.push({ rule, spec });
      }
      if (page.next === null) return out;
      after = page.next;
    }
  }

  /** Evaluates the subjects of `ofIds` (all when absent) and stores the alerts that hold. */
  private async run(ofIds: string[] | undefined): Promise<void> {
    const rules = await this.rules();
    if (rules.length === 0) return;
    await this.deps.listsReady?.();
    const now = (this.deps.now ?? (() => new Date()))();
    const widest = Math.max(...rules.map((r) => r.spec.windowHours));
    const since = new Date(now.getTime() - widest * HOUR).toISOString();
    let affected: Set<string> | undefined;
    let labelled: LabelledSighting[];
    if (ofIds === undefined) {
      labelled = await this.deps.sightings.since(since);
    } else {
      const touched = await this.subjects(ofIds);
      affected = new Set([...touched.values()].flat().map((s) => `${s.kind}|${s.key}`));
      labelled = await this.deps.sightings.since(since, await this.related(ofIds, touched));
    }
    // Each community's rules count only the sightings that community may read (audience.ts).
    const communities = [...new Set(rules.map((r) => r.rule.community))];
    const usable = labelled.filter((l) => communities.some((c) => countsTowards(l.label, c)));
    const subjectsOf = await this.subjects([...new Set(usable.map((l) => l.record.of))]);
    const facts = communities.flatMap((c) => {
      const sightings: SightingFact[] = usable.filter((l) => countsTowards(l.label, c)).map((l) => l.record);
      return evaluate({ rules: rules.filter((r) => r.rule.community === c).map((r) => r.spec), sightings, subjectsOf });
    });
    const wanted = affected === undefined ? facts : facts.filter((f) => affected.has(`${f.subject.kind}|${f.subject.key}`));
    await this.store(wanted, new Map(rules.map((r) => [r.rule.id, r.rule])), now);
  }

  /** The subjects each of these objects stands for (subjects.ts). */
  private async subjects(ids: readonly string[]): Promise<Map<string, SubjectRef[]>> {
    const out = new Map<string, SubjectRef[]>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const objects = (await this.deps.objects.getMany(ids.slice(i, i + CHUNK))).map((o) => JSON.parse(o.json) as StixObject);
      const listed = this.listed(valuesOf(objects));
      const families = await this.families(objects.filter((o) => o.type === 'indicator').map((o) => o.id));
      for (const o of objects) out.set(o.id, subjectsOfObject(o, families.get(o.id) ?? [], listed));
    }
    return out;
  }

  private listed(values: Observable[]): Set<string> {
    const hits = values.length === 0 || this.deps.warninglisted === undefined ? new Map() : this.deps.warninglisted(values);
    return new Set(values.map(listKey).filter((k) => hits.has(k)));
  }

  /** The malware each indicator indicates (`indicates` relationships, STIX 2.1 §4.7). */
  private async families(indicatorIds: readonly string[]): Promise<Map<string, StixObject[]>> {
    const out = new Map<string, StixObject[]>();
    if (indicatorIds.length === 0) return out;
    const pairs = await this.indicates(indicatorIds, 'source_ref');
    const malware = new Map(
      (await this.deps.objects.getMany([...new Set(pairs.map((p) => p.target))])).map((o) => [o.id, JSON.parse(o.json) as StixObject]),
    );
    for (const p of pairs) {
      const m = malware.get(p.target);
      if (m?.type === 'malware') out.set(p.source, [...(out.get(p.source) ?? []), m]);
    }
    return out;
  }

  /** `indicates` relationships whose `end` is one of `ids`: their source and target. */
  private async indicates(ids: readonly string[], end: 'source_ref' | 'target_ref'): Promise<{ source: string; target: string }[]> {
    const edges = (await this.deps.objects.edges([...ids])).filter((e) => e.property === end && ids.includes(e.target));
    const rels = await this.deps.objects.getMany([...new Set(edges.map((e) => e.source))]);
    const out: { source: string; target: string }[] = [];
    for (const r of rels) {
      const o = JSON.parse(r.json) as JsonObject;
      if (o['type'] !== 'relationship' || o['relationship_type'] !== 'indicates' || o['revoked'] === true) continue;
      if (typeof o['source_ref'] === 'string' && typeof o['target_ref'] === 'string')
        out.push({ source: o['source_ref'], target: o['target_ref'] });
    }
    return out;
  }

  /** Every object whose sightings count towards the subjects of `ofIds`: the objects, those
   *  carrying the same values, and the indicators of the same malware families. */
  private async related(ofIds: readonly string[], touched: Map<string, SubjectRef[]>): Promise<string[]> {
    const out = new Set(ofIds);
    const all = [...touched.values()].flat();
    const values = all.filter((s) => s.kind === 'value');
    const observables = new Map<string, Observable>();
    for (const o of valuesOf((await this.deps.objects.getMany([...ofIds])).map((x) => JSON.parse(x.json) as StixObject)))
      if (values.some((v) => v.key === valueKey(o))) observables.set(valueKey(o), o);
    for (const hit of observables.size === 0 ? [] : await this.deps.objects.lookup([...observables.values()])) out.add(hit.object.id);
    const families = [...new Set(all.filter((s) => s.kind === 'malware').map((s) => s.key))];
    for (const id of families) out.add(id);
    if (families.length > 0) for (const p of await this.indicates(families, 'target_ref')) out.add(p.source);
    return [...out];
  }

  /** Stores the alerts whose facts grew (or are new), and their projection rows. */
  private async store(all: AlertFacts[], rules: ReadonlyMap<string, AlertRule>, now: Date): Promise<void> {
    const nodeId = await this.deps.nodeId();
    const raised: string[] = [];
    for (const f of all) {
      const rule = rules.get(f.ruleId);
      if (rule === undefined) continue;
      const held = await this.deps.objects.get(f.id);
      const heldObject = held ? (JSON.parse(held.json) as JsonObject) : undefined;
      const { facts, grew } = grow(heldObject ? factsOfAlert(heldObject, f.exercise) : undefined, f);
      if (!grew) continue;
      const tlp = isTlp(rule.tlp) ? rule.tlp : 'amber';
      const object = alertObject(facts, { ...stamp(heldObject, now), creator: nodeId, tlp, community: rule.community });
      const owner: ImportOwner = { orgId: nodeId, tlp, distribution: { kind: 'community', id: rule.community }, actor: 'system:alerts' };
      // The exercise's marking-definition is stored first when this node lacks it, so that the
      // alert's label resolves (an unknown marking would leave it to its owner only).
      const marking = facts.exercise === null ? undefined : exerciseMarking(facts.exercise);
      if (marking !== undefined && (await this.deps.objects.get(marking.id)) === undefined)
        await this.deps.write.storeAll(ALERTS, [{ object: marking }], owner, 'alert.marking');
      await this.deps.write.storeAll(ALERTS, [{ object }], owner, held ? 'alert.update' : 'alert.raise');
      const stored = await this.deps.objects.get(f.id);
      if (stored) await this.deps.alerts.put([recordOf(facts, object, stored.seq, rule.community)]);
      raised.push(f.id);
    }
    if (raised.length > 0) this.deps.raised?.(raised);
  }
}

/** created and modified of the next version: modified later than the held one (STIX 2.1 §3.6). */
function stamp(held: JsonObject | undefined, now: Date): { created: string; modified: string } {
  const at = now.toISOString();
  if (held === undefined) return { created: at, modified: at };
  const created = typeof held['created'] === 'string' ? held['created'] : at;
  const previous = typeof held['modified'] === 'string' ? Date.parse(held['modified']) : 0;
  return { created, modified: new Date(Math.max(now.getTime(), previous + 1)).toISOString() };
}

function recordOf(f: AlertFacts, object: StixObject, seq: number, community: string): AlertRecord {
  return {
    id: f.id,
    seq,
    ruleId: f.ruleId,
    community,
    exercise: f.exercise,
    subjectKind: f.subject.kind,
    subjectKey: f.subject.key,
    subjectLabel: f.subject.label,
    organisations: f.organisations,
    countries: f.countries,
    sightings: f.sightings,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    created: String(object['created']),
    modified: String(object['modified']),
  };
}
