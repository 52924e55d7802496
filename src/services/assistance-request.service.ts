// Assistance requests (issue 18, musts 1, 5, 7): the board, a request's page, asking for help and
// changing, withdrawing or closing a request. A request is an `x-concord-assistance-request`
// stored through the write path like every object (validated, labelled, versioned, audited,
// federated) and distributed to its audience: a community, the federation, or named
// organisations through a sharing group the requester owns, which travels to peers with the
// request (incident-share.service.ts does the same for cross-border shares). Offers and decisions
// are assistance-offer.service.ts's; the rows read here are the projector's.
import { randomUUID } from 'node:crypto';
import { authorize } from '../domain/access/permissions.ts';
import { distributionAllowed } from '../domain/access/policy.ts';
import { type AccessLabel, type Distribution, formatDistribution } from '../domain/access/types.ts';
import {
  BOARD_COLUMNS,
  type BoardColumn,
  type NewRequest,
  REQUEST_STATUSES,
  REQUEST_TYPE,
  type RequestUpdate,
  type RequestView,
} from '../domain/assistance/api.ts';
import type { RequestRecord } from '../domain/assistance/types.ts';
import { checkTlp } from '../domain/identity/defaults.ts';
import { CLI, type Principal } from '../domain/identity/principal.ts';
import type { Org } from '../domain/identity/types.ts';
import type { Tlp } from '../domain/markings/tlp.ts';
import { withMarkings } from '../domain/writing/compose.ts';
import { ConflictError, InvalidInputError } from '../errors.ts';
import type { OrgRepo } from '../store/repositories.ts';
import type { BoardPage, BoardQuery } from './assistance.api.ts';
import { AssistanceWriter, type AssistanceWriterDeps } from './assistance-writer.ts';
import { type AssistanceReadDeps, AssistanceReads, type HeldRequest, type Picture } from './assistance-read.ts';
import { requestObject } from '../domain/assistance/build.ts';
import { requestIssues, throwIssues } from '../domain/assistance/check.ts';
import { groupIdFor } from './assistance-groups.ts';
import { clocksOf, columnOf, summaryOf, viewOf } from './assistance-views.ts';
import type { WaitingRequest } from './notification.service.ts';

export interface RequestServiceDeps extends AssistanceReadDeps, AssistanceWriterDeps {
  orgs: Pick<OrgRepo, 'getOrg' | 'getCommunity'>;
  /** Brings the projection up to date (the projector's catch-up). */
  catchUp: () => Promise<void>;
  now?: () => Date;
  /** Requests examined at most per board request. */
  scanRows?: number;
}

const PAGE = 500;
const EMPTY_PICTURE: Picture = { offers: [], decisions: new Map(), deployments: [], work: [] };
const MAX_LIMIT = 200;

/** The board's cursor: the last row's position (modified, id). */
const encode = (r: { modified: string; id: string }): string => Buffer.from(JSON.stringify([r.modified, r.id])).toString('base64url');

/** Default TLP of a request by audience: GREEN may reach the federation, AMBER a community or a
 *  group (FIRST TLP 2.0; policy.ts bounds distribution by TLP). */
const DEFAULT_TLP: Record<Distribution['kind'], Tlp> = {
  federation: 'green',
  community: 'amber',
  'sharing-group': 'amber',
  organization: 'amber',
};

/** Reads and writes requests. */
export class AssistanceRequestService {
  private readonly deps: RequestServiceDeps;
  private readonly reads: AssistanceReads;
  private readonly writer: AssistanceWriter;

