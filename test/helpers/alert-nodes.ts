// Three Concord nodes as separate processes for the collective-alert test and benchmark (issue
// 17, musts 4 and 9; bench (b)): one CSIRT per node, each in its own country, all in community
// `eu`, every node peered with the other two (exercise `cyber-coalition` material may leave).
import { CLI } from '../../src/domain/identity/principal.ts';
import type { Services } from '../../src/services/index.ts';
import { ProcessNode } from './federation-nodes.ts';

/** A user of `orgId` with `roles` and a read-write token: its Authorization header. */
async function user(s: Services, orgId: string, username: string, roles: string[], exercises: string[] = []): Promise<string> {
  const { user: u } = await s.users.addUser(CLI, {
    orgId,
    username,
    password: `correct horse ${username}`,
    roles,
    clearances: {},
    exercises,
  });
  return `Bearer ${(await s.users.createToken(CLI, { userId: u.id, name: 'e2e', scope: 'read-write' })).secret}`;
}

/** Starts the three nodes; answers them with an analyst's and a coordinator's Authorization
 *  header on each (analysts take part in exercise `cyber-coalition`). `setup` runs on each node's
 *  services before it serves (a roster to publish, in issue 18's test). */
export async function startCommunity(
  names: readonly [string, string, string],
  countries: readonly [string, string, string],
  setup?: (s: Services, node: ProcessNode, index: number) => Promise<void>,
) {
  const nodes = names.map((n) => new ProcessNode(n));
  await Promise.all(nodes.map((n) => n.init()));
  const analysts: string[] = [];
  const coordinators: string[] = [];
  for (const [i, n] of nodes.entries()) {
    await n.withServices(async (s) => {
      await s.orgs.updateOrg(CLI, n.orgId, { country: countries[i] ?? '', communities: ['eu'] });
      analysts.push(await user(s, n.orgId, `analyst-${i}`, ['analyst'], ['cyber-coalition']));
      coordinators.push(await user(s, n.orgId, `coordinator-${i}`, ['coordinator']));
      for (const [j, peer] of nodes.entries()) {
        if (j === i) continue;
        await s.orgs.addOrg(CLI, {
          id: peer.orgId,
          name: peer.name,
          country: countries[j] ?? '',
          communities: ['eu'],
          node: peer.name.toLowerCase(),
        });
        await s.federation.peers.add(CLI, {
          url: peer.url,
          key: peer.publicKey,
          name: peer.name.toLowerCase(),
          orgs: [peer.orgId],
          countries: [countries[j] ?? ''],
          communities: ['eu'],
          // Exercise material leaves only for the exercises the peer takes part in.
          outbound: { exercises: ['cyber-coalition'] },
        });
      }
      await setup?.(s, n, i);
    });
  }
  await Promise.all(nodes.map((n) => n.start()));
  return { nodes, analysts, coordinators };
}

/** The rule both the three-node test and the alert benchmark set: the same indicator sighted by
 *  three organisations in three countries within a day. */
export const SAME_INDICATOR_RULE = {
  name: 'Same indicator in three countries',
  community: 'eu',
  subjects: ['object'],
  minOrganisations: 3,
  minCountries: 3,
  windowHours: 24,
  tlp: 'green',
} as const;
