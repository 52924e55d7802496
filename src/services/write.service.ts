// Writing objects (issue 15, must 4): create an object, a new version, a revocation, a marking
// change, a relationship or a sighting, and the same on a selection (must 5, bulk actions). The
// server composes what STIX asks of a producer (domain/writing/compose.ts), checks everything
// the ingest path would refuse BEFORE storing (write-checks.ts), then stores through the ingest
// path as an import does, and answers with the stored version read back through the access gate.
import { randomUUID } from 'node:crypto';
import { allowed, authorize } from '../domain/access/permissions.ts';
import { canWriteVersion, markingChange } from '../domain/access/policy.ts';
import type { AccessLabel } from '../domain/access/types.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import { markingOf } from '../domain/markings/banner.ts';
import { versionKey } from '../domain/stix/timestamp.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { composeLabels, composeNew, composeRevision, composeRevocation } from '../domain/writing/compose.ts';
import { relationshipBody, sightingBody } from '../domain/writing/relations.ts';
import type {
  BulkRequest,
  BulkResult,
  CheckResult,
  CreateObjectRequest,
  MarkingInput,
  RelateRequest,
  ReviseObjectRequest,
  SightRequest,
  WriteIssue,
  WriteResult,
} from '../domain/writing/types.ts';
import { ConcordError, ConflictError, ForbiddenError, InvalidInputError, NotFoundError, NotOwnerError, isErrorCode } from '../errors.ts';
import type { AccessRepo, ObjectRepo } from '../store/repositories.ts';
import { readAs, type AccessGate } from './access-gate.ts';
import type { AuditSink } from './audit.service.ts';
import type { OwnerOverrides } from './import-owner.ts';
import type { IngestService } from './ingest.service.ts';
import type { ImportOwner } from './labeller.ts';
import type { MarkingCatalog } from './markings.service.ts';
import { WriteChecks, issueOf } from './write-checks.ts';

export interface WriteDeps {
  objects: ObjectRepo;
  access: Pick<AccessRepo, 'latest'>;
  gate: AccessGate;
  ingest: IngestService;
  markings: MarkingCatalog;
  schemes: SchemeRegistry;
  audit: AuditSink;
  owner: (p: Principal, o?: OwnerOverrides) => Promise<ImportOwner>;
  /** The clock (tests pin it). */
  now?: () => Date;
}

/** Who may write at all: writers, or coordinators for annotations (the table's object.write and
 *  object.annotate rows); each object is then judged by canWriteVersion. */
function authorizeWrite(p: Principal): void {
  if (!allowed(p, 'object.annotate')) authorize(p, 'object.write');
}

/** The latest version of an object as the writer may see it, with its label. */
interface Held {
  object: StixObject;
  version: string;
  label: AccessLabel;
}

export class WriteService {
  private readonly deps: WriteDeps;
  private readonly checks: WriteChecks;

  constructor(deps: WriteDeps) {
    this.deps = deps;
    this.checks = new WriteChecks(deps);
  }

  /** POST /objects: a new object. `org` is the command line's choice of organisation. */
  async create(p: Principal, req: CreateObjectRequest, org?: string): Promise<WriteResult> {
    authorizeWrite(p);
    const composed = await this.compose(p, req, org);
    const { owner } = composed;
    this.mayCreate(p, composed.object.type);
    const object = await this.freeId(p, composed.object, req.object['id'] === undefined);
    this.checks.validate(object);
    await this.checks.requireReadable(p, object);
    return this.store(p, object, owner, 'object.create');
  }

  /** POST /objects/check: the create checks, as a list of issues, without storing. */
  async check(p: Principal, req: CreateObjectRequest): Promise<CheckResult> {
    authorizeWrite(p);
    const issues: WriteIssue[] = [];
    try {
      const composed = await this.compose(p, req);
      const { owner } = composed;
      let object = composed.object;
      try {
        object = await this.freeId(p, object, req.object['id'] === undefined);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        issues.push(issueOf(e));
      }
      issues.push(...this.checks.validation(object), ...(await this.checks.referenceIssues(p, object)));
      for (const step of [() => this.mayCreate(p, object.type), () => this.checks.label(object, owner)]) {
        try {
          await step();
        } catch (e) {
          if (!(e instanceof ConcordError)) throw e;
          issues.push(issueOf(e));
        }
      }
    } catch (e) {
      if (!(e instanceof ConcordError)) throw e;
      issues.push(issueOf(e));
    }
    return { ok: !issues.some((i) => i.severity === 'error'), issues };
  }

  /** POST /objects/{id}/versions: `changes` overlaid on the latest version. */
  async revise(p: Principal, id: string, req: ReviseObjectRequest): Promise<WriteResult> {
    authorizeWrite(p);
    const held = await this.held(p, id);
    if (req.base !== undefined) {
      const base = versionKey(req.base);
      if (base === undefined) throw new InvalidInputError('base must be the STIX timestamp of a version', { field: 'base' });
      if (base !== held.version)
        throw new ConflictError(`${id} has a newer version than ${req.base}; reload it and apply your changes again`, {
          field: 'base',
          latest: held.object['modified'],
        });
    }
    const next = composeRevision(held.object, req.changes, req, this.now());
    return this.version(p, held, next, 'object.revise');
  }

