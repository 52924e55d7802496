// The checks a write passes before anything is stored (issue 15, must 4: "check rules BEFORE
// ingesting", so that a write is stored whole or answered with its error, never quarantined
// silently): STIX validation, the references the writer must be able to read, and the access
// label the object will get. The same checks answer POST /objects/check as a list of issues.
import { labelFor } from '../domain/access/label.ts';
import type { AccessLabel } from '../domain/access/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { validateObject } from '../domain/stix/validate.ts';
import { MUST_READ, relationshipKind } from '../domain/writing/relations.ts';
import type { WriteIssue } from '../domain/writing/types.ts';
import { ConcordError, NotFoundError, StixInvalidError } from '../errors.ts';
import type { AccessRepo } from '../store/repositories.ts';
import { readAs, type AccessGate } from './access-gate.ts';
import type { ImportOwner } from './labeller.ts';
import type { MarkingCatalog } from './markings.service.ts';

export interface WriteCheckDeps {
  gate: AccessGate;
  access: Pick<AccessRepo, 'latest'>;
  markings: MarkingCatalog;
  schemes: SchemeRegistry;
}

/** A problem found on the way, as the check endpoint lists it. */
export function issueOf(e: ConcordError): WriteIssue {
  const field = typeof e.details['field'] === 'string' ? e.details['field'].replace(/^(object|changes)\./, '') : '';
  return {
    path: field === '' ? '$' : `$.${field}`,
    rule: e.code.toLowerCase().replaceAll('_', '-'),
    message: e.message,
    severity: 'error',
  };
}

/** The top-level references of an object with the property naming each (`$.object_refs[2]`). */
function references(o: StixObject): { path: string; prop: string; id: string }[] {
  const out: { path: string; prop: string; id: string }[] = [];
  for (const [prop, v] of Object.entries(o)) {
    if (prop === 'object_marking_refs' || prop === 'created_by_ref') continue;
    if (prop.endsWith('_ref') && typeof v === 'string') out.push({ path: `$.${prop}`, prop, id: v });
    if (prop.endsWith('_refs') && Array.isArray(v))
      for (const [i, id] of v.entries()) if (typeof id === 'string') out.push({ path: `$.${prop}[${i}]`, prop, id });
  }
  return out;
}

/** A relationship's type against STIX's (§5.1): a custom one is a warning, one that is not
 *  lower-case words joined by hyphens an error, whichever endpoint wrote the relationship. */
function relationshipTypeIssues(o: StixObject): WriteIssue[] {
  const t = o['relationship_type'];
  if (o.type !== 'relationship' || typeof t !== 'string') return [];
  try {
    if (relationshipKind(t) === 'stix') return [];
    return [
      {
        path: '$.relationship_type',
        rule: 'custom-relationship-type',
        message: `"${t}" is not a relationship type STIX 2.1 defines; peers may not know what it means`,
        severity: 'warning',
      },
    ];
  } catch (e) {
    if (!(e instanceof ConcordError)) throw e;
    return [{ ...issueOf(e), path: '$.relationship_type' }];
  }
}

/** Validation, references and label of objects about to be written. */
export class WriteChecks {
  private readonly deps: WriteCheckDeps;

  constructor(deps: WriteCheckDeps) {
    this.deps = deps;
  }

  /** STIX 2.1 validation: its issues (errors and warnings) with their JSON paths. */
  validation(o: StixObject): WriteIssue[] {
    const issues: WriteIssue[] = validateObject(o).issues.map((i) => ({
      path: i.path,
      rule: i.rule,
      message: i.message,
      severity: i.severity,
    }));
    return [...issues, ...relationshipTypeIssues(o)];
  }

  /** Throws STIX_INVALID (422) with every issue when validation finds an error. */
  validate(o: StixObject): void {
    const issues = this.validation(o);
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0)
      throw new StixInvalidError(`${o.type} is not valid STIX 2.1: ${errors.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  }

  /** The ids of `ids` the principal may read (the node's own command line: those held). */
  async readable(principal: Principal, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    if (principal.kind === 'system') return new Set((await this.deps.access.latest(ids)).keys());
    return this.deps.gate.visibleIds(readAs(principal), ids);
  }

  /**
   * The references of `o` that the writer cannot read: errors for those it must read (MUST_READ:
   * a relationship's ends, what a sighting, note or opinion is about), warnings for the rest (a
   * report may name objects this node does not hold yet).
   */
  async referenceIssues(principal: Principal, o: StixObject): Promise<WriteIssue[]> {
    const refs = references(o);
    const seen = await this.readable(
      principal,
      refs.map((r) => r.id),
    );
    const must = MUST_READ[o.type] ?? [];
    return refs
      .filter((r) => !seen.has(r.id))
      .map((r) =>
        must.includes(r.prop)
          ? { path: r.path, rule: 'reference-not-found', message: `${r.id} not found`, severity: 'error' }
          : { path: r.path, rule: 'reference-unknown', message: `${r.id} is not held here (or not visible to you)`, severity: 'warning' },
      );
  }

  /** Throws NOT_FOUND naming the property when a reference the writer must read is unseen: an
   *  object one may not read answers exactly as a missing one. */
  async requireReadable(principal: Principal, o: StixObject): Promise<void> {
    const [first] = (await this.referenceIssues(principal, o)).filter((i) => i.severity === 'error');
    if (first) {
      const id = first.message.replace(/ not found$/, '');
      throw new NotFoundError(id, { field: first.path.slice(2) });
    }
  }

  /** The label `o` will be stored with when `owner` writes it (throws MARKING_INVALID or
   *  DISTRIBUTION_INCONSISTENT as the labeller would, before anything is stored). */
  async label(o: StixObject, owner: ImportOwner): Promise<AccessLabel> {
    return labelFor(o, {
      ownerOrg: owner.orgId,
      defaults: { tlp: owner.tlp, distribution: owner.distribution },
      registry: await this.deps.markings.registry(),
      schemes: this.deps.schemes,
    });
  }
}
