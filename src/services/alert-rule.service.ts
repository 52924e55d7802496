// Alert rules (issue 17, must 4): set per community by its coordinators, stored as
// `x-concord-alert-rule` objects distributed to that community under the rule's TLP, so they
// reach every node of the community through federation and each node evaluates the same rules.
// Created, changed, disabled and removed (revoked, STIX 2.1 §3.6) here; read as the access policy
// lets each reader read them.
import { randomUUID } from 'node:crypto';
import { canRead } from '../domain/access/policy.ts';
import { authorize } from '../domain/access/permissions.ts';
import type { AccessLabel } from '../domain/access/types.ts';
import { ALERT_RULE_TYPE, type AlertRule, type AlertRuleInput } from '../domain/alerts/api.ts';
import { authorizeRules, checkRuleInput, mayManageRules, ruleObject, ruleOf } from '../domain/alerts/rules.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import { isTlp } from '../domain/markings/tlp.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { AccessRepo, ObjectRepo, OrgRepo } from '../store/repositories.ts';
import { readerOf } from './access-gate.ts';
import type { ImportOwner } from './labeller.ts';
import type { WriteService } from './write.service.ts';

export interface AlertRuleDeps {
  objects: ObjectRepo;
  access: Pick<AccessRepo, 'latest'>;
  orgs: Pick<OrgRepo, 'getOrg'>;
  schemes: SchemeRegistry;
  write: Pick<WriteService, 'storeAll'>;
  /** Who a principal writes as (the command line: the operating organisation). */
  owner: (p: Principal) => Promise<ImportOwner>;
  /** Rules changed: the evaluator looks at the window again. */
  changed: () => void;
  now?: () => Date;
}

interface Held {
  object: StixObject;
  label: AccessLabel;
  rule: AlertRule;
}

export class AlertRuleService {
  private readonly deps: AlertRuleDeps;

  constructor(deps: AlertRuleDeps) {
    this.deps = deps;
  }

  private now(): string {
    return (this.deps.now ?? (() => new Date()))().toISOString();
  }

  /** The rules the caller may read (revoked ones left out), by community then name. */
  async list(p: Principal, filter: { community?: string } = {}): Promise<AlertRule[]> {
    authorize(p, 'alert.read');
    const out: AlertRule[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await this.deps.objects.list({ types: [ALERT_RULE_TYPE], revoked: false }, { limit: 500, ...(after ? { after } : {}) });
      const labels = await this.deps.access.latest(page.items.map((o) => o.id));
      for (const o of page.items) {
        const label = labels.get(o.id);
        if (label === undefined || !this.readable(p, label)) continue;
        const object = JSON.parse(o.json) as StixObject;
        const rule = ruleOf(object, label, false);
        if (rule && (filter.community === undefined || rule.community === filter.community))
          out.push({ ...rule, editable: this.editable(p, rule) });
      }
      if (page.next === null) break;
      after = page.next;
    }
    return out.sort((a, b) => a.community.localeCompare(b.community) || a.name.localeCompare(b.name));
  }

  /** One rule the caller may read; a rule they may not read is missing (404). */
  async get(p: Principal, id: string): Promise<AlertRule> {
    authorize(p, 'alert.read');
    return (await this.held(p, id)).rule;
  }

  /** A new rule of `input.community`, by one of its coordinators. */
  async create(p: Principal, input: Partial<Record<keyof AlertRuleInput, unknown>>): Promise<AlertRule> {
    authorize(p, 'alert.rule.manage');
    const rule = checkRuleInput(input);
    authorizeRules(p, rule.community);
    const base = await this.deps.owner(p);
    const at = this.now();
    const object = ruleObject(rule, { id: `${ALERT_RULE_TYPE}--${randomUUID()}`, created: at, modified: at, creator: base.orgId });
    return this.store(p, object, { orgId: base.orgId, tlp: rule.tlp, community: rule.community, actor: base.actor }, 'alert.rule.create');
  }