  /** POST /objects/{id}/revoke (STIX 2.1 §3.6). */
  async revoke(p: Principal, id: string): Promise<WriteResult> {
    authorizeWrite(p);
    const held = await this.held(p, id);
    return this.version(p, held, composeRevocation(held.object, this.now()), 'object.revoke');
  }

  /** POST /objects/{id}/markings: a new version with other TLP or distribution. */
  async mark(p: Principal, id: string, input: MarkingInput): Promise<WriteResult> {
    authorizeWrite(p);
    if (input.tlp === undefined && input.distribution === undefined)
      throw new InvalidInputError('give tlp, distribution or both', { field: 'tlp' });
    const held = await this.held(p, id);
    return this.version(p, held, composeRevision(held.object, {}, input, this.now()), 'object.mark');
  }

  /** POST /relationships (STIX 2.1 §5.1). */
  relate(p: Principal, req: RelateRequest, org?: string): Promise<WriteResult> {
    authorizeWrite(p);
    const { tlp, distribution } = req;
    return this.create(p, { object: relationshipBody(req), ...(tlp ? { tlp } : {}), ...(distribution ? { distribution } : {}) }, org);
  }

  /** POST /sightings (STIX 2.1 §5.2). */
  sight(p: Principal, req: SightRequest, org?: string): Promise<WriteResult> {
    authorizeWrite(p);
    const { tlp, distribution } = req;
    return this.create(p, { object: sightingBody(req), ...(tlp ? { tlp } : {}), ...(distribution ? { distribution } : {}) }, org);
  }

