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
import { bannerOf, markingOf } from '../domain/markings/banner.ts';
import { isTlp, type Tlp } from '../domain/markings/tlp.ts';
import { aggregateSightings, type Seen } from '../domain/sightings/aggregate.ts';
import type { BatchResult, Disclosure, NewSighting, SightingAggregate, SightingBatch, SightingView } from '../domain/sightings/api.ts';
import { buildSighting, type CheckedSighting, checkNewSighting, type Sighter, sightable } from '../domain/sightings/build.ts';
import type { SightingRecord } from '../domain/sightings/types.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type { AccessRepo, ObjectRepo, OrgRepo, SightingRepo } from '../store/repositories.ts';
import { type AccessGate, readAs, readerOf } from './access-gate.ts';
import type { AuditSink } from './audit.service.ts';
import type { IngestService } from './ingest.service.ts';
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
  owner: (p: Principal) => Promise<ImportOwner>;
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
   *  for a missing object), in the disclosure chosen or the organisation's default. */
  async record(p: Principal, s: NewSighting): Promise<RecordedSighting> {
    authorize(p, 'sighting.create');
    if (typeof s.of !== 'string' || s.of === '') throw new InvalidInputError('of must name the object sighted', { field: 'of' });
    const checked = checkNewSighting(s, this.now());
    const markings = markingsOf(s);
    const stored = await this.deps.objects.get(s.of);
    const [visible] = stored ? await this.deps.gate.filter(readAs(p), [stored]) : [];
    if (!stored || !visible) throw new NotFoundError(s.of);
    if (!sightable(stored.type))
      throw new InvalidInputError(
        `a sighting names an SDO such as an indicator or malware, not a ${stored.type} (STIX 2.1 §5.2); sight an indicator of this value instead`,
        { field: 'of' },
      );
    const { owner, org } = await this.sighter(p);
    const object = await this.build(checked, checked.disclosure ?? org.sightingDisclosure, org, markings);
    const [label] = await this.deps.write.storeAll(p, [{ object }], owner, 'sighting.create');
    await this.catchUp();
    const [row] = (await this.deps.sightings.ofObjects([s.of])).filter((r) => r.record.id === object.id);
    const sighting =
      row === undefined
        ? undefined
        : this.viewOf(readerOf(p), row.record, row.label ?? (label as AccessLabel), await this.lookup([row.record]));
    if (sighting === undefined) throw new NotFoundError(object.id);
    return { object, sighting };
  }

  /** POST /sightings/batch: each observed value matched to the indicators the caller may read,
   *  one sighting recorded per match (sighting-batch.ts). */
  async batch(p: Principal, b: SightingBatch): Promise<BatchResult> {
    authorize(p, 'sighting.create');
    const run = new SightingBatchRun({
      lookup: this.deps.lookup,
      ingest: this.deps.ingest,
      audit: this.deps.audit,
      build: (c, d, org, markings) => this.build(c, d, org, markings),
      now: () => this.now(),
    });
    const { owner, org } = await this.sighter(p);
    const result = await run.run(p, b, owner, org);
    await this.catchUp();
    return result;
  }

  /** GET /objects/{id}/sightings: the sightings of an object the caller may read, and for a
   *  malware family those of the indicators that indicate it, as this reader may see them. */
  async aggregate(p: Principal, objectId: string): Promise<SightingAggregate> {
    authorize(p, 'object.read');
    const { includes, seen } = await this.visible(p, objectId);
    return aggregateSightings(objectId, includes, seen);
  }

  /** The sightings of an object (and its indicators) the caller may see, newest first. */
  async listFor(p: Principal, objectId: string): Promise<SightingView[]> {
    authorize(p, 'object.read');
    const { seen } = await this.visible(p, objectId);
    return seen.map((s) => s.view);
  }

  private async visible(p: Principal, objectId: string): Promise<{ includes: string[]; seen: Seen[] }> {
    const as = readAs(p);
    const stored = await this.deps.objects.get(objectId);
    const [root] = stored ? await this.deps.gate.filter(as, [stored]) : [];
    if (!stored || !root) throw new NotFoundError(objectId);
    const includes = [objectId, ...(stored.type === 'malware' ? await this.indicatorsOf(p, objectId) : [])];
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
    return { includes, seen };
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
  private async sighter(p: Principal): Promise<{ owner: ImportOwner; org: Org }> {
    const owner = await this.deps.owner(p);
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

/** The TLP and distribution a request chose, checked; throws INVALID_INPUT naming the field. */
export function markingsOf(s: { tlp?: string; distribution?: string }): { tlp?: Tlp; distribution?: string } {
  if (s.tlp !== undefined && !isTlp(s.tlp))
    throw new InvalidInputError('tlp must be one of clear, green, amber, amber+strict, red', { field: 'tlp' });
  return {
    ...(s.tlp !== undefined && isTlp(s.tlp) ? { tlp: s.tlp } : {}),
    ...(s.distribution !== undefined ? { distribution: s.distribution } : {}),
  };
}