  /** A new version with `changes` over the rule as it stands (PATCH). */
  async update(p: Principal, id: string, changes: Partial<Record<keyof AlertRuleInput, unknown>>): Promise<AlertRule> {
    authorize(p, 'alert.rule.manage');
    const held = await this.held(p, id);
    authorizeRules(p, held.rule.community);
    const { id: _i, created: _c, modified: _m, ownerOrg: _o, editable: _e, ...current } = held.rule;
    const rule = checkRuleInput({ ...current, ...changes });
    authorizeRules(p, rule.community);
    await this.hostedHere(held);
    const object = ruleObject(rule, {
      id,
      created: held.rule.created,
      modified: this.later(held.rule.modified),
      creator: String(held.object['created_by_ref'] ?? held.label.ownerOrg),
    });
    const actor = (await this.deps.owner(p)).actor;
    return this.store(p, object, { orgId: held.label.ownerOrg, tlp: rule.tlp, community: rule.community, actor }, 'alert.rule.update');
  }

  /** Removes a rule: a revoked last version (STIX 2.1 §3.6); its alerts stay as they are. */
  async remove(p: Principal, id: string): Promise<void> {
    authorize(p, 'alert.rule.manage');
    const held = await this.held(p, id);
    authorizeRules(p, held.rule.community);
    await this.hostedHere(held);
    const object: StixObject = { ...held.object, modified: this.later(held.rule.modified), revoked: true };
    const actor = (await this.deps.owner(p)).actor;
    await this.store(
      p,
      object,
      { orgId: held.label.ownerOrg, tlp: held.label.tlp, community: held.rule.community, actor },
      'alert.rule.remove',
    );
  }

  private async store(
    p: Principal,
    object: StixObject,
    as: { orgId: string; tlp: string; community: string; actor: string },
    action: string,
  ): Promise<AlertRule> {
    // Who may write was decided above (a community's coordinators, whatever their organisation):
    // the rule keeps its owner, and the organisation-owner write rule does not apply (no writer).
    const tlp = isTlp(as.tlp) ? as.tlp : 'amber';
    const owner: ImportOwner = { orgId: as.orgId, tlp, distribution: { kind: 'community', id: as.community }, actor: as.actor };
    const [label] = await this.deps.write.storeAll(p, [{ object }], owner, action);
    this.deps.changed();
    const rule = ruleOf(object, label ?? { ownerOrg: as.orgId, tlp, distribution: owner.distribution }, true);
    if (rule === undefined) throw new ConflictError(`${object.id} is not a valid rule`);
    return { ...rule, editable: this.editable(p, rule) };
  }

  private async held(p: Principal, id: string): Promise<Held> {
    const found = id.startsWith(`${ALERT_RULE_TYPE}--`) ? await this.deps.objects.get(id) : undefined;
    const label = found ? (await this.deps.access.latest([id])).get(id) : undefined;
    if (!found || !label || !this.readable(p, label)) throw new NotFoundError(`alert rule ${id}`);
    const object = JSON.parse(found.json) as StixObject;
    const rule = ruleOf(object, label, false);
    if (!rule || object['revoked'] === true) throw new NotFoundError(`alert rule ${id}`);
    return { object, label, rule: { ...rule, editable: this.editable(p, rule) } };
  }

  /** A rule is changed on the node of its organisation: a version written elsewhere would not
   *  travel back as its owner's. */
  private async hostedHere(held: Held): Promise<void> {
    const org = await this.deps.orgs.getOrg(held.label.ownerOrg);
    if (org !== undefined && org.node !== null)
      throw new ForbiddenError(`this rule belongs to ${org.name}, hosted on another node: change it there`);
  }

  private readable(p: Principal, label: AccessLabel): boolean {
    const reader = readerOf(p);
    return reader === null || canRead(reader, label, this.deps.schemes);
  }

  private editable(p: Principal, rule: AlertRule): boolean {
    return mayManageRules(p, rule.community);
  }

  /** `modified` of the next version: now, or just after the held one (STIX 2.1 §3.6). */
  private later(previous: string): string {
    const now = Date.parse(this.now());
    return new Date(Math.max(now, Date.parse(previous) + 1)).toISOString();
  }
}