  constructor(deps: RequestServiceDeps) {
    this.deps = deps;
    this.reads = new AssistanceReads(deps);
    this.writer = new AssistanceWriter(deps);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The requests board: what the reader may read, by column, with the count of each column. */
  async board(p: Principal, q: BoardQuery): Promise<BoardPage> {
    authorize(p, 'assistance.read');
    const limit = q.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw new InvalidInputError(`limit must be an integer between 1 and ${MAX_LIMIT}`, { field: 'limit' });
    if (q.column !== undefined && !BOARD_COLUMNS.includes(q.column))
      throw new InvalidInputError(`column must be one of ${BOARD_COLUMNS.join(', ')}`, { field: 'column' });
    const after = q.after === undefined ? undefined : decodeCursor(q.after);
    await this.deps.catchUp();
    const now = this.now();
    const counts: Record<BoardColumn, number> = { open: 0, matched: 0, deployed: 0, closed: 0 };
    const rows: { record: RequestRecord; label: AccessLabel; column: BoardColumn }[] = [];
    const pictures = new Map<string, Picture>();
    const mineOf = p.kind === 'user' && q.mine === true ? p.org.id : undefined;
    let position: { modified: string; id: string } | undefined;
    for (let examined = 0; examined < (this.deps.scanRows ?? 20_000); ) {
      const page = await this.deps.assistance.requests({ limit: PAGE, ...(position ? { after: position } : {}) });
      examined += page.length;
      const seen = page.filter((r): r is { record: RequestRecord; label: AccessLabel } => this.reads.visible(p, r.label));
      const drawn = await this.reads.pictures(
        p,
        seen.map((r) => r.record.id),
      );
      for (const r of seen) {
        const picture = drawn.get(r.record.id) ?? EMPTY_PICTURE;
        const theirs = [r.record.orgId, r.record.coordinatorOrg, ...picture.offers.map((o) => o.record.orgId)];
        if (mineOf !== undefined && !theirs.includes(mineOf)) continue;
        const column = columnOf(r.record, picture);
        counts[column]++;
        if (q.column === undefined || q.column === column) {
          rows.push({ ...r, column });
          pictures.set(r.record.id, picture);
        }
      }
      const last = page.at(-1);
      if (page.length < PAGE || last === undefined) break;
      position = { modified: last.record.modified, id: last.record.id };
    }
    // Keyset on the store's order (modified, id descending): a request changed since the last
    // page moved to the top and is not repeated.
    const start =
      after === undefined
        ? 0
        : rows.findIndex((r) => r.record.modified < after.modified || (r.record.modified === after.modified && r.record.id < after.id));
    const chosen = start < 0 ? [] : rows.slice(start, start + limit);
    const names = await this.reads.names(chosen.map((r) => r.record.orgId));
    const last = chosen.at(-1);
    return {
      items: chosen.map((r) => summaryOf(r.record, r.label, pictures.get(r.record.id) ?? EMPTY_PICTURE, names, this.deps.schemes, now)),
      counts,
      next: start >= 0 && start + limit < rows.length && last !== undefined ? encode(last.record) : null,
    };
  }

  /** The open requests with a response clock due or overdue, for the reminder job (system use:
   *  the job reads as the node; the notification service tells only who may read each). */
  async waiting(): Promise<WaitingRequest[]> {
    await this.deps.catchUp();
    const now = this.now();
    const out: WaitingRequest[] = [];
    let position: { modified: string; id: string } | undefined;
    for (;;) {
      const page = await this.deps.assistance.requests({ statuses: ['open'], limit: PAGE, ...(position ? { after: position } : {}) });
      const drawn = await this.reads.pictures(
        CLI,
        page.map((r) => r.record.id),
      );
      for (const { record } of page) {
        const clocks = clocksOf(record, drawn.get(record.id) ?? EMPTY_PICTURE, now);
        if (clocks.some((c) => c.status === 'due' || c.status === 'overdue'))
          out.push({ id: record.id, title: record.title, orgId: record.orgId, coordinatorOrg: record.coordinatorOrg, clocks });
      }
      const last = page.at(-1);
      if (page.length < PAGE || last === undefined) return out;
      position = { modified: last.record.modified, id: last.record.id };
    }
  }

  /** A request's page; NotFoundError when the reader may not read it (as for a missing one). */
  async get(p: Principal, id: string): Promise<RequestView> {
    authorize(p, 'assistance.read');
    await this.deps.catchUp();
    return this.view(p, await this.reads.request(p, id));
  }

  /** Of `ids`, the requests the reader may read, by their projected labels (the live stream's
   *  filter: a request outside the reader's audience must not reach its stream either, must 9). */
  async readable(p: Principal, ids: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of ids) {
      const row = await this.deps.assistance.request(id);
      if (row !== undefined && this.reads.visible(p, row.label)) out.push(id);
    }
    return out;
  }

