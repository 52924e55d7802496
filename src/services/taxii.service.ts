// The TAXII 2.1 collections server (TAXII 2.1 §4, §5): reading collections through the access
// gate, adding objects asynchronously with a status resource, deleting from write targets.
// Every page is filled with objects the caller may read before it is cut, so that neither
// `more`, nor the page length, nor the date headers tell what was withheld (DESIGN.md
// principle 2; §1.6.9 lets a server omit objects a client may not receive).
import { randomUUID } from 'node:crypto';
import type { Principal } from '../domain/identity/principal.ts';
import { sameJsonContent } from '../domain/stix/canonical.ts';
import { versionKey } from '../domain/stix/timestamp.ts';
import { UnprocessableError } from '../domain/taxii/errors.ts';
import { encodeNext, taxiiTimestamp, type TaxiiFilter, type VersionSelection } from '../domain/taxii/params.ts';
import { envelopeObjects, statusDetail } from '../domain/taxii/resources.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { Collection, CollectionEntry, CollectionRead, StatusDetail, StatusRecord } from '../domain/collections/types.ts';
import type { CollectionRepo, ObjectRepo, QuarantineRepo } from '../store/repositories.ts';
import { readAs, type AccessGate, type Visible } from './access-gate.ts';
import type { CollectionService, Rights } from './collection.service.ts';
import type { ImportOwner, IngestService } from './ingest.service.ts';
import { actorUsername } from '../domain/objects/source.ts';

/** §3.5: the most a page holds, whatever `limit` asks. */
export const MAX_PAGE = 1000;

/** An object version as one caller may receive it, with when it was added to the collection. */
export interface TaxiiEntry {
  position: number;
  /** §2 timestamp (microseconds). */
  dateAdded: string;
  object: Visible;
}

/** One page of a read (§3.5): `next` is set when `more` is. */
export interface TaxiiPage {
  entries: TaxiiEntry[];
  more: boolean;
  next?: string;
}

/** A collection and the caller's rights on it. */
export interface CollectionView {
  collection: Collection;
  rights: Rights;
}

export interface TaxiiDeps {
  collections: CollectionService;
  repo: CollectionRepo;
  objects: ObjectRepo;
  quarantine: QuarantineRepo;
  ingest: IngestService;
  gate: AccessGate;
  owner: (principal: Principal) => Promise<ImportOwner>;
  /** Decay (issue 17, must 6): the versions to keep under a collection's minimum score. */
  keepScoring?: (principal: Principal, items: Visible[], minScore: number) => Promise<Visible[]>;
}

const EVERY_VERSION: VersionSelection = { all: true };

/** TAXII reads and writes over collections. */
export class TaxiiService {
  private readonly deps: TaxiiDeps;
  /** Add-objects requests run one after another, in the order they were accepted. */
  private tail: Promise<void> = Promise.resolve();

  constructor(deps: TaxiiDeps) {
    this.deps = deps;
  }

  /** §5.1: the collections the caller may read or write, in a stable order (§3.3). */
  async collections(principal: Principal): Promise<CollectionView[]> {
    const all = await this.deps.collections.all();
    return all
      .map((collection) => ({ collection, rights: this.deps.collections.rights(principal, collection) }))
      .filter((v) => v.rights.canRead || v.rights.canWrite);
  }

  /** §5.2: one collection; one the caller can neither read nor write is not found. */
  async collection(principal: Principal, ref: string): Promise<CollectionView> {
    const collection = await this.deps.repo.find(ref);
    const rights = collection && this.deps.collections.rights(principal, collection);
    if (!collection || !rights || (!rights.canRead && !rights.canWrite)) throw new NotFoundError(`collection ${ref}`);
    return { collection, rights };
  }

  /** §5.3, §5.4: a page of the collection's contents matching `filter`. */
  async read(principal: Principal, ref: string, filter: TaxiiFilter): Promise<TaxiiPage> {
    const c = await this.readable(principal, ref);
    return this.page(principal, c, filter);
  }

  /** §5.6: versions of one object; 404 when the caller sees no version of it in the collection. */
  async object(principal: Principal, ref: string, objectId: string, filter: TaxiiFilter): Promise<TaxiiPage> {
    const c = await this.readable(principal, ref);
    const page = await this.page(principal, c, { ...filter, ids: [objectId], types: undefined });
    if (page.entries.length === 0) await this.requireObject(principal, c, objectId);
    return page;
  }

