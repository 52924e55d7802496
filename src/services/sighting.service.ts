// Sightings (issue 17, musts 1–3): recording one ("we saw this"), a batch of observed values
// matched to what the caller may read (sighting-batch.ts), and the aggregates each reader sees,
// from the projection (sighting-projector.ts). Sightings are STIX `sighting`s stored through the
// write path like every object (validated, labelled, versioned, audited, federated); the
// sighter each reader learns is decided by access/sighting-disclosure.ts.
import { randomUUID } from 'node:crypto';
import { authorize } from '../domain/access/permissions.ts';
import { canSeeWithEnds } from '../domain/access/policy.ts';
import { type OrgLookup, sighterAs } from '../domain/access/sighting-disclosure.ts';
import type { AccessLabel, Reader } from '../domain/access/types.ts';
import type { Org } from '../domain/identity/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import { bannerOf, markingOf, type ObjectMarking } from '../domain/markings/banner.ts';
import type { Tlp } from '../domain/markings/tlp.ts';
import { aggregateSightings, type Seen } from '../domain/sightings/aggregate.ts';
import type {
  BatchResult,
  Disclosure,
  NewSighting,
  SightingAggregate,
  SightingBatch,
  SightingSummary,
  SightingView,
} from '../domain/sightings/api.ts';
import { projectSighting } from '../domain/sightings/project.ts';
import { checkMarkings } from '../domain/sightings/check.ts';
import { buildSighting, type CheckedSighting, checkNewSighting, type Sighter, sightable } from '../domain/sightings/build.ts';
import type { SightingRecord } from '../domain/sightings/types.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { SCO_TYPES } from '../domain/stix/categories.ts';
import { observablesFromSco } from '../domain/observables/extract.ts';
import type { StoredObject } from '../domain/objects/types.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type { AccessRepo, ObjectRepo, OrgRepo, SightingRepo } from '../store/repositories.ts';
import { type AccessGate, readAs, readerOf, type Visible } from './access-gate.ts';
import type { AuditSink } from './audit.service.ts';
import type { IngestService } from './ingest.service.ts';
import type { OwnerOverrides } from './import-owner.ts';
import type { ImportOwner } from './labeller.ts';
import type { LookupResult } from './object.service.ts';
import { SightingBatchRun } from './sighting-batch.ts';
import { SightingProjector } from './sighting-projector.ts';
import type { WriteService } from './write.service.ts';
import type { ObservableKind } from '../domain/observables/types.ts';

export interface SightingServiceDeps {
  sightings: SightingRepo;
  objects: ObjectRepo;
  access: AccessRepo;
  orgs: OrgRepo;
  gate: AccessGate;
  schemes: SchemeRegistry;
  write: Pick<WriteService, 'storeAll'>;
  /** Who writes: the user's organisation, or for the node's command line the one it names. */
  owner: (p: Principal, o?: OwnerOverrides) => Promise<ImportOwner>;
  /** ObjectService.lookup: the same normalisation and access filter as every lookup. */
  lookup: (p: Principal, values: string[], kind?: ObservableKind) => Promise<LookupResult[]>;
  /** Stores a batch's sightings through the ingest path at once (sighting-batch.ts). */
  ingest: Pick<IngestService, 'importStream'>;
  audit: AuditSink;
  /** The node's sighter-token key (build.ts sighterKey). */
  tokenKey: () => Promise<Buffer>;
  now?: () => Date;
  log?: (err: unknown) => void;
}

/** What recording one sighting answers: the STIX object stored and the reader's view of it. */
export interface RecordedSighting {
  object: StixObject;
  sighting: SightingView;
}

export class SightingService {
  private readonly deps: SightingServiceDeps;
  private readonly projector: SightingProjector;

  constructor(deps: SightingServiceDeps) {
    this.deps = deps;
    this.projector = new SightingProjector({ ...deps, ...(deps.log ? { log: deps.log } : {}) });
  }

  /** Brings the projection up to date with everything committed (called on every commit). */
  catchUp(): Promise<void> {
    return this.projector.catchUp();
  }

  /** Resolves when no projection run is under way or waiting. */
  idle(): Promise<void> {
    return this.projector.idle();
  }

  close(): Promise<void> {
    return this.projector.close();
  }

  /** Called after each catch-up with the ids of objects whose sightings changed (alerts listen). */
  onProjected(listener: (ofIds: string[]) => void): void {
    this.projector.onProjected(listener);
  }

