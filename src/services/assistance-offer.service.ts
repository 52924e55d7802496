// Offers and the requester's decisions (issue 18, must 4). An organisation offers experts of its
// roster for a request it may read: the offer names their pseudonymous profiles only (must 2:
// never a name), what each covers of the request's skills and the window each can serve, and goes
// to a sharing group the offerer owns with the requester and the coordinator, which travels to
// their nodes with the offer. The requester accepts (all or some experts) or declines; the decision
// goes to the offer's group: the access policy decides reading by the group's members, whoever
// owns the group (policy.ts inAudience), and only the decision's own organisation versions it.
import { randomUUID } from 'node:crypto';
import { authorize } from '../domain/access/permissions.ts';
import { distributionAllowed } from '../domain/access/policy.ts';
import { type Distribution, formatDistribution } from '../domain/access/types.ts';
import {
  DECISION_TYPE,
  DECISIONS,
  type DecisionInput,
  type NewOffer,
  OFFER_TYPE,
  type OfferView,
  type Window,
} from '../domain/assistance/api.ts';
import { coveredSkills } from '../domain/assistance/board.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { Tlp } from '../domain/markings/tlp.ts';
import { withMarkings } from '../domain/writing/compose.ts';
import { ConflictError, InvalidInputError } from '../errors.ts';
import type { RosterRepo } from '../store/repositories.ts';
import { decisionObject, offerObject } from '../domain/assistance/build.ts';
import { gaps } from '../domain/assistance/matching.ts';
import { offerFields } from '../domain/assistance/read.ts';
import { groupIdFor } from './assistance-groups.ts';
import { type AssistanceReadDeps, AssistanceReads, type HeldOffer, type HeldRequest } from './assistance-read.ts';
import { AssistanceWriter, type AssistanceWriterDeps } from './assistance-writer.ts';

export interface OfferServiceDeps extends AssistanceReadDeps, AssistanceWriterDeps {
  roster: Pick<RosterRepo, 'get'>;
  /** Brings the projection up to date (the projector's catch-up). */
  catchUp: () => Promise<void>;
  now?: () => Date;
}

/** One checked expert of an offer. */
interface OfferedExpert {
  profileId: string;
  covers: string[];
  window: Window;
  note?: string;
}

/** Offers experts and decides on offers. */
export class AssistanceOfferService {
  private readonly deps: OfferServiceDeps;
  private readonly reads: AssistanceReads;
  private readonly writer: AssistanceWriter;