  /** §5.8: every version of one object in the collection, in the order they were added. */
  async versions(principal: Principal, ref: string, objectId: string, filter: TaxiiFilter): Promise<TaxiiPage> {
    const c = await this.readable(principal, ref);
    const page = await this.page(principal, c, { ...filter, ids: [objectId], types: undefined, select: EVERY_VERSION });
    if (page.entries.length === 0) await this.requireObject(principal, c, objectId);
    return page;
  }

  /**
   * §5.7: removes the versions the caller can see from a write-target collection. Only the
   * membership goes: the store keeps every version (DESIGN.md principle 3), other collections
   * and the REST API still show them; a retraction is the way to withdraw an object.
   */
  async remove(principal: Principal, ref: string, objectId: string, filter: TaxiiFilter): Promise<void> {
    const { collection: c, rights } = await this.collection(principal, ref);
    // §5.7: can_read and can_write both true, else 403 (one of them) or 404 (neither).
    if (!rights.canRead || !rights.canWrite) throw new ForbiddenError('deleting needs both read and write rights on this collection');
    const seqs: number[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await this.page(principal, c, {
        ...filter,
        ids: [objectId],
        types: undefined,
        limit: MAX_PAGE,
        ...(after === undefined ? {} : { after }),
      });
      seqs.push(...page.entries.map((e) => e.object.seq));
      if (!page.more) break;
      after = page.entries.at(-1)?.position;
    }
    if (seqs.length === 0) throw new NotFoundError(`${objectId} in collection ${ref}`);
    await this.deps.repo.removeMembers(c.id, seqs);
  }

  /** §5.5: accepts an envelope and returns its status at once; the objects are ingested in the background. */
  async add(principal: Principal, ref: string, body: unknown): Promise<StatusRecord> {
    const { collection: c, rights } = await this.collection(principal, ref);
    if (!rights.canWrite) throw new ForbiddenError('this collection does not accept objects from you');
    const objects = envelopeObjects(body);
    if (objects === undefined)
      throw new UnprocessableError('the body must be a TAXII envelope: an object with an "objects" list (TAXII 2.1 §3.7)');
    const owner = await this.deps.owner(principal);
    const now = taxiiTimestamp(new Date().toISOString());
    const pendings = objects.map(statusDetail);
    const status: StatusRecord = {
      id: randomUUID(),
      collectionId: c.id,
      orgId: principal.kind === 'user' ? principal.org.id : null,
      status: objects.length === 0 ? 'complete' : 'pending',
      requestTimestamp: now,
      updatedAt: now,
      totalCount: objects.length,
      successCount: 0,
      failureCount: 0,
      pendingCount: objects.length,
      successes: [],
      failures: [],
      pendings,
    };
    await this.deps.repo.putStatus(status);
    if (objects.length > 0) {
      const run = this.tail.then(() => this.process(status, c, objects, owner));
      this.tail = run.catch(() => undefined);
    }
    return status;
  }

  /** §4.3: a status resource; only its creator's organisation sees it. */
  async status(principal: Principal, id: string): Promise<StatusRecord> {
    const s = await this.deps.repo.getStatus(id);
    if (!s || (principal.kind === 'user' && s.orgId !== principal.org.id)) throw new NotFoundError(`status ${id}`);
    return s;
  }