  /** POST /sightings: one sighting of an object the caller may read (else NOT_FOUND, exactly as
   *  for a missing object), in the disclosure chosen or the organisation's default. `org` is the
   *  command line's choice of organisation. */
  async record(p: Principal, s: NewSighting, org?: string): Promise<RecordedSighting> {
    authorize(p, 'sighting.create');
    if (typeof s.of !== 'string' || s.of === '') throw new InvalidInputError('of must name the object sighted', { field: 'of' });
    const checked = checkNewSighting(s, this.now());
    const markings = checkMarkings(s);
    const stored = await this.deps.objects.get(s.of);
    const [visible] = stored ? await this.deps.gate.filter(readAs(p), [stored]) : [];
    if (!stored || !visible) throw new NotFoundError(s.of);
    if (!sightable(stored.type))
      throw new InvalidInputError(
        `a sighting names an SDO such as an indicator or malware, not a ${stored.type} (STIX 2.1 §5.2); sight an indicator of this value instead`,
        { field: 'of' },
      );
    const { owner, org: sighter } = await this.sighter(p, org);
    const object = await this.build(checked, checked.disclosure ?? sighter.sightingDisclosure, sighter, markings);
    const [label] = await this.deps.write.storeAll(p, [{ object }], owner, 'sighting.create');
    // The projection follows before answering, so the object's aggregate already counts it.
    await this.catchUp();
    // The view of what was just stored, as the projection derives it (the label read back).
    const record = label === undefined ? undefined : projectSighting({ object, seq: 0, label, owner: sighter });
    if (label === undefined || record === undefined) throw new NotFoundError(object.id);
    return { object, sighting: this.viewOf(readerOf(p), record, label, await this.lookup([record])) };
  }

  /** POST /sightings/batch: each observed value matched to the indicators the caller may read,
   *  one sighting recorded per match (sighting-batch.ts). */
  async batch(p: Principal, b: SightingBatch, org?: string): Promise<BatchResult> {
    authorize(p, 'sighting.create');
    const run = new SightingBatchRun({
      lookup: this.deps.lookup,
      ingest: this.deps.ingest,
      audit: this.deps.audit,
      build: (c, d, org, markings) => this.build(c, d, org, markings),
      now: () => this.now(),
    });
    const { owner, org: sighter } = await this.sighter(p, org);
    const result = await run.run(p, b, owner, sighter);
    await this.catchUp();
    return result;
  }

  /** GET /objects/{id}/sightings: the sightings of an object the caller may read, and for a
   *  malware family those of the indicators that indicate it, as this reader may see them. */
  async aggregate(p: Principal, objectId: string): Promise<SightingAggregate> {
    authorize(p, 'object.read');
    const { includes, seen, markings } = await this.visible(p, objectId);
    return { ...aggregateSightings(objectId, includes, seen), banner: bannerOf(markings) };
  }

  /**
   * Lookup matches' sightings (must 3): for each object the reader holds (`objects`, already
   * through the access gate, with their labels), the true sightings the reader may see and the
   * latest last_seen. One grouped read for the whole lookup.
   */
  async summaries(p: Principal, objects: readonly Visible[]): Promise<Map<string, SightingSummary>> {
    authorize(p, 'object.read');
    const labels = new Map(objects.filter((o) => sightable(o.type)).map((o) => [o.id, o.label]));
    const out = new Map<string, SightingSummary>([...labels.keys()].map((id) => [id, { count: 0, lastSeen: null }]));
    if (labels.size === 0) return out;
    const reader = readerOf(p);
    for (const g of await this.deps.sightings.groups([...labels.keys()], '')) {
      if (g.type !== 'sighting') continue;
      if (reader !== null && (g.label === null || !canSeeWithEnds(reader, 'sighting', g.label, [labels.get(g.of)], this.deps.schemes)))
        continue;
      const held = out.get(g.of) ?? { count: 0, lastSeen: null };
      out.set(g.of, {
        count: held.count + g.sightings,
        lastSeen: held.lastSeen === null || g.lastSeen > held.lastSeen ? g.lastSeen : held.lastSeen,
      });
    }
    return out;
  }

  /** The sightings of an object (and its indicators) the caller may see, newest first. */
  async listFor(p: Principal, objectId: string): Promise<SightingView[]> {
    authorize(p, 'object.read');
    const { seen } = await this.visible(p, objectId);
    return seen.map((s) => s.view);
  }

