// The one place read paths ask the access policy (DESIGN.md principle 2): which stored
// versions a reader may see, with granular markings applied and classified reads audited.
// The decision itself is domain/access/policy.ts; this module fetches what it needs. A reader
// is a user's or a peer's (CONVENTIONS.md: the policy takes a reader, never a stand-in user).
import { canRead, canSeeWithEnds, VISIBILITY_ENDS } from '../domain/access/policy.ts';
import { redact } from '../domain/access/redact.ts';
import { disclosedLabel } from '../domain/access/sighting-egress.ts';
import type { AccessLabel, Reader } from '../domain/access/types.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { StixObject } from '../domain/stix/types.ts';
import type { AccessRepo } from '../store/repositories.ts';
import type { StoredObject } from '../domain/objects/types.ts';
import type { AuditSink } from './audit.service.ts';
import type { MarkingCatalog } from './markings.service.ts';

/** A stored version with its access label as the store read it (null: not labelled). */
export interface Labelled {
  object: StoredObject;
  label: AccessLabel | null;
  /** Whether it was its object's latest version when read (then it can stand for the latest
   *  version of a relationship's end in the same batch). */
  latest?: boolean;
}

/** A stored version as one reader may receive it. */
export interface Visible extends StoredObject {
  /** Selectors of content removed by granular markings the reader does not satisfy. */
  withheld: string[];
  /** The access label the policy decided on (absent when no reader was asked: the node's own
   *  command line): what the list presents as the object's marking (issue 15, must 1). */
  label?: AccessLabel;
}

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

/** Whom a read is for: the reader the policy decides for (null: the node's own command line,
 *  which reads all), and the actor the audit log names for its classified reads. */
export interface ReadAs {
  reader: Reader | null;
  actor: string;
}

/** How a principal reads: as its reader, named as the audit log names it. */
export function readAs(p: Principal): ReadAs {
  return { reader: readerOf(p), actor: actorName(p) };
}

/** Filters and redacts what read paths return. */
export class AccessGate {
  private readonly deps: AccessGateDeps;

  constructor(deps: AccessGateDeps) {
    this.deps = deps;
  }

  /** The versions of `objects` the reader may read, in the same order, redacted. A version
   *  without a stored label is read by no one (it was stored but not yet labelled). */
  async filter(as: ReadAs, objects: readonly StoredObject[]): Promise<Visible[]> {
    const { reader } = as;
    if (objects.length === 0) return [];
    if (reader === null) return objects.map((o) => ({ ...o, withheld: [] }));
    const labels = await this.deps.access.labels(objects.map((o) => o.seq));
    return this.decide(as.actor, reader, objects, (o) => labels.get(o.seq));
  }

  /**
   * As filter(), for versions the store read together with their labels (a lookup joins
   * object_access in its statement): the same decision without a second query. The labels
   * are as fresh as the objects, read in the same statement; nothing is cached here.
   */
  async filterLabelled(as: ReadAs, items: readonly Labelled[]): Promise<Visible[]> {
    const { reader } = as;
    if (items.length === 0) return [];
    const objects = items.map((i) => i.object);
    if (reader === null) return objects.map((o) => ({ ...o, withheld: [] }));
    // A relationship's ends are often in the same batch (a TAXII page): their latest versions'
    // labels are then known from the batch itself, as fresh as the batch, without a query.
    const latest = new Map<string, AccessLabel | undefined>();
    for (const i of items) if (i.latest === true) latest.set(i.object.id, i.label ?? undefined);
    return this.decide(as.actor, reader, objects, (_o, at) => items[at]?.label ?? undefined, latest);
  }

  /** The policy's decision on each version, given its label (undefined: not labelled, unread). */
  private async decide(
    actor: string,
    reader: Reader,
    objects: readonly StoredObject[],
    labelOf: (o: StoredObject, at: number) => AccessLabel | undefined,
    knownLatest: ReadonlyMap<string, AccessLabel | undefined> = new Map(),
  ): Promise<Visible[]> {
    const endsOf = new Map<number, string[]>();
    // Sightings are parsed for their ends anyway: their disclosure decides the owner shown.
    const sightings = new Map<number, StixObject>();
    for (const o of objects) {
      const props = VISIBILITY_ENDS[o.type];
      if (props === undefined) continue;
      const parsed = JSON.parse(o.json) as StixObject;
      if (o.type === 'sighting') sightings.set(o.seq, parsed);
      endsOf.set(
        o.seq,
        props.map((p) => (typeof parsed[p] === 'string' ? (parsed[p] as string) : '')),
      );
    }
    const endLabels =
      endsOf.size === 0
        ? new Map<string, AccessLabel>()
        : await this.endLabels(
            [...endsOf.values()].flat().filter((e) => e !== ''),
            knownLatest,
          );
    const out: Visible[] = [];
    const classified: string[] = [];
    for (const [at, o] of objects.entries()) {
      const label = labelOf(o, at);
      if (
        !label ||
        !canSeeWithEnds(
          reader,
          o.type,
          label,
          (endsOf.get(o.seq) ?? []).map((e) => endLabels.get(e)),
          this.deps.schemes,
        )
      )
        continue;
      // Only objects that carry granular markings are parsed; the rest pass as stored (without
      // an await each: a TAXII page decides on a thousand objects).
      // The label as this reader may be told it: a sighting hiding its organisation names none
      // to readers outside it (issue 17, must 2); the decision above used the real one.
      const sighting = sightings.get(o.seq);
      const shown = sighting === undefined ? label : disclosedLabel(reader, sighting, label);
      out.push(
        o.json.includes('"granular_markings"')
          ? { ...(await this.redacted(reader, o, label)), label: shown }
          : { ...o, withheld: [], label: shown },
      );
      if (label.classification) classified.push(o.id);
    }
    if (classified.length > 0) {
      await this.deps.audit.record({
        action: 'object.read_classified',
        actor,
        target: classified[0] ?? null,
        details: { ids: classified.slice(0, 100), count: classified.length },
      });
    }
    return out;
  }

  /** The labels of the latest versions of `ids` (absent: not held or not labelled). */
  private async endLabels(ids: string[], known: ReadonlyMap<string, AccessLabel | undefined>): Promise<Map<string, AccessLabel>> {
    const out = new Map<string, AccessLabel>();
    const unknown: string[] = [];
    for (const id of ids) {
      if (!known.has(id)) unknown.push(id);
      else {
        const label = known.get(id);
        if (label !== undefined) out.set(id, label);
      }
    }
    if (unknown.length > 0) for (const [id, label] of await this.deps.access.latest(unknown)) out.set(id, label);
    return out;
  }

  /** Whether the reader may read the latest version of each id (for edges and ends). */
  async visibleIds(as: ReadAs, ids: readonly string[]): Promise<Set<string>> {
    const { reader } = as;
    if (reader === null) return new Set(ids);
    const labels = await this.deps.access.latest(ids);
    return new Set(
      ids.filter((id) => {
        const l = labels.get(id);
        return l !== undefined && canRead(reader, l, this.deps.schemes);
      }),
    );
  }

  private async redacted(reader: Reader, o: StoredObject, label: AccessLabel): Promise<Visible> {
    const r = redact(JSON.parse(o.json) as StixObject, reader, await this.deps.markings.registry(), this.deps.schemes, label);
    return r.withheld.length === 0 ? { ...o, withheld: [] } : { ...o, json: JSON.stringify(r.object), withheld: r.withheld };
  }
}
