// One import run (services/ingest.service.ts): the objects examined, batched, labelled and
// stored or quarantined, the summary kept as it goes, and the options and dependencies every
// run shares. Memory stays bounded by the batch size whatever the input size (issue 2, §5).
import type { SplitItem } from '../domain/bundle/splitter.ts';
import type { ExaminedLite } from './examiner.ts';
import { claimsProvenance } from '../domain/federation/provenance.ts';
import { retractedMessage, retractedStub } from '../domain/federation/retraction.ts';
import { CONCORD_OBJECT_EXTENSION_ID } from '../domain/markings/concord-markings.ts';
import { sameJsonContent } from '../domain/stix/canonical.ts';
import type { StixObject } from '../domain/stix/types.ts';
import type { ImportSummary } from '../domain/imports/types.ts';
import type { InsertResult } from '../domain/objects/types.ts';
import type { NewQuarantineEntry } from '../domain/quarantine/types.ts';
import type { ObjectRepo, QuarantineRepo, SourceRepo, TombstoneRepo } from '../store/repositories.ts';
import { actorUsername, type NewIngestSource } from '../domain/objects/source.ts';
import type { PreparedObject } from '../domain/ingest/prepared.ts';
import type { Labeller, ImportOwner, LabellerDeps, Verdict } from './labeller.ts';
import type { MarkingCatalog } from './markings.service.ts';

/** Progress of a running import, reported after every chunk. */
export interface ImportProgress {
  bytesRead: number;
  objectsRead: number;
  summary: ImportSummary;
}

export interface ImportOptions {
  /** Where the data came from, kept with quarantined objects (`file:x.json`, `upload:<job>`). */
  source: string;
  /** Who writes, and the markings of what arrives unmarked. Without it nothing is labelled, so
   *  nothing stored is readable by anyone (store-level tools and benchmarks only). */
  owner?: ImportOwner;
  onProgress?: (p: ImportProgress) => void;
  /**
   * false: return once the objects are committed, before the derived indexes (lookup, search)
   * necessarily hold them; the caller calls `settled()` when it is done (a peer pull, page by
   * page, does so at its end). Default true.
   */
  settle?: boolean;
  /** The key id of the node that originated these objects (a peer's objects, verified): stored
   *  with each version, so that only that node publishes new versions here. */
  originKey?: string;
  /** Federation ingress checked the objects' provenance already (it stores through here). */
  provenanceChecked?: boolean;
  /** The run's source, recorded once and named by every version it stores (issue 15, must 3):
   *  `{ kind: 'upload', label: fileName, jobId, actor }`, or a RunSource shared by the imports of
   *  one run (a feed's or peer's pages). Absent: guessed from `source` and the owner. */
  from?: NewIngestSource | RunSource;
}

/** The source of a run made of several imports: recorded at its first stored version, once. */
export class RunSource {
  readonly spec: NewIngestSource;
  id: Promise<number> | undefined;

  constructor(spec: NewIngestSource) {
    this.spec = spec;
  }
}

/** The source of a caller that named none, from its `source` string (`upload:<job>`,
 *  `feed:<id>`, `taxii:<status>`, `file:<name>`, `stdin`, `peer:<id>`). */
export function guessedSource(options: Pick<ImportOptions, 'source' | 'owner'>): NewIngestSource {
  const [head = '', ...rest] = options.source.split(':');
  const tail = rest.join(':') || null;
  const actor = options.owner?.writer ? actorUsername(options.owner.actor) : null;
  if (head === 'upload') return { kind: 'upload', jobId: tail, actor };
  if (head === 'feed') return { kind: 'feed', jobId: tail };
  if (head === 'taxii') return { kind: 'taxii', jobId: tail, actor };
  if (head === 'file' || head === 'stdin') return { kind: 'cli', label: tail };
  if (head === 'peer') return { kind: 'peer', label: tail };
  return { kind: actor ? 'api' : 'system', label: options.source, actor };
}

/** Checks objects that claim a node's provenance as a peer's would be checked, and stores or
 *  quarantines them (services/federation/ingress.service.ts receiveImported). */
export type ProvenanceCheck = (objects: readonly unknown[], from: { source: string; actor: string }) => Promise<ImportSummary>;

export const BATCH = 2000;
/** A batch also ends at this much JSON text, so that large objects keep the examining and
 *  writing threads' heaps (and the import's RSS) bounded. */
export const BATCH_CHARS = 8 * 2 ** 20;

/** The repositories ingestion writes to; labelling needs the rest (absent: nothing labelled). */
export interface IngestDeps {
  objects: ObjectRepo;
  quarantine: QuarantineRepo;
  labels?: Omit<LabellerDeps, 'registry'> & { markings: MarkingCatalog };
  /** Called after new versions were stored (federation nudges its peers; issue 5, item 5). */
  onStored?: () => void;
  /** Where objects claiming a node's provenance go, whatever way they came in (issue 14):
   *  absent, they are stored as the importer's like any other. */
  provenance?: ProvenanceCheck;
  /** Retracted ids: a retracted version imported again is refused as RETRACTED. */
  tombstones?: Pick<TombstoneRepo, 'get'>;
  /** Where each run's source is recorded (absent: versions name none). */
  sources?: Pick<SourceRepo, 'create'>;
}

