// Indicator decay (issue 17, must 6): the models administrators set, and each indicator's score
// computed when read (domain/decay/model.ts), never written into the indicator, so that a changed
// model applies to every indicator at once. A score counts only the sightings the reader may
// see (the access policy's rule for a sighting: it and what it sighted readable), so it never
// reveals a sighting the reader could not read.
//
// Computed on read rather than cached by a job: scoring is a pattern parse and a few arithmetic
// steps per indicator plus one grouped sightings query per batch (bench/decay.ts measures it at
// 100,000 indicators), cheap beside the reads that return the indicators themselves; a cache
// keyed by model version would need recomputing on every model change and every sighting.
import type { DecayKind, DecayModel, DecayScore } from '../domain/decay/api.ts';
import { indicatorFacts } from '../domain/decay/facts.ts';
import { completeModels, defaultModel, scoreOf, type DecayFacts, type SightingTally } from '../domain/decay/model.ts';
import { applyPatches, checkKinds, type DecayModelPatch } from '../domain/decay/validate.ts';
import { canSeeWithEnds } from '../domain/access/policy.ts';
import { authorize } from '../domain/access/permissions.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { NotFoundError } from '../errors.ts';
import type { DecayRepo, ObjectRepo } from '../store/repositories.ts';
import type { SightingRepo } from '../store/sighting-repositories.ts';
import { readAs, readerOf, type AccessGate, type Visible } from './access-gate.ts';
import type { AuditSink } from './audit.service.ts';
import type { LookupResult, Refinement } from './object.service.ts';

const DAY_MS = 86_400_000;
/** Indicator versions whose facts are kept in memory (about 100 bytes each). */
const FACTS_KEPT = 200_000;

/** The models as GET /api/v1/decay/models answers: the ones in force and the defaults. */
export interface DecayModels {
  models: DecayModel[];
  defaults: DecayModel[];
}

export interface DecayDeps {
  decay: DecayRepo;
  objects: ObjectRepo;
  /** The sighting projection's grouped counts (SightingRepo.groups). */
  sightings: Pick<SightingRepo, 'groups'>;
  gate: AccessGate;
  schemes: SchemeRegistry;
  audit: AuditSink;
  /** The clock (tests pass a fixed one). */
  now?: () => number;
}

/** One indicator version to score: its facts and its access label (undefined: read by all). */
interface Scored {
  key: number;
  id: string;
  facts: DecayFacts;
  label: Visible['label'];
}

/** Decay models and scores. */
export class DecayService {
  private readonly deps: DecayDeps;
  private readonly now: () => number;
  private readonly facts = new Map<number, DecayFacts>();