  private async visible(p: Principal, objectId: string): Promise<{ includes: string[]; seen: Seen[]; markings: ObjectMarking[] }> {
    const as = readAs(p);
    const stored = await this.deps.objects.get(objectId);
    const [root] = stored ? await this.deps.gate.filter(as, [stored]) : [];
    if (!stored || !root) throw new NotFoundError(objectId);
    const includes = [objectId, ...(await this.related(p, stored))];
    const rows = await this.deps.sightings.ofObjects(includes);
    const ends = await this.deps.access.latest(includes);
    const reader = readerOf(p);
    // A sighting is seen when it and what it sights are (VISIBILITY_ENDS: its one end).
    const shown = rows.filter(
      (r) =>
        r.label !== null && (reader === null || canSeeWithEnds(reader, 'sighting', r.label, [ends.get(r.record.of)], this.deps.schemes)),
    );
    const orgs = await this.lookup(shown.map((r) => r.record));
    const seen = shown.map((r) => ({ view: this.viewOf(reader, r.record, r.label as AccessLabel, orgs), sighter: r.record.sighter }));
    const markings = shown.map((r) => markingOf(r.label as AccessLabel, (id) => this.deps.schemes.get(id)));
    return { includes, seen, markings };
  }

  /**
   * What else an object's sightings count (must 3): for a malware family, the indicators that
   * indicate it; for an observable (which STIX 2.1 §5.2 does not let a sighting name), the
   * indicators whose patterns hold its value (the lookup index). Only what the reader may see.
   */
  private async related(p: Principal, stored: StoredObject): Promise<string[]> {
    if (stored.type === 'malware') return this.indicatorsOf(p, stored.id);
    if (!SCO_TYPES.has(stored.type)) return [];
    const observables = observablesFromSco(JSON.parse(stored.json) as StixObject);
    if (observables.length === 0) return [];
    const hits = (await this.deps.objects.lookup(observables)).filter((h) => h.object.type === 'indicator');
    const seen = await this.deps.gate.filterLabelled(readAs(p), hits);
    return [...new Set(seen.map((v) => v.id))].sort();
  }

  /** Indicators the reader may see related to `malwareId` by `indicates` relationships it may see. */
  private async indicatorsOf(p: Principal, malwareId: string): Promise<string[]> {
    const edges = await this.deps.objects.edges([malwareId]);
    const relIds = [...new Set(edges.filter((e) => e.target === malwareId && e.source.startsWith('relationship--')).map((e) => e.source))];
    if (relIds.length === 0) return [];
    const rels = await this.deps.gate.filter(readAs(p), await this.deps.objects.getMany(relIds));
    const out = new Set<string>();
    for (const r of rels) {
      const o = JSON.parse(r.json) as Record<string, unknown>;
      const source = o['source_ref'];
      if (
        o['relationship_type'] === 'indicates' &&
        o['target_ref'] === malwareId &&
        typeof source === 'string' &&
        source.startsWith('indicator--')
      )
        out.add(source);
    }
    const seen = await this.deps.gate.visibleIds(readAs(p), [...out]);
    return [...out].filter((id) => seen.has(id)).sort();
  }

  /** The writer's import owner and its organisation (its default disclosure, country, sectors). */
  private async sighter(p: Principal, named?: string): Promise<{ owner: ImportOwner; org: Org }> {
    const owner = await this.deps.owner(p, named === undefined ? {} : { orgId: named });
    const org = await this.deps.orgs.getOrg(owner.orgId);
    if (org === undefined) throw new NotFoundError(`organisation ${owner.orgId}`);
    return { owner, org };
  }

  private async build(
    c: CheckedSighting,
    disclosure: Disclosure,
    org: Sighter,
    markings: { tlp?: Tlp; distribution?: string },
  ): Promise<StixObject> {
    const tokenKey = await this.deps.tokenKey();
    return buildSighting(c, disclosure, org, { now: this.now(), uuid: randomUUID, tokenKey }, markings);
  }

  private async lookup(records: readonly SightingRecord[]): Promise<OrgLookup> {
    const known = new Map<string, Org>();
    for (const id of new Set(records.map((r) => r.ownerOrg))) {
      const org = await this.deps.orgs.getOrg(id);
      if (org !== undefined) known.set(id, org);
    }
    return (id) => known.get(id);
  }

  private viewOf(reader: Reader | null, r: SightingRecord, label: AccessLabel, orgs: OrgLookup): SightingView {
    // The node's own command line reads as the sighting organisation would.
    const sighter = sighterAs({ orgIds: reader === null ? [r.ownerOrg] : reader.orgIds }, r, orgs);
    return {
      id: r.id,
      of: r.of,
      type: r.type,
      count: r.count,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
      disclosure: r.disclosure,
      sighter,
      exercise: r.exercise,
      description: r.description,
      marking: bannerOf([markingOf(label, (id) => this.deps.schemes.get(id))]),
    };
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