/** An empty summary. */
export function emptySummary(): ImportSummary {
  return { accepted: 0, unchanged: 0, upgraded: 0, quarantined: 0, reasons: {}, upgrades: {} };
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** Byte offset of a `JSON.parse` error inside an element, from V8's "at position N" message. */
function parseErrorOffset(item: SplitItem, message: string): number {
  const m = /position (\d+)/.exec(message);
  return item.offset + (m ? Buffer.byteLength(item.text.slice(0, Number(m[1]))) : 0);
}

/** One import run: accumulates batches and the summary. */
export class ImportRun {
  readonly summary = emptySummary();
  private batch: PreparedObject[] = [];
  private batchChars = 0;
  private held: NewQuarantineEntry[] = [];
  /** Objects claiming a node's provenance, for deps.provenance. */
  private foreign: unknown[] = [];
  objectsRead = 0;
  private readonly deps: IngestDeps;
  private readonly source: string;
  private readonly actor: string;
  private readonly labeller: Labeller | undefined;
  private readonly originKey: string | undefined;
  private readonly checkProvenance: boolean;
  private readonly from: RunSource;

  constructor(deps: IngestDeps, options: ImportOptions, labeller: Labeller | undefined) {
    this.deps = deps;
    this.from = options.from instanceof RunSource ? options.from : new RunSource(options.from ?? guessedSource(options));
    this.source = options.source;
    this.actor = options.owner?.actor ?? options.source;
    this.originKey = options.originKey;
    this.labeller = labeller;
    this.checkProvenance = deps.provenance !== undefined && options.originKey === undefined && options.provenanceChecked !== true;
  }

  /** The object, parsed, when it claims a node's provenance (else undefined). The text test
   *  keeps the cost to objects that carry Concord's extension: the rest are not parsed again. */
  private claiming(item: SplitItem, prepared: PreparedObject): StixObject | undefined {
    if (!this.checkProvenance || !prepared.json.includes(CONCORD_OBJECT_EXTENSION_ID)) return undefined;
    const o = JSON.parse(item.text) as StixObject;
    return claimsProvenance(o) ? o : undefined;
  }

  async add(item: SplitItem, r: ExaminedLite): Promise<void> {
    this.objectsRead++;
    if (!r.ok) {
      const offset = r.reason === 'JSON_MALFORMED' ? parseErrorOffset(item, r.message) : item.offset;
      const message = r.reason === 'JSON_MALFORMED' ? `objects[${item.index}]: ${r.message} (byte ${offset})` : r.message;
      this.quarantine({
        objectId: r.objectId,
        reason: r.reason,
        details: { message, index: item.index, offset, ...asRecord(r.details) },
        raw: item.text,
      });
    } else {
      if (r.upgrades.length > 0) {
        this.summary.upgraded++;
        for (const change of r.upgrades) count(this.summary.upgrades, change);
      }
      const claiming = this.claiming(item, r.prepared);
      if (claiming) this.foreign.push(claiming);
      else {
        if (this.originKey !== undefined) r.prepared.originKey = this.originKey;
        this.batch.push(r.prepared);
        this.batchChars += r.prepared.json.length;
      }
    }
    if (this.batch.length >= BATCH || this.batchChars >= BATCH_CHARS || this.held.length >= BATCH || this.foreign.length >= BATCH)
      await this.flush();
  }

  quarantine(entry: Omit<NewQuarantineEntry, 'source'>): void {
    this.held.push({ ...entry, source: this.source });
    this.summary.quarantined++;
    count(this.summary.reasons, entry.reason);
  }

  async flush(): Promise<void> {
    const batch = await this.withoutRetracted(this.batch);
    this.batch = [];
    this.batchChars = 0;
    if (batch.length > 0) {
      const { kept, verdicts } = this.labeller ? await this.judge(this.labeller, batch) : { kept: batch, verdicts: [] };
      // The labels known now are stored in the batch's own transaction: one commit fewer, and
      // no window in which a stored version waits for its label.
      const labels = this.labeller ? verdicts.map((v) => (v.kind === 'store' ? v.label : null)) : undefined;
      const sourceId = await this.sourceId(kept.length);
      if (sourceId !== undefined) for (const o of kept) o.sourceId = sourceId;
      const results = await this.deps.objects.insertBatch(kept, labels, { bulk: true });
      await this.labeller?.stored(
        kept,
        verdicts,
        results.map((r) => (r.status === 'inserted' ? r.seq : null)),
        true,
      );
      await this.count(kept, results);
      if (results.some((r) => r.status === 'inserted')) this.deps.onStored?.();
    }
    if (this.held.length > 0) {
      const held = this.held;
      this.held = [];
      await this.deps.quarantine.add(held);
    }
    if (this.foreign.length > 0 && this.deps.provenance) {
      const foreign = this.foreign;
      this.foreign = [];
      this.merge(await this.deps.provenance(foreign, { source: this.source, actor: this.actor }));
    }
  }

  /** The run's source id, recorded before its first batch is written: a run with nothing to
   *  write records nothing (one whose versions all turn out held already records one row).
   *  One insert a run, whatever its size (bench/RESULTS.md, 2026-12-07). */
  private async sourceId(count: number): Promise<number | undefined> {
    const sources = this.deps.sources;
    if (count === 0 || !sources) return undefined;
    this.from.id ??= sources.create(this.from.spec, new Date().toISOString());
    return this.from.id;
  }

  /** The batch less the objects retracted here: any version of one, new or held, is refused
   *  (DESIGN.md, Federation: a retracted object is never accepted again). One query a batch. */
  private async withoutRetracted(batch: PreparedObject[]): Promise<PreparedObject[]> {
    if (batch.length === 0 || !this.deps.tombstones) return batch;
    const tombs = await this.deps.tombstones.get(batch.map((o) => o.id));
    if (tombs.size === 0) return batch;
    const kept: PreparedObject[] = [];
    for (const o of batch) {
      if (tombs.has(o.id)) await this.retracted(o, retractedStub(o));
      else kept.push(o);
    }
    return kept;
  }

  private merge(s: ImportSummary): void {
    this.summary.accepted += s.accepted;
    this.summary.unchanged += s.unchanged;
    this.summary.quarantined += s.quarantined;
    for (const [reason, n] of Object.entries(s.reasons)) this.summary.reasons[reason] = (this.summary.reasons[reason] ?? 0) + n;
  }

  /** The objects of a batch the write rules and markings let in, with their verdicts; the
   *  refused ones are quarantined with their reason. */
  private async judge(labeller: Labeller, batch: PreparedObject[]): Promise<{ kept: PreparedObject[]; verdicts: Verdict[] }> {
    const all = await labeller.judge(batch);
    const kept: PreparedObject[] = [];
    const verdicts: Verdict[] = [];
    for (let i = 0; i < batch.length; i++) {
      const v = all[i] as Verdict;
      const obj = batch[i] as PreparedObject;
      if (v.kind === 'store') {
        kept.push(obj);
        verdicts.push(v);
      } else if (!(await this.heldUnchanged(obj))) {
        this.quarantine({ objectId: obj.id, reason: v.reason, details: { message: v.message }, raw: obj.json });
      }
    }
    return { kept, verdicts };
  }

  /** Labels what waited for its marking definitions; the run's last step. */
  async finish(settle = true): Promise<void> {
    await this.flush();
    // The import is over only once every batch is fully readable (ObjectRepo.settled).
    if (settle) await this.deps.objects.settled?.();
    if (!this.labeller) return;
    await this.labeller.finish();
    if (this.summary.accepted > 0) this.deps.onStored?.();
    if (this.labeller.restricted > 0) this.summary.restricted = this.labeller.restricted;
    this.deps.labels?.markings.update(this.labeller.markings);
  }

  /** A refused object that is exactly a version already held is counted unchanged, not refused:
   *  re-importing a shared feed another organisation imported first is not a conflict. */
  private async heldUnchanged(obj: PreparedObject): Promise<boolean> {
    const held = await this.deps.objects.get(obj.id, obj.version);
    if (!held || !sameJsonContent(held.json, obj.json)) return false;
    this.summary.unchanged++;
    return true;
  }

  private async count(batch: PreparedObject[], results: InsertResult[]): Promise<void> {
    for (const [i, res] of results.entries()) {
      const obj = batch[i] as PreparedObject;
      if (res.status === 'inserted') this.summary.accepted++;
      else if (sameJsonContent(res.existingJson, obj.json)) this.summary.unchanged++;
      else if (res.existingJson.includes('"x_concord_retracted":true')) await this.retracted(obj, res.existingJson);
      else {
        this.quarantine({
          objectId: obj.id,
          reason: 'VERSION_CONFLICT',
          details: {
            message: `${obj.id} version ${obj.version} is already held with different content (STIX 2.1 §3.6: a new version needs a new modified)`,
            held: JSON.parse(res.existingJson),
          },
          raw: obj.json,
        });
      }
    }
  }

  /** A version of a retracted object (the store holds its purged stub): refused as RETRACTED,
   *  with when, by which node and why, and quarantined as the stub, so that the content the
   *  retraction purged is not kept again. */
  private async retracted(obj: PreparedObject, stub: string): Promise<void> {
    const tomb = (await this.deps.tombstones?.get([obj.id]))?.get(obj.id);
    const retraction = tomb ? await this.deps.objects.get(tomb.retractionId) : undefined;
    const why = retraction ? (JSON.parse(retraction.json) as { reason?: unknown }).reason : undefined;
    this.quarantine({
      objectId: obj.id,
      reason: 'RETRACTED',
      details: {
        message: tomb ? retractedMessage(obj.id, tomb, typeof why === 'string' ? why : undefined) : `${obj.id} was retracted here`,
        ...(tomb ? { retractedAt: tomb.retractedAt, retractedBy: tomb.retractedBy, retraction: tomb.retractionId } : {}),
      },
      raw: stub,
    });
  }
}

function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
