// Who an import writes as (services/labeller.ts ImportOwner): a user writes for their own
// organisation with its default markings unless they pass others; the command line writes for
// the node's operating organisation, or any organisation it names.
import { parseDistribution } from '../domain/access/types.ts';
import { checkLabelDefaults, checkTlp } from '../domain/identity/defaults.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import type { Org } from '../domain/identity/types.ts';
import { ForbiddenError, InvalidInputError } from '../errors.ts';
import { allowed, authorize } from '../domain/access/permissions.ts';
import type { OrgRepo } from '../store/repositories.ts';
import type { ImportOwner } from './labeller.ts';

/** Markings a caller may give an import for what arrives without its own. */
export interface OwnerOverrides {
  orgId?: string | undefined;
  tlp?: string | undefined;
  distribution?: string | undefined;
}

/** The operating organisation: the one named in the configuration, else the first local one. */
export async function operatingOrg(orgs: OrgRepo, name: string): Promise<Org | undefined> {
  return (await orgs.findOrgByName(name)) ?? (await orgs.listOrgs()).find((o) => o.node === null);
}

/** Builds the owner of an import by `principal`, who must hold object.import (domain/access/permissions.ts). */
export async function importOwner(
  orgs: OrgRepo,
  principal: Principal,
  o: OwnerOverrides,
  operating: () => Promise<Org>,
): Promise<ImportOwner> {
  let org: Org | undefined;
  if (principal.kind === 'user') {
    authorize(principal, 'object.import');
    if (o.orgId !== undefined && !allowed(principal, 'object.import', { orgId: o.orgId }))
      throw new ForbiddenError('users import for their own organisation only');
    org = principal.org;
  } else {
    org = o.orgId === undefined ? await operating() : ((await orgs.getOrg(o.orgId)) ?? (await orgs.findOrgByName(o.orgId)));
    if (!org) throw new InvalidInputError(`organisation "${o.orgId}" does not exist`, { field: 'org' });
  }
  const tlp = o.tlp ?? org.defaultTlp;
  const distribution = o.distribution ?? org.defaultDistribution;
  // Given explicitly, an inconsistent pair is refused; the organisation's defaults were checked when set.
  if (o.tlp !== undefined || o.distribution !== undefined) checkLabelDefaults(tlp, distribution);
  return {
    orgId: org.id,
    tlp: checkTlp('tlp', tlp),
    distribution: parseDistribution(distribution),
    ...(principal.kind === 'user' ? { writer: { orgId: principal.org.id, roles: principal.user.roles } } : {}),
    actor: actorName(principal),
  };
}
