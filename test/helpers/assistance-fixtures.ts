// Rapid response's records made through the services as the node's command line (issue 18): an
// expert of an organisation's roster, a request, an offer on it, an accepted offer, a deployment
// in any state. Each call makes fresh records, for tests whose calls change what they touch
// (an offer is withdrawn once, a deployment ends once).
import type {
  DeploymentStatus,
  DeploymentView,
  ExpertView,
  OfferView,
  RequestAudience,
  RequestView,
} from '../../src/domain/assistance/api.ts';
import { CLI } from '../../src/domain/identity/principal.ts';
import type { Services } from '../../src/services/index.ts';
import { expertInput, requestInput } from './assistance-inputs.ts';

/** A fresh expert of `org`'s roster, available around the factory requests' window. */
export function expertOf(s: Services, org: string): Promise<ExpertView> {
  return s.assistance.roster.add(CLI, expertInput(), org);
}

/** A fresh request of `org` to `audience`. */
export function requestOf(s: Services, org: string, audience: RequestAudience): Promise<RequestView> {
  return s.assistance.requests.ask(CLI, requestInput(audience), org);
}

/** A fresh offer of one fresh expert of `org` on `requestId`. */
export async function offerOf(s: Services, requestId: string, org: string): Promise<OfferView> {
  const expert = await expertOf(s, org);
  return s.assistance.requests.offer(CLI, requestId, { experts: [{ expertId: expert.id }] }, org);
}

/** A fresh request of `requester` to `audience` with an offer of `offerer` on it. */
export async function offeredRequest(
  s: Services,
  requester: string,
  offerer: string,
  audience: RequestAudience,
): Promise<{ request: RequestView; offer: OfferView }> {
  const request = await requestOf(s, requester, audience);
  return { request, offer: await offerOf(s, request.id, offerer) };
}

/** A fresh request of `requester` whose offer from `offerer` it accepted. */
export async function acceptedRequest(
  s: Services,
  requester: string,
  offerer: string,
  audience: RequestAudience,
): Promise<{ request: RequestView; offer: OfferView }> {
  const { request, offer } = await offeredRequest(s, requester, offerer, audience);
  return { request, offer: await s.assistance.requests.decide(CLI, offer.id, { decision: 'accepted' }) };
}

/** A fresh deployment of `requester`'s request with `offerer`'s accepted expert, in `status`. */
export async function deploymentOf(
  s: Services,
  requester: string,
  offerer: string,
  audience: RequestAudience,
  status: DeploymentStatus = 'planned',
): Promise<DeploymentView> {
  const { request } = await acceptedRequest(s, requester, offerer, audience);
  let d = await s.assistance.deployments.deploy(CLI, request.id, {});
  if (status !== 'planned') d = await s.assistance.deployments.update(CLI, d.id, { status: 'active' });
  if (status === 'ended') d = await s.assistance.deployments.update(CLI, d.id, { status: 'ended' });
  return d;
}

/** An after-action report's input. */
export const AFTER_ACTION = {
  findings: 'Initial access through an exposed VPN appliance',
  actions: 'Rebuilt the controllers, rotated credentials',
  worked: 'Remote forensics from two organisations at once',
  recommendations: 'Patch VPN appliances within 48 hours',
  missingSkills: ['tag:ot-forensics'],
};