  /** Asks for help: a new request of the caller's organisation (or `orgId`, the command line's). */
  async ask(p: Principal, input: NewRequest, orgId?: string): Promise<RequestView> {
    const owner = await this.writer.owner(p, 'assistance.request', orgId);
    throwIssues(requestIssues(input, (s) => this.deps.schemes.get(s)?.levels));
    const coordinatorOrg = input.coordinatorOrg ?? owner.orgId;
    const id = `${REQUEST_TYPE}--${randomUUID()}`;
    const distribution = await this.audienceOf(input, owner.orgId, id);
    await this.checkCoordinator(coordinatorOrg, owner.orgId, distribution);
    const tlp = input.tlp === undefined ? DEFAULT_TLP[distribution.kind] : checkTlp('tlp', input.tlp);
    if (!distributionAllowed(tlp, distribution))
      throw new InvalidInputError(`a TLP:${tlp.toUpperCase()} request cannot go to ${audienceWords(distribution)} (FIRST TLP 2.0)`, {
        field: 'tlp',
      });
    const at = this.now().toISOString();
    const object = requestObject({ ...input, status: 'open', coordinatorOrg }, { id, created: at, modified: at, creator: owner.orgId });
    const marked = withMarkings(object, { tlp, distribution: formatDistribution(distribution) });
    const prepared = await this.writer.prepare(marked, input.classification);
    const as = { ...owner, tlp, distribution };
    await this.writer.label(p, prepared, as);
    // Every check passed: the group (for named organisations) is made now, then the request stored.
    if (input.audience.kind === 'organizations' && distribution.kind === 'sharing-group') {
      await this.deps.groups.ensure(p, {
        id: distribution.id,
        owner: owner.orgId,
        members: [...new Set([owner.orgId, coordinatorOrg, ...input.audience.ids])],
        // Group names are unique on a node: the request's id names it.
        name: `Assistance request ${id}`,
        description: `The audience of assistance request "${input.title}" (issue 18)`,
      });
    }
    await this.writer.store(p, prepared, as, 'assistance.request.create');
    await this.deps.catchUp();
    return this.get(p, id);
  }

  /** A new version of a request: changed fields, or withdrawn or closed (`status`). Only the requester. */
  async update(p: Principal, id: string, input: RequestUpdate): Promise<RequestView> {
    authorize(p, 'assistance.request');
    await this.deps.catchUp();
    const held = await this.reads.request(p, id);
    const author = await this.writer.owner(p, 'assistance.request', held.label.ownerOrg);
    await this.writer.hostedHere(held.label.ownerOrg, 'request');
    if ('audience' in input)
      throw new InvalidInputError("a request's audience cannot change: ask again for another audience", { field: 'audience' });
    if (input.status !== undefined && !REQUEST_STATUSES.includes(input.status))
      throw new InvalidInputError(`status must be one of ${REQUEST_STATUSES.join(', ')}`, { field: 'status' });
    if (held.record.status !== 'open')
      throw new ConflictError(`this request is ${held.record.status}: it takes no further changes`, {
        field: 'status',
        current: held.record.status,
      });
    const { status = 'open', tlp: tlpText, ...changes } = input;
    const merged = { ...currentRequest(held), ...definedOnly(changes) };
    throwIssues(requestIssues(merged, (s) => this.deps.schemes.get(s)?.levels));
    const coordinatorOrg = merged.coordinatorOrg ?? held.label.ownerOrg;
    if (coordinatorOrg !== held.fields.coordinatorOrg)
      await this.checkCoordinator(coordinatorOrg, held.label.ownerOrg, held.label.distribution);
    const tlp = tlpText === undefined ? held.label.tlp : checkTlp('tlp', tlpText);
    if (!distributionAllowed(tlp, held.label.distribution))
      throw new InvalidInputError(`a TLP:${tlp.toUpperCase()} request cannot go to ${audienceWords(held.label.distribution)}`, {
        field: 'tlp',
      });
    const object = requestObject(
      { ...merged, status, coordinatorOrg },
      { id, created: held.record.created, modified: this.writer.later(held.record.modified), creator: held.label.ownerOrg },
    );
    const marked = withMarkings(object, { tlp, distribution: formatDistribution(held.label.distribution) });
    const prepared = await this.writer.prepare(marked, merged.classification);
    const d = held.label.distribution;
    const as = { ...author, tlp, distribution: d };
    await this.writer.label(p, prepared, as);
    // A new coordinator joins the request's group, so that it reads the request (issue 18, must 4).
    if (coordinatorOrg !== held.fields.coordinatorOrg && held.fields.audience.kind === 'organizations' && d.kind === 'sharing-group') {
      await this.deps.groups.ensure(p, {
        id: d.id,
        owner: held.label.ownerOrg,
        members: [...new Set([held.label.ownerOrg, coordinatorOrg, ...held.fields.audience.ids])],
        name: `Assistance request ${id}`,
        description: `The audience of assistance request "${merged.title}" (issue 18)`,
      });
    }
    const action = status === 'open' ? 'assistance.request.update' : `assistance.request.${status === 'closed' ? 'close' : 'withdraw'}`;
    await this.writer.store(p, prepared, as, action, held.label);
    await this.deps.catchUp();
    return this.get(p, id);
  }

