// The one place read paths ask the access policy (DESIGN.md principle 2): which stored
// versions a principal may see, with granular markings applied and classified reads audited.
// The decision itself is domain/access/policy.ts; this module fetches what it needs.
import { canRead, canSeeRelationship } from '../domain/access/policy.ts';
import { redact } from '../domain/access/redact.ts';
import type { AccessLabel, Reader } from '../domain/access/types.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { StixObject } from '../domain/stix/types.ts';
import type { AccessRepo, StoredObject } from '../store/types.ts';
import type { AuditSink } from './audit.service.ts';
import type { MarkingCatalog } from './markings.service.ts';

/** A stored version as one principal may receive it. */
export interface Visible extends StoredObject {
  /** Selectors of content removed by granular markings the principal does not satisfy. */
  withheld: string[];
}

/** Object types whose ends must also be visible (DESIGN.md: a relationship is visible only when
 *  it and both its ends are). A sighting's ends are what was sighted and where. */
const ENDS: Record<string, readonly string[]> = {
  relationship: ['source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
};

export interface AccessGateDeps {
  access: AccessRepo;
  schemes: SchemeRegistry;
  markings: MarkingCatalog;
  audit: AuditSink;
}

/** The reader a principal reads as; null for the node's own command line, which reads all. */
export function readerOf(p: Principal): Reader | null {
  return p.kind === 'user' ? p.reader : null;
}

/** Filters and redacts what read paths return. */
export class AccessGate {
  private readonly deps: AccessGateDeps;

  constructor(deps: AccessGateDeps) {
    this.deps = deps;
  }

  /** The versions of `objects` the principal may read, in the same order, redacted. A version
   *  without a stored label is read by no one (it was stored but not yet labelled). */
  async filter(principal: Principal, objects: readonly StoredObject[]): Promise<Visible[]> {
    const reader = readerOf(principal);
    if (objects.length === 0) return [];
    if (reader === null) return objects.map((o) => ({ ...o, withheld: [] }));
    const labels = await this.deps.access.labels(objects.map((o) => o.seq));
    const endsOf = new Map<number, string[]>();
    for (const o of objects) {
      const props = ENDS[o.type];
      if (props === undefined) continue;
      const parsed = JSON.parse(o.json) as Record<string, unknown>;
      endsOf.set(o.seq, props.map((p) => (typeof parsed[p] === 'string' ? (parsed[p] as string) : '')));
    }
    const endLabels = endsOf.size > 0 ? await this.deps.access.latest([...endsOf.values()].flat().filter((e) => e !== '')) : new Map<string, AccessLabel>();
    const out: Visible[] = [];
    const classified: string[] = [];
    for (const o of objects) {
      const label = labels.get(o.seq);
      if (!label || !this.readable(reader, label, endsOf.get(o.seq), endLabels)) continue;
      out.push(await this.redacted(reader, o, label));
      if (label.classification) classified.push(o.id);
    }
    if (classified.length > 0) {
      await this.deps.audit.record({ action: 'object.read_classified', actor: actorName(principal), target: classified[0] ?? null, details: { ids: classified.slice(0, 100), count: classified.length } });
    }
    return out;
  }

  /** Whether the principal may read the latest version of each id (for edges and ends). */
  async visibleIds(principal: Principal, ids: readonly string[]): Promise<Set<string>> {
    const reader = readerOf(principal);
    if (reader === null) return new Set(ids);
    const labels = await this.deps.access.latest(ids);
    return new Set(ids.filter((id) => {
      const l = labels.get(id);
      return l !== undefined && canRead(reader, l, this.deps.schemes);
    }));
  }

  private readable(reader: Reader, label: AccessLabel, ends: string[] | undefined, endLabels: Map<string, AccessLabel>): boolean {
    if (ends === undefined) return canRead(reader, label, this.deps.schemes);
    const [a, b] = ends;
    return canSeeRelationship(reader, label, endLabels.get(a ?? ''), b === undefined ? label : endLabels.get(b), this.deps.schemes);
  }

  private async redacted(reader: Reader, o: StoredObject, label: AccessLabel): Promise<Visible> {
    // Only objects that carry granular markings are parsed; the rest pass as stored.
    if (!o.json.includes('"granular_markings"')) return { ...o, withheld: [] };
    const r = redact(JSON.parse(o.json) as StixObject, reader, await this.deps.markings.registry(), this.deps.schemes, label);
    return r.withheld.length === 0 ? { ...o, withheld: [] } : { ...o, json: JSON.stringify(r.object), withheld: r.withheld };
  }
}
