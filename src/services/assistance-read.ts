// Reading requests, offers and their pictures as one reader may (issue 18, musts 1, 4, 5, 7): the
// rows come from the assistance projection (assistance-projector.ts), every row passes the access
// policy (a request outside the reader's audience is missing, exactly as an absent one), and the
// full objects are read through the access gate (DESIGN.md principle 2). Shared by the request
// and offer services.
import { canRead } from '../domain/access/policy.ts';
import type { AccessLabel } from '../domain/access/types.ts';
import type { OfferView } from '../domain/assistance/api.ts';
import { latestDecisions } from '../domain/assistance/board.ts';
import { pseudonymOf } from '../domain/assistance/pseudonym.ts';
import type { DecisionRecord, DeploymentRecord, OfferRecord, RequestRecord, WorkRecord } from '../domain/assistance/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import { NotFoundError } from '../errors.ts';
import type { AssistanceRepo, Labelled, ObjectRepo } from '../store/repositories.ts';
import { type AccessGate, readAs, readerOf } from './access-gate.ts';
import type { OrgDirectory } from './org-directory.ts';
import { offerFields, type RequestFields, requestFields } from '../domain/assistance/read.ts';

export interface AssistanceReadDeps {
  assistance: AssistanceRepo;
  objects: Pick<ObjectRepo, 'get' | 'getMany'>;
  /** Organisation names, read once per directory version. */
  directory: Pick<OrgDirectory, 'all'>;
  gate: AccessGate;
  schemes: SchemeRegistry;
}

/** A request the reader may read: its row, its label and its fields from the stored object. */
export interface HeldRequest {
  record: RequestRecord;
  label: AccessLabel;
  fields: RequestFields;
  object: JsonObject;
}

/** An offer the reader may read, with its object. */
export interface HeldOffer {
  record: OfferRecord;
  label: AccessLabel;
  object: JsonObject;
}

/** What the reader may read around some requests: offers, the latest decision on each, the
 *  deployments and their work. */
export interface Picture {
  offers: Labelled<OfferRecord>[];
  decisions: Map<string, DecisionRecord>;
  deployments: Labelled<DeploymentRecord>[];
  work: WorkRecord[];
}

const EMPTY: Picture = { offers: [], decisions: new Map(), deployments: [], work: [] };

/** Reads assistance rows and objects as each reader may. */
export class AssistanceReads {
  private readonly deps: AssistanceReadDeps;

  constructor(deps: AssistanceReadDeps) {
    this.deps = deps;
  }

  /** Whether the principal may read a row labelled `label` (the command line reads all). */
  visible(p: Principal, label: AccessLabel | null): label is AccessLabel {
    const reader = readerOf(p);
    return label !== null && (reader === null || canRead(reader, label, this.deps.schemes));
  }

  /** The latest version of `id` as the reader may read it (undefined: missing or not readable). */
  async object(p: Principal, id: string): Promise<JsonObject | undefined> {
    const stored = await this.deps.objects.get(id);
    const [v] = stored ? await this.deps.gate.filter(readAs(p), [stored]) : [];
    return v === undefined ? undefined : (JSON.parse(v.json) as JsonObject);
  }

  /** A request the reader may read; NotFoundError otherwise, as for a missing one. */
  async request(p: Principal, id: string): Promise<HeldRequest> {
    const found = await this.deps.assistance.request(id);
    const object = found !== undefined && this.visible(p, found.label) ? await this.object(p, id) : undefined;
    if (found === undefined || found.label === null || object === undefined) throw new NotFoundError(`assistance request ${id}`, { id });
    return { record: found.record, label: found.label, fields: requestFields(object, this.deps.schemes.all()), object };
  }

  /** An offer the reader may read; NotFoundError otherwise. */
  async offer(p: Principal, id: string): Promise<HeldOffer> {
    const found = await this.deps.assistance.offer(id);
    const object = found !== undefined && this.visible(p, found.label) ? await this.object(p, id) : undefined;
    if (found === undefined || found.label === null || object === undefined) throw new NotFoundError(`assistance offer ${id}`, { id });
    return { record: found.record, label: found.label, object };
  }

