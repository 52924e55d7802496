// A batch of observed values (issue 17, must 1: "POST a list of observed values with times:
// Concord matches them to indicators and observables the caller may read and records the
// sightings, so that enrichment and reporting back are one call"). Every value is checked before
// anything is stored (a refusal names `observed[i].field` and stores nothing); the values are
// matched by the lookup (one probe query per kind, the lookup's own normalisation and access
// filter); the sightings are stored in one ingest run, so the batch costs a few statements per
// thousand sightings, not one write each.
import { actorName, type Principal } from '../domain/identity/principal.ts';
import type { Tlp } from '../domain/markings/tlp.ts';
import { OBSERVABLE_KINDS, type ObservableKind } from '../domain/observables/types.ts';
import { type BatchOutcome, type BatchResult, DISCLOSURES, type Disclosure, type SightingBatch } from '../domain/sightings/api.ts';
import { type CheckedSighting, checkNewSighting, type Sighter, sightable } from '../domain/sightings/build.ts';
import { checkMarkings } from '../domain/sightings/check.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { ConcordError, InvalidInputError, isErrorCode } from '../errors.ts';
import type { Org } from '../domain/identity/types.ts';
import type { AuditSink } from './audit.service.ts';
import type { IngestService } from './ingest.service.ts';
import type { ImportOwner } from './labeller.ts';
import type { LookupResult } from './object.service.ts';

/** Most values one request may carry (the HTTP body limit is sized for it). */
export const MAX_BATCH = 10_000;

type Markings = { tlp?: Tlp; distribution?: string };

export interface SightingBatchDeps {
  lookup: (p: Principal, values: string[], kind?: ObservableKind) => Promise<LookupResult[]>;
  ingest: Pick<IngestService, 'importStream'>;
  audit: AuditSink;
  build: (c: CheckedSighting, disclosure: Disclosure, org: Sighter, markings: Markings) => Promise<StixObject>;
  now: () => string;
}

const isKind = (k: unknown): k is ObservableKind => typeof k === 'string' && (OBSERVABLE_KINDS as readonly string[]).includes(k);

/** One batch request. */
export class SightingBatchRun {
  readonly deps: SightingBatchDeps;

  constructor(deps: SightingBatchDeps) {
    this.deps = deps;
  }

  async run(p: Principal, b: SightingBatch, owner: ImportOwner, org: Org): Promise<BatchResult> {
    const { checked, disclosure, markings } = this.check(b);
    const results = await this.match(p, b);
    const objects: StixObject[] = [];
    for (const r of results) {
      const c = checked[r.index] as CheckedSighting;
      for (const m of r.matches) {
        // STIX 2.1 §5.2: a sighting names an SDO; a matched observable is reported, and sighted
        // through the indicators that match the same value.
        if (!sightable(m.type)) continue;
        const o = await this.deps.build({ ...c, of: m.id }, disclosure ?? org.sightingDisclosure, org, markings);
        objects.push(o);
        r.sightings.push(o.id);
      }
    }
    if (objects.length > 0) await this.store(objects, owner);
    const recorded = objects.length;
    await this.deps.audit.record({
      action: 'sighting.batch',
      actor: actorName(p),
      target: objects[0]?.id ?? null,
      details: { received: b.observed.length, matched: results.filter((r) => r.matches.length > 0).length, recorded },
    });
    return { received: b.observed.length, matched: results.filter((r) => r.matches.length > 0).length, recorded, results };
  }

  /** Checks every value before anything is stored; errors name `observed[i].field`. */
  private check(b: SightingBatch): { checked: CheckedSighting[]; disclosure: Disclosure | undefined; markings: Markings } {
    if (!Array.isArray(b.observed) || b.observed.length === 0)
      throw new InvalidInputError('observed must list at least one observed value', { field: 'observed' });
    if (b.observed.length > MAX_BATCH)
      throw new InvalidInputError(`observed lists ${b.observed.length} values; send at most ${MAX_BATCH} per request`, {
        field: 'observed',
      });
    if (b.disclosure !== undefined && !(DISCLOSURES as readonly string[]).includes(b.disclosure))
      throw new InvalidInputError(`disclosure must be one of ${DISCLOSURES.join(', ')}`, { field: 'disclosure' });
    const markings = checkMarkings(b);
    const now = this.deps.now();
    const checked = b.observed.map((o, i) => {
      const at = `observed[${i}].`;
      if (typeof o.value !== 'string' || o.value.trim() === '')
        throw new InvalidInputError(`${at}value must be the value observed (an address, domain, URL, hash…)`, { field: `${at}value` });
      if (o.kind !== undefined && !isKind(o.kind))
        throw new InvalidInputError(`${at}kind must be one of ${OBSERVABLE_KINDS.join(', ')}`, { field: `${at}kind` });
      const { value: _v, kind: _k, ...times } = o;
      return checkNewSighting({ of: '', ...times }, now, at);
    });
    return { checked, disclosure: b.disclosure, markings };
  }

  /** Each value's matches among what the caller may read: one lookup per kind named (values
   *  without a kind are detected, as lookups do). */
  private async match(p: Principal, b: SightingBatch): Promise<BatchOutcome[]> {
    const groups = new Map<ObservableKind | undefined, number[]>();
    b.observed.forEach((o, i) => {
      const list = groups.get(o.kind) ?? [];
      list.push(i);
      groups.set(o.kind, list);
    });
    const out: BatchOutcome[] = new Array(b.observed.length);
    for (const [kind, indices] of groups) {
      const found = await this.deps.lookup(
        p,
        indices.map((i) => (b.observed[i]?.value ?? '').trim()),
        kind,
      );
      indices.forEach((index, at) => {
        const r = found[at];
        out[index] = {
          index,
          value: b.observed[index]?.value ?? '',
          kind: r?.kind ?? null,
          normalized: r?.normalized ?? null,
          matches: (r?.matches ?? []).map((m) => ({ id: m.object.id, type: m.object.type, name: nameOf(m.object.json) })),
          sightings: [],
        };
      });
    }
    return out;
  }

  /** Stores the sightings in one ingest run (labelled, versioned, indexed as any import). */
  private async store(objects: readonly StixObject[], owner: ImportOwner): Promise<void> {
    function* text(): Generator<string> {
      yield '[';
      for (const [i, o] of objects.entries()) yield i === 0 ? JSON.stringify(o) : `,${JSON.stringify(o)}`;
      yield ']';
    }
    const summary = await this.deps.ingest.importStream(text(), { source: 'api:sighting.batch', owner });
    if (summary.error) throw new ConcordError(isErrorCode(summary.error.code) ? summary.error.code : 'INTERNAL', summary.error.message);
    if (summary.accepted !== objects.length) {
      const reason = Object.keys(summary.reasons)[0] ?? 'INTERNAL';
      throw new ConcordError(
        isErrorCode(reason) ? reason : 'INTERNAL',
        `${objects.length - summary.accepted} of ${objects.length} sightings were not stored (${reason}); see the quarantine`,
      );
    }
  }
}

function nameOf(json: string): string | null {
  const o = JSON.parse(json) as Record<string, unknown>;
  const name = o['name'] ?? o['value'];
  return typeof name === 'string' ? name : null;
}
