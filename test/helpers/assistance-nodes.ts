// Three Concord nodes as processes for rapid response's federation test and travel benchmark
// (issue 18, musts 9 and 10): startCommunity's three CSIRTs (community `eu`, peered with one
// another), each with one expert on its roster published before it serves, and the REST routes
// of rapid response in one table, so that the test and the benchmark speak the same API.
import assert from 'node:assert/strict';
import type { ExpertInput, ExpertView } from '../../src/domain/assistance/api.ts';
import { CLI } from '../../src/domain/identity/principal.ts';
import { expertInput } from './assistance-inputs.ts';
import { startCommunity } from './alert-nodes.ts';
import type { ProcessNode } from './federation-nodes.ts';

const A = '/api/v1/assistance';

/** Rapid response's REST routes (src/http/assistance/*.ts). */
export const ASSISTANCE_ROUTES = {
  requests: `${A}/requests`,
  request: (id: string) => `${A}/requests/${id}`,
  offers: (requestId: string) => `${A}/requests/${requestId}/offers`,
  proposal: (requestId: string) => `${A}/requests/${requestId}/proposal`,
  decision: (offerId: string) => `${A}/offers/${offerId}/decision`,
  deployments: (requestId: string) => `${A}/requests/${requestId}/deployments`,
  deployment: (id: string) => `${A}/deployments/${id}`,
  notes: (id: string) => `${A}/deployments/${id}/notes`,
  tasks: (id: string) => `${A}/deployments/${id}/tasks`,
  afterAction: (id: string) => `${A}/deployments/${id}/after-action`,
  profiles: `${A}/profiles`,
  roster: '/api/v1/roster/experts',
  expert: (id: string) => `/api/v1/roster/experts/${id}`,
} as const;

/** One node of the three: the process, its coordinator's and analyst's Authorization headers, and
 *  the expert on its roster (with the personal details only it may know). */
export interface AssistanceNode {
  node: ProcessNode;
  coordinator: string;
  analyst: string;
  expert: ExpertView;
}

/** Starts three nodes (`names`, in FR, DE and EE), each with one expert on its roster. */
export async function startAssistanceNodes(
  names: readonly [string, string, string],
  expert: (index: number) => ExpertInput = () => expertInput(),
): Promise<AssistanceNode[]> {
  const experts: ExpertView[] = [];
  const { nodes, analysts, coordinators } = await startCommunity(names, ['FR', 'DE', 'EE'], async (s, n, i) => {
    experts[i] = await s.assistance.roster.add(CLI, expert(i), n.orgId);
  });
  return nodes.map((node, i) => ({
    node,
    coordinator: coordinators[i] ?? '',
    analyst: analysts[i] ?? '',
    expert: experts[i] as ExpertView,
  }));
}

/** Polls `check` every 20 ms until it holds; answers how long it took (fails with the nodes' logs). */
export async function until(what: string, check: () => Promise<boolean>, nodes: readonly ProcessNode[], ms = 30_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms)
      assert.fail(`${what}: not within ${ms / 1000}s\n${nodes.map((n) => `--- ${n.name}\n${n.tail()}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - started;
}

/** A call that must answer `status` (`ok`: any 2xx, for writes whose code is the routes'); its JSON body. */
export async function expectCall<T>(
  n: ProcessNode,
  authorization: string,
  method: string,
  path: string,
  body: unknown,
  status: number | 'ok' = 'ok',
): Promise<T> {
  const res = await n.call(authorization, method, path, body);
  const why = `${method} ${path} on ${n.name}: ${res.status} ${JSON.stringify(res.json)}`;
  if (status === 'ok') assert.ok(res.status >= 200 && res.status < 300, why);
  else assert.equal(res.status, status, why);
  return res.json as T;
}
