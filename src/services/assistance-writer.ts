// How the request and offer services store what they compose (issue 18): as the organisation that
// asks or offers, through the write path's storeAll (validated, labelled, audited, federated), with
// every check done BEFORE anything is stored (a sharing group included), so that bad input stores
// nothing (issue 18: "nothing stored changes"). Who may act was decided by the permission table
// (assistance.request / assistance.respond): coordinators write these objects although the
// object-writing rule would let them annotate only, as alert rules are written (alert-rule.service.ts).
import { type Action, authorize } from '../domain/access/permissions.ts';
import { labelFor } from '../domain/access/label.ts';
import { hasClearance } from '../domain/access/policy.ts';
import type { AccessLabel, Distribution } from '../domain/access/types.ts';
import type { Clearance } from '../domain/assistance/api.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import { classificationMarking } from '../domain/markings/concord-markings.ts';
import type { Tlp } from '../domain/markings/tlp.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { validateObject } from '../domain/stix/validate.ts';
import { ForbiddenError, InvalidInputError, StixInvalidError } from '../errors.ts';
import type { OrgRepo } from '../store/repositories.ts';
import { readerOf } from './access-gate.ts';
import type { AssistanceGroups } from './assistance-groups.ts';
import type { OwnerOverrides } from './import-owner.ts';
import type { ImportOwner } from './labeller.ts';
import type { MarkingCatalog } from './markings.service.ts';
import type { WriteService } from './write.service.ts';

export interface AssistanceWriterDeps {
  write: Pick<WriteService, 'storeAll'>;
  /** Who a principal writes as (the command line: the organisation it names). */
  owner: (p: Principal, o?: OwnerOverrides) => Promise<ImportOwner>;
  orgs: Pick<OrgRepo, 'getOrg'>;
  schemes: SchemeRegistry;
  markings: Pick<MarkingCatalog, 'registry'>;
  /** The sharing groups of requests and offers (one helper for every assistance group). */
  groups: Pick<AssistanceGroups, 'ensure'>;
  now?: () => Date;
}

/** An object checked and ready to store, with the classification definition it needs. */
export interface Prepared {
  object: StixObject;
  definition?: StixObject;
}

/** Who writes: an organisation, named as the audit log names the principal. */
export interface Author {
  orgId: string;
  actor: string;
}

/** Stores the assistance objects the services compose. */
export class AssistanceWriter {
  private readonly deps: AssistanceWriterDeps;

  constructor(deps: AssistanceWriterDeps) {
    this.deps = deps;
  }

  /** The organisation that writes for `p` (its own, or the one the command line names), refused
   *  unless `action` is the principal's for that organisation. */
  async owner(p: Principal, action: Action, orgId?: string): Promise<Author> {
    authorize(p, action);
    if (orgId !== undefined) authorize(p, action, { orgId });
    const owner = await this.deps.owner(p, orgId === undefined ? {} : { orgId });
    authorize(p, action, { orgId: owner.orgId });
    return { orgId: owner.orgId, actor: owner.actor };
  }

  /** An object is versioned on the node of its organisation: a version written elsewhere would
   *  not travel back as its owner's (DESIGN.md, Federation: only the originator versions). */
  async hostedHere(orgId: string, what: string): Promise<void> {
    const org = await this.deps.orgs.getOrg(orgId);
    if (org !== undefined && org.node !== null)
      throw new ForbiddenError(`this ${what} belongs to ${org.name}, hosted on another node: change it there`);
  }

  /** `modified` of the next version: now, or just after the held one (STIX 2.1 §3.6). */
  later(previous: string): string {
    const now = (this.deps.now?.() ?? new Date()).getTime();
    return new Date(Math.max(now, Date.parse(previous) + 1)).toISOString();
  }

  /** Checks `object` (STIX validation) and marks it with `classification`, before anything is stored. */
  async prepare(object: StixObject, classification: Clearance | undefined): Promise<Prepared> {
    let definition: StixObject | undefined;
    let marked = object;
    if (classification !== undefined) {
      const scheme = this.deps.schemes.get(classification.scheme);
      if (scheme === undefined)
        throw new InvalidInputError(`unknown classification scheme ${classification.scheme}`, { field: 'classification.scheme' });
      try {
        definition = classificationMarking(scheme, classification.level);
      } catch (e) {
        if (e instanceof InvalidInputError) throw new InvalidInputError(e.message, { field: 'classification.level' });
        throw e;
      }
      const refs = Array.isArray(object['object_marking_refs']) ? object['object_marking_refs'] : [];
      marked = { ...object, object_marking_refs: [...refs, definition.id] };
    }
    const errors = validateObject(marked).issues.filter((i) => i.severity === 'error');
    if (errors.length > 0)
      throw new StixInvalidError(`${marked.type} is not valid STIX 2.1: ${errors.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
        issues: errors,
      });
    return definition === undefined ? { object: marked } : { object: marked, definition };
  }

  /** The label `prepared` will be stored with (throws as the labeller would), before storing;
   *  refused at `classification` when the writer could not read what it writes. */
  async label(p: Principal, prepared: Prepared, as: { orgId: string; tlp: Tlp; distribution: Distribution }): Promise<AccessLabel> {
    const known = await this.deps.markings.registry();
    const registry = prepared.definition === undefined ? known : known.with([prepared.definition]);
    const label = labelFor(prepared.object, { ownerOrg: as.orgId, defaults: as, registry, schemes: this.deps.schemes });
    const reader = readerOf(p);
    if (reader !== null && label.classification !== undefined && !hasClearance(reader, label.classification, this.deps.schemes))
      throw new InvalidInputError(`you hold no clearance of ${label.classification.level}: you could not read what you write`, {
        field: 'classification',
      });
    return label;
  }

  /** Stores `prepared` as `as` (its classification's definition first, when new here). */
  async store(
    p: Principal,
    prepared: Prepared,
    as: Author & { tlp: Tlp; distribution: Distribution },
    action: string,
    previous?: AccessLabel,
  ): Promise<void> {
    const owner: ImportOwner = { orgId: as.orgId, tlp: as.tlp, distribution: as.distribution, actor: as.actor };
    const def = prepared.definition;
    if (def !== undefined && (await this.deps.markings.registry()).get(def.id) === undefined)
      await this.deps.write.storeAll(p, [{ object: def }], owner, 'object.create');
    await this.deps.write.storeAll(p, [{ object: prepared.object, ...(previous ? { previous } : {}) }], owner, action);
  }
}