  constructor(deps: DecayDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  /** The model of every kind (stored or default) and the defaults. */
  async models(principal: Principal): Promise<DecayModels> {
    authorize(principal, 'object.read');
    return { models: await this.current(), defaults: completeModels([]) };
  }

  /** Sets the models of the given kinds (fields left out keep their value); errors name
   *  `models[i].field`. Every score changes at once: none is stored. */
  async setModels(principal: Principal, patches: readonly DecayModelPatch[]): Promise<DecayModels> {
    authorize(principal, 'decay.manage');
    const changed = applyPatches(await this.current(), patches);
    await this.deps.decay.put(changed, new Date(this.now()).toISOString(), actorName(principal));
    await this.deps.audit.record({
      action: 'decay.models.set',
      actor: actorName(principal),
      target: null,
      details: { models: changed.map((m) => ({ ...m })) },
    });
    return this.models(principal);
  }

  /** Puts kinds back on their default models. */
  async resetModels(principal: Principal, named: readonly string[]): Promise<DecayModels> {
    authorize(principal, 'decay.manage');
    const kinds = checkKinds(named);
    await this.deps.decay.reset(kinds);
    await this.deps.audit.record({
      action: 'decay.models.reset',
      actor: actorName(principal),
      target: null,
      details: { kinds: [...kinds] },
    });
    return this.models(principal);
  }

  /** The scores of the latest versions of these ids that the principal may read and that are
   *  indicators (other ids are left out). */
  async scores(principal: Principal, ids: readonly string[]): Promise<Map<string, DecayScore>> {
    authorize(principal, 'object.read');
    const visible = await this.deps.gate.filter(readAs(principal), await this.deps.objects.getMany([...new Set(ids)]));
    const bySeq = await this.scoreVisible(principal, visible);
    const out = new Map<string, DecayScore>();
    for (const v of visible) {
      const s = bySeq.get(v.seq);
      if (s !== undefined) out.set(v.id, s);
    }
    return out;
  }

  /** One indicator's score; an object the principal cannot read answers as missing (404). */
  async score(principal: Principal, id: string): Promise<DecayScore> {
    const s = (await this.scores(principal, [id])).get(id);
    if (s !== undefined) return s;
    const held = await this.deps.objects.get(id);
    const [readable] = held ? await this.deps.gate.filter(readAs(principal), [held]) : [];
    throw new NotFoundError(readable ? `${id} has no score: only indicators decay` : id);
  }

  /**
   * Scores of the indicator versions among `objects` (already through the access gate for this
   * principal), by store seq. One grouped sightings query per distinct lifetime.
   */
  async scoreVisible(principal: Principal, objects: readonly Visible[]): Promise<Map<number, DecayScore>> {
    authorize(principal, 'object.read');
    const out = new Map<number, DecayScore>();
    const items: Scored[] = [];
    for (const o of objects) {
      if (o.type !== 'indicator') continue;
      const facts = this.factsOf(o);
      if (facts) items.push({ key: o.seq, id: o.id, facts, label: o.label });
    }
    if (items.length === 0) return out;
    const models = new Map((await this.current()).map((m) => [m.kind, m]));
    const modelOf = (k: DecayKind): DecayModel => models.get(k) ?? defaultModel(k);
    const now = this.now();
    const byLifetime = new Map<number, Scored[]>();
    for (const i of items) {
      const tau = modelOf(i.facts.kind).lifetimeDays;
      const same = byLifetime.get(tau);
      if (same) same.push(i);
      else byLifetime.set(tau, [i]);
    }
    for (const [tau, group] of byLifetime) {
      const tallies = await this.tallies(principal, group, new Date(now - tau * DAY_MS).toISOString());
      for (const i of group) out.set(i.key, scoreOf(modelOf(i.facts.kind), i.facts, tallies.get(i.id) ?? [], now));
    }
    return out;
  }

  /** The versions among `objects` to keep under a minimum score: indicators scoring at least
   *  `minScore`, and every object of another type (only indicators decay). */
  async keep<T extends Visible>(principal: Principal, objects: readonly T[], minScore: number): Promise<T[]> {
    const scores = await this.scoreVisible(principal, objects);
    return objects.filter((o) => {
      const s = scores.get(o.seq);
      return s === undefined || s.score >= minScore;
    });
  }

  /** An export's narrowing to indicators scoring at least `minScore` (other objects pass). */
  refinement(principal: Principal, minScore: number): Refinement {
    return { keep: (items) => this.keep(principal, items, minScore), details: { minScore } };
  }

  /** Lookup results with the score of each indicator matched (by store seq); with `minScore`,
   *  indicator matches scoring below it are left out, other matches kept (issue 17, must 6). */
  async lookup(
    principal: Principal,
    results: readonly LookupResult[],
    minScore?: number,
  ): Promise<{ results: LookupResult[]; scores: Map<number, DecayScore> }> {
    const scores = await this.scoreVisible(
      principal,
      results.flatMap((r) => r.matches.map((m) => m.object)),
    );
    const kept = (m: LookupResult['matches'][number]): boolean => {
      const s = scores.get(m.object.seq);
      return minScore === undefined || s === undefined || s.score >= minScore;
    };
    return { results: results.map((r) => ({ ...r, matches: r.matches.filter(kept) })), scores };
  }

  /** Sightings of each indicator since `since` that the principal may see, as tallies. */
  private async tallies(principal: Principal, items: readonly Scored[], since: string): Promise<Map<string, SightingTally[]>> {
    const reader = readerOf(principal);
    const labelOf = new Map(items.map((i) => [i.id, i.label]));
    const out = new Map<string, SightingTally[]>();
    for (const g of await this.deps.sightings.groups([...labelOf.keys()], since)) {
      // A sighting is visible when it and what it sighted are (policy.ts canSeeWithEnds); the
      // node's own command line reads every sighting, as it reads every object.
      if (reader !== null && (g.label === null || !canSeeWithEnds(reader, 'sighting', g.label, [labelOf.get(g.of)], this.deps.schemes)))
        continue;
      const tally: SightingTally = { type: g.type, sightings: g.sightings, lastSeen: g.lastSeen };
      const list = out.get(g.of);
      if (list) list.push(tally);
      else out.set(g.of, [tally]);
    }
    return out;
  }

  /** An indicator version's facts. A stored version never changes, so its facts are kept by
   *  seq (parsing the pattern is most of a score's cost); a version redacted for this reader
   *  is parsed as the reader sees it and not kept. */
  private factsOf(o: Visible): DecayFacts | undefined {
    const known = o.withheld.length === 0 ? this.facts.get(o.seq) : undefined;
    if (known) return known;
    const facts = indicatorFacts(JSON.parse(o.json) as StixObject);
    if (facts && o.withheld.length === 0) {
      // A bounded memo: cleared whole when full, which keeps the common case (the same pages
      // and exports read again) fast without tracking recency.
      if (this.facts.size >= FACTS_KEPT) this.facts.clear();
      this.facts.set(o.seq, facts);
    }
    return facts;
  }

  private async current(): Promise<DecayModel[]> {
    return completeModels((await this.deps.decay.list()).map((s) => s.model));
  }
}