  /** POST /objects/bulk: each id gets its own new version under the same rules; one refusal
   *  does not stop the others (issue 15, must 5). */
  async bulk(p: Principal, req: BulkRequest): Promise<BulkResult> {
    authorize(p, 'object.write');
    const results: BulkResult['results'] = [];
    for (const id of req.ids) {
      try {
        const a = req.action;
        if (a.kind === 'revoke') await this.revoke(p, id);
        else if (a.kind === 'markings')
          await this.mark(p, id, { ...(a.tlp ? { tlp: a.tlp } : {}), ...(a.distribution ? { distribution: a.distribution } : {}) });
        else {
          authorizeWrite(p);
          const held = await this.held(p, id);
          await this.version(p, held, composeLabels(held.object, a.add ?? [], a.remove ?? [], this.now()), 'object.revise');
        }
        results.push({ id, ok: true });
      } catch (e) {
        if (!(e instanceof ConcordError)) throw e;
        results.push({ id, ok: false, code: e.code, detail: e.message });
      }
    }
    return { results };
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  /** The object of a create request, composed for the writer's organisation. */
  private async compose(p: Principal, req: CreateObjectRequest, org?: string): Promise<{ object: StixObject; owner: ImportOwner }> {
    const owner = await this.deps.owner(p, org === undefined ? {} : { orgId: org });
    const object = composeNew(req.object, req, { now: this.now(), uuid: randomUUID, creator: owner.orgId });
    return { object, owner };
  }

  /**
   * `o`, or a CONFLICT when its id is held: a new version goes through /versions, an observable
   * whose value decided its id (STIX 2.1 §2.9) is held already. An observable the writer cannot
   * see gets a random id instead (which §2.9 permits), so that a refusal never tells the writer
   * that someone holds that value.
   */
  private async freeId(p: Principal, o: StixObject, minted: boolean): Promise<StixObject> {
    if (!(await this.deps.objects.get(o.id))) return o;
    const observable = o['created'] === undefined;
    if (observable && minted && !(await this.checks.readable(p, [o.id])).has(o.id)) return { ...o, id: `${o.type}--${randomUUID()}` };
    const how = observable ? 'this observable is held already' : 'publish a new version of it instead';
    throw new ConflictError(`${o.id} exists already; ${how}`, { field: 'object.id' });
  }

  /** Refuses a type the writer's roles may not create (a coordinator's indicator). */
  private mayCreate(p: Principal, type: string): void {
    if (p.kind === 'user' && !canWriteVersion({ orgId: p.org.id, roles: p.user.roles }, undefined, type))
      throw new ForbiddenError(
        `your roles (${p.user.roles.join(', ')}) may not create ${type} objects; coordinators add sightings, notes and opinions`,
      );
  }

  /** The latest version the writer can read (else 404, as for a missing id), of its organisation. */
  private async held(p: Principal, id: string): Promise<Held> {
    const stored = await this.deps.objects.get(id);
    const [visible] = stored ? await this.deps.gate.filter(readAs(p), [stored]) : [];
    const label = (await this.deps.access.latest([id])).get(id);
    if (!stored || !visible || !label) throw new NotFoundError(id);
    const object = JSON.parse(stored.json) as StixObject;
    if (p.kind === 'user') {
      if (label.ownerOrg !== p.org.id)
        throw new NotOwnerError(
          `${id} belongs to another organisation; only its owner publishes new versions (add a sighting, note or opinion instead)`,
          {
            ownerOrg: label.ownerOrg,
          },
        );
      if (!canWriteVersion({ orgId: p.org.id, roles: p.user.roles }, label, object.type))
        throw new ForbiddenError(`your roles (${p.user.roles.join(', ')}) may not publish versions of ${object.type} objects`);
    }
    return { object, version: stored.version, label };
  }

  /** Stores a new version of `held`, keeping its markings where the writer changed none. */
  private async version(p: Principal, held: Held, next: StixObject, action: string): Promise<WriteResult> {
    // STIX 2.1 §3.6: a revoked object gets no further versions.
    if (held.object['revoked'] === true)
      throw new ConflictError(`${held.object.id} is revoked; it gets no new versions`, { field: 'revoked' });
    const base = await this.deps.owner(p, p.kind === 'system' ? { orgId: held.label.ownerOrg } : {});
    // What carries no marking of its own keeps the label it had, not the organisation's defaults.
    const owner: ImportOwner = { ...base, orgId: held.label.ownerOrg, tlp: held.label.tlp, distribution: held.label.distribution };
    return this.store(p, next, owner, action, held.label);
  }

  /** Checks, stores through the ingest path, audits and reads back what was stored. */
  private async store(p: Principal, o: StixObject, owner: ImportOwner, action: string, previous?: AccessLabel): Promise<WriteResult> {
    const [label] = await this.storeAll(p, [{ object: o, ...(previous ? { previous } : {}) }], owner, action);
    return this.answer(p, o.id, label as AccessLabel);
  }

  /** Throws what storeAll would refuse `o` for (STIX_INVALID with every issue), without storing:
   *  a service that makes something beside the object (a sharing group) checks first. */
  validate(o: StixObject): void {
    this.checks.validate(o);
  }

  /**
   * Stores objects composed elsewhere (the incident writes, issue 16) as one ingest run by
   * `owner`: every object is validated and labelled first, so a refusal stores nothing; then one
   * audit record each under `action`. `previous` is the label of the version a new one follows
   * (lowering is the owner's alone). Answers the labels stored, in order.
   */
  async storeAll(
    p: Principal,
    items: readonly { object: StixObject; previous?: AccessLabel }[],
    owner: ImportOwner,
    action: string,
  ): Promise<AccessLabel[]> {
    const checked: { object: StixObject; label: AccessLabel; change: ReturnType<typeof markingChange> | undefined }[] = [];
    for (const { object, previous } of items) {
      this.checks.validate(object);
      const label = await this.checks.label(object, owner);
      // Lowering is the owner's alone (the labeller audits it as marking.lowered, as on import).
      const change = previous ? markingChange({ orgId: owner.orgId }, previous, label, this.deps.schemes) : undefined;
      checked.push({ object, label, change });
    }
    const text = `[${checked.map((c) => JSON.stringify(c.object)).join(',')}]`;
    const summary = await this.deps.ingest.importStream([text], { source: `api:${action}`, owner });
    if (summary.error) throw new ConcordError(isErrorCode(summary.error.code) ? summary.error.code : 'INTERNAL', summary.error.message);
    if (summary.accepted !== checked.length) {
      const reason = Object.keys(summary.reasons)[0] ?? 'INTERNAL';
      const ids = checked.map((c) => c.object.id).join(', ');
      throw new ConcordError(
        isErrorCode(reason) ? reason : 'INTERNAL',
        `${ids} was not stored (${reason}); see the quarantine for details`,
      );
    }
    for (const { object: o, label, change } of checked) {
      await this.deps.audit.record({
        action,
        actor: actorName(p),
        target: o.id,
        details: {
          type: o.type,
          ...(typeof o['modified'] === 'string' ? { modified: o['modified'] } : {}),
          tlp: label.tlp,
          ...(change ? { markings: change } : {}),
        },
      });
    }
    return checked.map((c) => c.label);
  }

  /** The stored version as the writer reads it, through the access gate. Not in its signed
   *  form (object routes serve that): signing on first read would double a write's time, and the
   *  writer needs the content and its marking, not the provenance proof. */
  private async answer(p: Principal, id: string, stored: AccessLabel): Promise<WriteResult> {
    const found = await this.deps.objects.get(id);
    const [v] = found ? await this.deps.gate.filter(readAs(p), [found]) : [];
    if (!v) throw new NotFoundError(id);
    const object = JSON.parse(v.json) as WriteResult['object'];
    return { object, marking: markingOf(v.label ?? stored, (s) => this.deps.schemes.get(s)) };
  }
}