  private async view(p: Principal, held: HeldRequest): Promise<RequestView> {
    const picture = await this.reads.picture(p, held.record.id);
    const offers = await this.reads.offerViews(
      p,
      picture.offers.sort((a, b) => a.record.created.localeCompare(b.record.created)),
      picture.decisions,
    );
    const names = await this.reads.names([held.record.orgId, held.fields.coordinatorOrg]);
    return viewOf(p, held, picture, offers, names, this.deps.schemes, this.now());
  }

  /** The distribution of a new request (must 1): its community, the federation, or the group of
   *  the named organisations (made once every check passed). */
  private async audienceOf(input: NewRequest, requester: string, id: string): Promise<Distribution> {
    const a = input.audience;
    if (a.kind === 'federation') return { kind: 'federation' };
    if (a.kind === 'community') {
      const c = typeof a.id === 'string' ? await this.deps.orgs.getCommunity(a.id) : undefined;
      if (c === undefined || c.disabled) throw new InvalidInputError(`community ${String(a.id)} does not exist`, { field: 'audience.id' });
      return { kind: 'community', id: c.id };
    }
    if (a.kind !== 'organizations')
      throw new InvalidInputError('audience.kind must be community, organizations or federation', { field: 'audience.kind' });
    if (!Array.isArray(a.ids) || a.ids.length === 0)
      throw new InvalidInputError('name at least one organisation the request goes to', { field: 'audience.ids' });
    for (const [i, org] of a.ids.entries()) {
      await this.checkOrg(org, `audience.ids[${i}]`);
      if (org === requester)
        throw new InvalidInputError('the request goes to other organisations than yours', { field: `audience.ids[${i}]` });
    }
    return { kind: 'sharing-group', id: groupIdFor(id) };
  }

  /** The coordinator sees the whole picture (must 4), so it must be in the request's audience:
   *  a named organisations' group includes it; a community must have it among its members. */
  private async checkCoordinator(id: string, requester: string, d: Distribution): Promise<void> {
    const coordinator = await this.checkOrg(id, 'coordinatorOrg');
    if (d.kind === 'community' && coordinator.id !== requester && !coordinator.communities.includes(d.id))
      throw new InvalidInputError(`the coordinator is not in community ${d.id}, to which the request goes`, { field: 'coordinatorOrg' });
  }

  private async checkOrg(id: unknown, field: string): Promise<Org> {
    const org = typeof id === 'string' ? await this.deps.orgs.getOrg(id) : undefined;
    if (org === undefined || org.disabled) throw new InvalidInputError(`organisation ${String(id)} does not exist`, { field });
    return org;
  }
}

function decodeCursor(text: string): { modified: string; id: string } {
  try {
    const [modified, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof modified === 'string' && typeof id === 'string' && id.startsWith(`${REQUEST_TYPE}--`)) return { modified, id };
  } catch {
    // Falls through to the error below.
  }
  throw new InvalidInputError('after is not a cursor this board gave', { field: 'after' });
}

function audienceWords(d: Distribution): string {
  return d.kind === 'sharing-group' ? 'named organisations' : d.kind === 'community' ? `community ${d.id}` : `the ${d.kind}`;
}

/** The request as it stands, in the shape asked for (what an update overlays). */
function currentRequest(held: HeldRequest): NewRequest {
  const f = held.fields;
  return {
    title: f.title,
    description: f.description,
    ...(f.incidentId === null ? {} : { incidentId: f.incidentId }),
    ...(f.affectedEntity === null ? {} : { affectedEntity: f.affectedEntity }),
    ...(f.impact === null ? {} : { impact: f.impact }),
    needs: f.needs,
    ...(f.actionsTaken === null ? {} : { actionsTaken: f.actionsTaken }),
    ...(f.otherSupport === null ? {} : { otherSupport: f.otherSupport }),
    urgency: f.urgency,
    audience: f.audience,
    coordinatorOrg: f.coordinatorOrg,
    ...(f.classification === null ? {} : { classification: f.classification }),
    firstOfferHours: f.firstOfferHours,
    teamReadyHours: f.teamReadyHours,
  };
}

/** The fields an update gives (an absent or undefined field keeps the current value). */
function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
