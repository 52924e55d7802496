// A request with its whole picture, through the services, for the screens that show one (issue
// 18, must 7): the node's organisation asks, a second organisation on the node offers the expert
// of its roster, the offer is accepted and the team deployed with a task and a status note.
import { CLI } from '../../src/domain/identity/principal.ts';
import type { TestNode } from './node.ts';
import { expertInput, requestInput } from './assistance-inputs.ts';

export interface Assistance {
  requestId: string;
  deploymentId: string;
}

/** Asks, offers, accepts and deploys on `node`, the requester being `node.org`. */
export async function deployHelp(node: TestNode): Promise<Assistance> {
  const a = node.services.assistance;
  const helper = await node.services.orgs.addOrg(CLI, { name: 'CERT-FR screens', country: 'FR', communities: [] });
  const expert = await a.roster.add(CLI, expertInput(), helper.id);
  const request = await a.requests.ask(CLI, requestInput({ kind: 'federation' }), node.org.id);
  const offer = await a.requests.offer(CLI, request.id, { experts: [{ expertId: expert.id }], message: 'Two days’ notice.' }, helper.id);
  await a.requests.decide(CLI, offer.id, { decision: 'accepted' });
  const deployment = await a.deployments.deploy(CLI, request.id, {});
  await a.deployments.addTask(CLI, deployment.id, { name: 'Image the plant historian' }, node.org.id);
  await a.deployments.addNote(CLI, deployment.id, { text: 'Historian imaged; two implants found.', hours: 6 }, node.org.id);
  await a.requests.catchUp();
  return { requestId: request.id, deploymentId: deployment.id };
}