  /** The pictures of `requestIds` as the reader may read them, by request id. */
  async pictures(p: Principal, requestIds: readonly string[]): Promise<Map<string, Picture>> {
    const out = new Map<string, Picture>();
    if (requestIds.length === 0) return out;
    const { assistance } = this.deps;
    const ids = [...requestIds];
    const [offers, decisions, deployments] = await Promise.all([
      assistance.offersOf(ids),
      assistance.decisionsOf(ids),
      assistance.deploymentsOf(ids),
    ]);
    const seenDeployments = deployments.filter((d) => this.visible(p, d.label));
    const work = seenDeployments.length === 0 ? [] : await assistance.workOf(seenDeployments.map((d) => d.record.id));
    const picture = (id: string): Picture => {
      let held = out.get(id);
      if (held === undefined) {
        held = { offers: [], decisions: new Map(), deployments: [], work: [] };
        out.set(id, held);
      }
      return held;
    };
    for (const o of offers) if (this.visible(p, o.label)) picture(o.record.requestId).offers.push(o);
    const seenDecisions = decisions.filter((d) => this.visible(p, d.label)).map((d) => d.record);
    for (const [offerId, d] of latestDecisions(seenDecisions)) picture(d.requestId).decisions.set(offerId, d);
    const requestOf = new Map<string, string>();
    for (const d of seenDeployments) {
      picture(d.record.requestId).deployments.push(d);
      requestOf.set(d.record.id, d.record.requestId);
    }
    for (const w of work) {
      const requestId = requestOf.get(w.record.deploymentId);
      if (requestId !== undefined && this.visible(p, w.label)) picture(requestId).work.push(w.record);
    }
    return out;
  }

  /** The picture of one request (empty when the reader may read none of it). */
  async picture(p: Principal, requestId: string): Promise<Picture> {
    return (await this.pictures(p, [requestId])).get(requestId) ?? EMPTY;
  }

  /** Organisation names by id (an unknown one is named by its id). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const orgs = await this.deps.directory.all();
    return new Map([...new Set(ids)].map((id) => [id, orgs.get(id)?.name ?? id]));
  }

  /** Offers as the reader sees them, with their experts' pseudonyms and the latest decision. */
  async offerViews(
    p: Principal,
    offers: readonly Labelled<OfferRecord>[],
    decisions: ReadonlyMap<string, DecisionRecord>,
  ): Promise<OfferView[]> {
    const objects = new Map<string, JsonObject>();
    const stored = await this.deps.objects.getMany(offers.map((o) => o.record.id));
    for (const v of await this.deps.gate.filter(readAs(p), stored)) objects.set(v.id, JSON.parse(v.json) as JsonObject);
    const names = await this.names(offers.map((o) => o.record.orgId));
    const out: OfferView[] = [];
    for (const { record } of offers) {
      const object = objects.get(record.id);
      if (object === undefined) continue;
      const fields = offerFields(object);
      // The pseudonym is derived from the profile id (pseudonym.ts): no profile read needed.
      const experts = fields.experts.map((e) => ({ ...e, pseudonym: pseudonymOf(e.profileId) }));
      const d = decisions.get(record.id);
      out.push({
        id: record.id,
        requestId: record.requestId,
        org: { id: record.orgId, name: names.get(record.orgId) ?? record.orgId },
        message: fields.message,
        status: record.status,
        experts,
        decision:
          d === undefined ? null : { decision: d.decision, profileIds: d.profileIds, reason: await this.reason(p, d.id), at: d.modified },
        created: record.created,
        modified: record.modified,
      });
    }
    return out;
  }

  /** A decision's reason, read from its object (the projection keeps no free text). */
  private async reason(p: Principal, decisionId: string): Promise<string | null> {
    const o = await this.object(p, decisionId);
    return typeof o?.['reason'] === 'string' ? o['reason'] : null;
  }
}
