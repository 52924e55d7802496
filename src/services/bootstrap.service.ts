// The first start of a node (issue 3, item 1): the built-in communities, the operating
// organisation and, on an empty node, an administrator whose one-time password is printed
// once. Later starts change nothing.
import { CLI } from '../domain/identity/principal.ts';
import type { Org } from '../domain/identity/types.ts';
import type { OrgRepo, UserRepo } from '../store/repositories.ts';
import { operatingOrg } from './import-owner.ts';
import type { OrgService } from './org.service.ts';
import type { UserService } from './user.service.ts';

/** Communities every node knows, for the alliances Concord serves. */
const BUILT_IN_COMMUNITIES = [
  { id: 'nato', name: 'NATO', description: 'Members of the North Atlantic Treaty Organization and NCIRC' },
  { id: 'eu', name: 'European Union', description: 'EU institutions, bodies and agencies, CERT-EU and member-state CSIRTs' },
];

export interface BootstrapDeps {
  orgs: OrgRepo;
  users: UserRepo;
  orgService: OrgService;
  userService: UserService;
}

/** What the first start created; `admin` is set only when the administrator was created now. */
export interface BootstrapResult {
  org: Org;
  admin?: { username: string; password: string };
}

/** Creates what a node needs to be used, once. */
export async function bootstrapNode(
  deps: BootstrapDeps,
  opts: { orgName: string; orgCountry?: string | undefined },
): Promise<BootstrapResult> {
  for (const c of BUILT_IN_COMMUNITIES) {
    if (!(await deps.orgs.getCommunity(c.id))) await deps.orgService.addCommunity(CLI, c);
  }
  const org =
    (await operatingOrg(deps.orgs, opts.orgName)) ??
    (await deps.orgService.addOrg(CLI, { name: opts.orgName, ...(opts.orgCountry ? { country: opts.orgCountry } : {}) }));
  if ((await deps.users.countUsers()) > 0) return { org };
  const { password } = await deps.userService.addUser(CLI, {
    orgId: org.id,
    username: 'admin',
    displayName: 'Administrator',
    roles: ['admin', 'analyst'],
  });
  return { org, admin: { username: 'admin', password: password ?? '' } };
}