  constructor(deps: OfferServiceDeps) {
    this.deps = deps;
    this.reads = new AssistanceReads(deps);
    this.writer = new AssistanceWriter(deps);
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  /** Offers experts of the caller's organisation (or `orgId`, the command line's) for a request. */
  async offer(p: Principal, requestId: string, input: NewOffer, orgId?: string): Promise<OfferView> {
    const author = await this.writer.owner(p, 'assistance.respond', orgId);
    await this.deps.catchUp();
    const request = await this.reads.request(p, requestId);
    if (request.record.status !== 'open')
      throw new ConflictError(`this request is ${request.record.status}: it takes no offers`, {
        field: 'request.status',
        current: request.record.status,
      });
    if (request.label.ownerOrg === author.orgId)
      throw new InvalidInputError('an organisation does not offer its own experts for its own request', { field: 'requestId' });
    const experts = await this.experts(author.orgId, request, input);
    if (input.message !== undefined && typeof input.message !== 'string')
      throw new InvalidInputError('message must be text', { field: 'message' });
    const id = `${OFFER_TYPE}--${randomUUID()}`;
    const distribution: Distribution = { kind: 'sharing-group', id: groupIdFor(id) };
    const at = this.now();
    const object = offerObject(
      {
        requestId,
        requesterOrg: request.label.ownerOrg,
        experts,
        ...(input.message ? { message: input.message } : {}),
        status: 'offered',
      },
      { id, created: at, modified: at, creator: author.orgId },
    );
    const tlp = groupTlp(request.label.tlp);
    const prepared = await this.writer.prepare(
      withMarkings(object, { tlp, distribution: `sharing-group:${distribution.id}` }),
      request.fields.classification ?? undefined,
    );
    const as = { ...author, tlp, distribution };
    await this.writer.label(p, prepared, as);
    // Every check passed: the offer's group, then the offer (issue 18: nothing stored on bad input).
    await this.deps.groups.ensure(p, {
      id: distribution.id,
      owner: author.orgId,
      members: [...new Set([author.orgId, request.label.ownerOrg, request.fields.coordinatorOrg])],
      // Group names are unique on a node: the offer's id names it, the description says what for.
      name: `Assistance offer ${id}`,
      description: `Offer for assistance request "${request.fields.title}" (${requestId}; issue 18)`,
    });
    await this.writer.store(p, prepared, as, 'assistance.offer.create');
    return this.view(p, id);
  }

  /** Withdraws an offer of the caller's organisation: a new version, status withdrawn. */
  async withdrawOffer(p: Principal, offerId: string): Promise<OfferView> {
    authorize(p, 'assistance.respond');
    await this.deps.catchUp();
    const held = await this.reads.offer(p, offerId);
    const author = await this.writer.owner(p, 'assistance.respond', held.label.ownerOrg);
    await this.writer.hostedHere(held.label.ownerOrg, 'offer');
    if (held.record.status !== 'offered')
      throw new ConflictError('this offer is withdrawn already', { field: 'status', current: held.record.status });
    const f = offerFields(held.object);
    const object = offerObject(
      {
        requestId: f.requestId,
        requesterOrg: f.requesterOrg,
        experts: f.experts.map((e) => ({
          profileId: e.profileId,
          covers: e.covers,
          window: e.window,
          ...(e.note === null ? {} : { note: e.note }),
        })),
        ...(f.message === null ? {} : { message: f.message }),
        status: 'withdrawn',
      },
      { id: offerId, created: held.record.created, modified: this.writer.later(held.record.modified), creator: held.label.ownerOrg },
    );
    const { label } = held;
    const prepared = await this.writer.prepare(
      withMarkings(object, { tlp: label.tlp, distribution: formatDistribution(label.distribution) }),
      label.classification,
    );
    await this.writer.store(
      p,
      prepared,
      { ...author, tlp: label.tlp, distribution: label.distribution },
      'assistance.offer.withdraw',
      label,
    );
    return this.view(p, offerId);
  }

  /** The requester accepts or declines an offer; refused on a withdrawn or closed request or offer. */
  async decide(p: Principal, offerId: string, input: DecisionInput): Promise<OfferView> {
    authorize(p, 'assistance.request');
    await this.deps.catchUp();
    const offer = await this.reads.offer(p, offerId);
    const request = await this.reads.request(p, offer.record.requestId);
    const author = await this.writer.owner(p, 'assistance.request', request.label.ownerOrg);
    if (!DECISIONS.includes(input.decision))
      throw new InvalidInputError(`decision must be one of ${DECISIONS.join(', ')}`, { field: 'decision' });
    if (request.record.status !== 'open')
      throw new ConflictError(`the request is ${request.record.status}: its offers can no longer be decided on`, {
        field: 'request.status',
        current: request.record.status,
      });
    if (offer.record.status !== 'offered')
      throw new ConflictError('the offer was withdrawn: it can no longer be decided on', {
        field: 'offer.status',
        current: offer.record.status,
      });
    const profileIds = input.decision === 'declined' ? [] : this.accepted(offer, input.profileIds);
    if (input.reason !== undefined && typeof input.reason !== 'string')
      throw new InvalidInputError('reason must be text', { field: 'reason' });
    const at = this.now();
    const id = `${DECISION_TYPE}--${randomUUID()}`;
    const object = decisionObject(
      { requestId: request.record.id, offerId, decision: input.decision, profileIds, ...(input.reason ? { reason: input.reason } : {}) },
      { id, created: at, modified: at, creator: author.orgId },
    );
    // The decision goes to the offer's group: the offerer, the requester and the coordinator.
    const { label } = offer;
    const prepared = await this.writer.prepare(
      withMarkings(object, { tlp: label.tlp, distribution: formatDistribution(label.distribution) }),
      label.classification,
    );
    const as = { ...author, tlp: label.tlp, distribution: label.distribution };
    await this.writer.label(p, prepared, as);
    await this.writer.store(p, prepared, as, `assistance.offer.${input.decision === 'accepted' ? 'accept' : 'decline'}`);
    return this.view(p, offerId);
  }

  /** The offer as the reader now sees it. */
  private async view(p: Principal, offerId: string): Promise<OfferView> {
    await this.deps.catchUp();
    const held = await this.reads.offer(p, offerId);
    const picture = await this.reads.picture(p, held.record.requestId);
    const [view] = await this.reads.offerViews(p, [{ record: held.record, label: held.label }], picture.decisions);
    if (view === undefined) throw new ConflictError(`offer ${offerId} was not stored`);
    return view;
  }

  /** The experts offered, checked one by one against the caller's roster (must 2: profile ids
   *  only) and their availability over the window offered (issue 18's bad input). */
  private async experts(orgId: string, request: HeldRequest, input: NewOffer): Promise<OfferedExpert[]> {
    if (!Array.isArray(input.experts) || input.experts.length === 0)
      throw new InvalidInputError('offer at least one expert of your roster', { field: 'experts' });
    const out: OfferedExpert[] = [];
    const seen = new Set<string>();
    for (const [i, e] of input.experts.entries()) {
      const field = `experts[${i}]`;
      const expert = typeof e.expertId === 'string' ? await this.deps.roster.get(orgId, e.expertId) : undefined;
      if (expert === undefined)
        throw new InvalidInputError(`${String(e.expertId)} is not an expert of your roster`, { field: `${field}.expertId` });
      if (seen.has(expert.id)) throw new InvalidInputError(`${expert.pseudonym} is offered twice`, { field: `${field}.expertId` });
      seen.add(expert.id);
      if (!expert.published)
        throw new InvalidInputError(`${expert.pseudonym}'s profile is not published to partners: publish it to offer the expert`, {
          field: `${field}.expertId`,
        });
      const window = e.window ?? request.fields.needs.window;
      if (typeof window?.from !== 'string' || Number.isNaN(Date.parse(window.from)))
        throw new InvalidInputError('from must be an ISO 8601 instant', { field: `${field}.window.from` });
      if (typeof window.until !== 'string' || !(Date.parse(window.until) > Date.parse(window.from)))
        throw new InvalidInputError('the window must end after it starts', { field: `${field}.window.until` });
      const missing = gaps(window, expert.availability);
      if (missing.length > 0)
        throw new InvalidInputError(
          `${expert.pseudonym} is not available from ${missing[0]?.from} to ${missing[0]?.until}, within the window offered (${window.from} – ${window.until})`,
          { field: `${field}.expertId`, gaps: missing },
        );
      if (e.note !== undefined && typeof e.note !== 'string') throw new InvalidInputError('note must be text', { field: `${field}.note` });
      const covers = coveredSkills(request.fields.needs.skills, expert.skills);
      out.push({
        profileId: expert.profileId,
        covers,
        window: { from: window.from, until: window.until },
        ...(e.note ? { note: e.note } : {}),
      });
    }
    return out;
  }

  /** The accepted experts: those named (each must be offered), else all the offer's. */
  private accepted(offer: HeldOffer, named: string[] | undefined): string[] {
    const offered = offer.record.profileIds;
    if (named === undefined) return [...offered];
    if (!Array.isArray(named) || named.length === 0)
      throw new InvalidInputError('accept at least one expert of the offer', { field: 'profileIds' });
    for (const [i, id] of named.entries())
      if (!offered.includes(id)) throw new InvalidInputError(`${String(id)} is not an expert of this offer`, { field: `profileIds[${i}]` });
    return [...new Set(named)];
  }
}

/** The TLP of what goes to a group: the request's, which a sharing group always permits (RED
 *  included: TLP:RED goes to named recipients only, FIRST TLP 2.0). */
function groupTlp(tlp: Tlp): Tlp {
  return distributionAllowed(tlp, { kind: 'sharing-group', id: 'offer' }) ? tlp : 'amber';
}