  /** Resolves when every accepted add-objects request has been processed. */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }

  private async readable(principal: Principal, ref: string): Promise<Collection> {
    const { collection, rights } = await this.collection(principal, ref);
    // §5.3, §5.4, §5.6, §5.8: can_read false is 403 (the caller knows of the collection).
    if (!rights.canRead) throw new ForbiddenError('this collection is not readable by you');
    return collection;
  }

  private async requireObject(principal: Principal, c: Collection, objectId: string): Promise<void> {
    const someVersion = await this.page(principal, c, { ids: [objectId], select: EVERY_VERSION, limit: 1 });
    if (someVersion.entries.length === 0) throw new NotFoundError(`${objectId} in collection ${c.id}`);
  }

  /**
   * Fills a page with versions the caller may read, reading the collection in batches until
   * `limit + 1` are found: the extra one decides `more` exactly (§3.5) without being shown.
   */
  private async page(principal: Principal, c: Collection, filter: TaxiiFilter): Promise<TaxiiPage> {
    const limit = Math.min(filter.limit ?? MAX_PAGE, MAX_PAGE);
    const want = limit + 1;
    const found: TaxiiEntry[] = [];
    const read: CollectionRead = {
      select: filter.select,
      limit: Math.max(want, 100),
      ...(filter.ids ? { ids: filter.ids } : {}),
      ...(filter.types ? { types: filter.types } : {}),
      ...(filter.specVersions ? { specVersions: filter.specVersions } : {}),
      ...(filter.addedAfter !== undefined ? { addedAfter: filter.addedAfter } : {}),
    };
    let after = filter.after;
    while (found.length < want) {
      const batch = await this.deps.repo.entries(c, { ...read, ...(after === undefined ? {} : { after }) });
      // The labels were read with the page (one statement); the gate decides on each version.
      const visible = new Map((await this.visible(principal, c, batch, filter.minScore)).map((v) => [v.seq, v]));
      for (const e of batch) {
        const object = visible.get(e.object.seq);
        if (object && found.length < want) found.push({ position: e.position, dateAdded: taxiiTimestamp(e.dateAdded), object });
      }
      if (batch.length < read.limit) break;
      after = batch.at(-1)?.position;
    }
    const entries = found.slice(0, limit);
    const last = entries.at(-1);
    return found.length > limit && last ? { entries, more: true, next: encodeNext(last.position) } : { entries, more: false };
  }

  /** What the caller may read of a batch, and, under a minimum decay score (the collection's
   *  or the request's `match[x_concord_min_score]`, the higher), without the indicators scoring
   *  below it: the page is filled with what is kept, so that `more` stays exact (§3.5). */
  private async visible(principal: Principal, c: Collection, batch: CollectionEntry[], asked?: number): Promise<Visible[]> {
    const readable = await this.deps.gate.filterLabelled(readAs(principal), batch);
    const mins = [c.query.minScore, asked].filter((m) => m !== undefined);
    if (mins.length === 0 || this.deps.keepScoring === undefined) return readable;
    return this.deps.keepScoring(principal, readable, Math.max(...mins));
  }

  /** Ingests the objects, then settles each one's outcome from what the store and quarantine hold. */
  private async process(status: StatusRecord, c: Collection, objects: unknown[], owner: ImportOwner): Promise<void> {
    const source = `taxii:${status.id}`;
    let outcome: { successes: StatusDetail[]; failures: StatusDetail[]; seqs: number[] };
    try {
      // The object page names the TAXII add: collection, status, user (issue 15, must 3).
      const actor = owner.writer ? actorUsername(owner.actor) : null;
      await this.deps.ingest.importStream([JSON.stringify(objects)], {
        source,
        owner,
        from: { kind: 'taxii', label: c.title, jobId: status.id, actor },
      });
      outcome = await this.outcomes(objects, status.pendings, await this.quarantined(source));
    } catch (e) {
      const message = `not processed: ${e instanceof Error ? e.message : String(e)}`;
      outcome = { successes: [], failures: status.pendings.map((d) => ({ ...d, message })), seqs: [] };
    }
    const now = new Date().toISOString();
    await this.deps.repo.addMembers(c.id, outcome.seqs, now);
    await this.deps.repo.putStatus({
      ...status,
      status: 'complete',
      updatedAt: taxiiTimestamp(now),
      successCount: outcome.successes.length,
      failureCount: outcome.failures.length,
      pendingCount: 0,
      successes: outcome.successes,
      failures: outcome.failures,
      pendings: [],
    });
  }

  /** Why each quarantined object of this request was refused, by STIX id. */
  private async quarantined(source: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let after: number | undefined;
    for (;;) {
      const page = await this.deps.quarantine.list({ limit: 500, ...(after === undefined ? {} : { after }) }, { source });
      for (const q of page.items) {
        const details = q.details !== null && typeof q.details === 'object' ? (q.details as Record<string, unknown>) : {};
        const message = typeof details['message'] === 'string' ? `${q.reason}: ${details['message']}` : q.reason;
        if (q.objectId !== null && !out.has(q.objectId)) out.set(q.objectId, message);
      }
      if (page.next === null) return out;
      after = page.next;
    }
  }

  /**
   * An object succeeded when the store holds its version with its content (an exact duplicate
   * of what is held is a success, §5.5); otherwise it failed, with the quarantine's reason.
   */
  private async outcomes(objects: unknown[], details: StatusDetail[], refused: Map<string, string>) {
    const successes: StatusDetail[] = [];
    const failures: StatusDetail[] = [];
    const seqs: number[] = [];
    for (const [i, d] of details.entries()) {
      const key = d.version === '' ? undefined : versionKey(d.version);
      const held = d.id === '' ? undefined : await this.deps.objects.get(d.id, key);
      const reason = refused.get(d.id);
      if (held && (reason === undefined || sameJsonContent(held.json, JSON.stringify(objects[i])))) {
        successes.push(d);
        seqs.push(held.seq);
      } else {
        failures.push({ ...d, message: reason ?? (d.id === '' ? 'not a STIX object: it has no id' : 'not stored') });
      }
    }
    return { successes, failures, seqs };
  }
}
