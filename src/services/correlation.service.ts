// "Also seen in" (issue 17, must 5): the other objects that share an observable value with an
// object, read from the observables index (no table of pairs), as one reader may know them.
// As MISP's correlation limit (max_correlations_per_event) and its warninglists do, a value
// carried by more objects than the limit, or on a warninglist, is shown as such and not expanded.
import type { Correlation, CorrelatedValue } from '../domain/correlation/api.ts';
import { authorize } from '../domain/access/permissions.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { observablesOf } from '../domain/ingest/examine.ts';
import { markingOf } from '../domain/markings/banner.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { Observable } from '../domain/observables/types.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { NotFoundError } from '../errors.ts';
import type { CorrelationRepo, ObjectRepo } from '../store/repositories.ts';
import { readAs, type AccessGate, type ReadAs, type Visible } from './access-gate.ts';
import { valueKey, type WarninglistService } from './warninglist.service.ts';

export interface CorrelationDeps {
  correlation: CorrelationRepo;
  objects: ObjectRepo;
  gate: AccessGate;
  warninglists: Pick<WarninglistService, 'match' | 'ready'>;
  schemes: SchemeRegistry;
  /** More carriers than this: too common (CONCORD_CORRELATION_LIMIT). */
  limit: number;
  /** Carriers examined per value at most (CONCORD_LIST_SCAN_ROWS), for a reader who may read
   *  few of a value's many carriers. */
  scanRows: number;
}

/** Largest page of carriers read at once. */
const MAX_PAGE = 1000;

/** The correlations of objects, each value's carriers filtered by the access gate. */
export class CorrelationService {
  private readonly deps: CorrelationDeps;

  constructor(deps: CorrelationDeps) {
    this.deps = deps;
  }

  /** The correlation limit in force. */
  get limit(): number {
    return this.deps.limit;
  }

  /**
   * The values of the latest version of `objectId` and, for each, the other latest objects the
   * reader may read that carry it. Only objects the reader may read are counted, so a count
   * never reveals what the reader cannot read. An object the reader cannot read is a 404.
   */
  async of(principal: Principal, objectId: string): Promise<Correlation> {
    authorize(principal, 'object.read');
    const as = readAs(principal);
    const stored = await this.deps.objects.get(objectId);
    const [root] = stored ? await this.deps.gate.filter(as, [stored]) : [];
    const held = root ? await this.deps.correlation.valuesOf(objectId) : undefined;
    if (!root || !held) throw new NotFoundError(objectId);
    // A value the reader cannot see on the object (withheld by a granular marking) is not
    // listed: its values are then those of the object as the reader receives it.
    const values = root.withheld.length === 0 ? held.values : observablesOf(JSON.parse(root.json) as StixObject);
    await this.deps.warninglists.ready();
    const listed = this.deps.warninglists.match(values);
    const out: CorrelatedValue[] = [];
    for (const value of values) out.push(await this.correlate(as, value, held.seq, listed.get(valueKey(value)) ?? []));
    return { of: objectId, limit: this.deps.limit, values: out };
  }

  private async correlate(
    as: ReadAs,
    value: Observable,
    except: number,
    warninglists: CorrelatedValue['warninglists'],
  ): Promise<CorrelatedValue> {
    const { limit } = this.deps;
    const readable = await this.readableCarriers(as, value, except, limit + 1);
    const tooCommon = readable.length > limit;
    const expand = !tooCommon && warninglists.length === 0;
    return {
      kind: value.kind,
      value: value.value,
      objects: readable.length,
      tooCommon,
      warninglists,
      seenIn: expand ? readable.map((v) => this.seen(v)) : [],
    };
  }

  /**
   * Up to `wanted` carriers of `value` the reader may read, newest first. Pages grow from the
   * limit so that a common value the reader may read costs one short read; a reader who may
   * read few of many carriers is bounded by `scanRows`.
   */
  private async readableCarriers(as: ReadAs, value: Observable, except: number, wanted: number): Promise<Visible[]> {
    const found: Visible[] = [];
    let before: number | undefined;
    let examined = 0;
    let size = wanted;
    while (found.length < wanted && examined < this.deps.scanRows) {
      const page = await this.deps.correlation.carriers(value, except, before, size);
      examined += page.length;
      // As in lookups (object.service.ts): a carrier redacted for this reader may carry the
      // value only in what is withheld, so it is not counted.
      for (const v of await this.deps.gate.filterLabelled(as, page)) if (v.withheld.length === 0 && found.length < wanted) found.push(v);
      const last = page.at(-1);
      if (page.length < size || !last) break;
      before = last.object.seq;
      size = Math.min(MAX_PAGE, size * 4, this.deps.scanRows - examined);
      if (size <= 0) break;
    }
    return found;
  }

  private seen(v: Visible): CorrelatedValue['seenIn'][number] {
    const json = JSON.parse(v.json) as StixObject;
    const name = typeof json['name'] === 'string' ? json['name'] : typeof json['value'] === 'string' ? json['value'] : null;
    const marking = v.label ? markingOf(v.label, (id) => this.deps.schemes.get(id)) : undefined;
    return { id: v.id, type: v.type, name, ...(marking ? { marking } : {}) };
  }
}
