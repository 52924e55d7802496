// Example rapid-response inputs for tests (domain, services, HTTP): a CSIRT asking for forensics
// help, an organisation's expert, a deployment with its work. Each factory takes overrides.
import type { AfterActionInput, ExpertInput, NewRequest, ProfileFacts } from './api.ts';
import { DEFAULT_FIRST_OFFER_HOURS, DEFAULT_TEAM_READY_HOURS, type ResponseFacts } from './clocks.ts';
import type { Stamp } from './build.ts';
import type { ProfileRecord } from './types.ts';

export const REQUESTER = 'identity--0b6d3a5e-1f4c-4e0a-9a51-6f0f0a7d1c01';
export const COORDINATOR = 'identity--0b6d3a5e-1f4c-4e0a-9a51-6f0f0a7d1c02';
export const OFFERER = 'identity--0b6d3a5e-1f4c-4e0a-9a51-6f0f0a7d1c03';
export const INCIDENT = 'incident--0b6d3a5e-1f4c-4e0a-9a51-6f0f0a7d1c04';
export const REQUEST_ID = 'x-concord-assistance-request--7d1e0f7a-4b8c-4d2e-9f00-2a6b1c3d4e01';
export const OFFER_ID = 'x-concord-assistance-offer--7d1e0f7a-4b8c-4d2e-9f00-2a6b1c3d4e02';
export const DEPLOYMENT_ID = 'x-concord-deployment--7d1e0f7a-4b8c-4d2e-9f00-2a6b1c3d4e03';
export const PROFILE_ID = 'x-concord-expert-profile--7d1e0f7a-4b8c-4d2e-9f00-2a6b1c3d4e04';
export const PROFILE_ID_2 = 'x-concord-expert-profile--7d1e0f7a-4b8c-4d2e-9f00-2a6b1c3d4e05';

/** A stamp for an object of `type` (its id from `n`), created at 2026-12-01 09:00 UTC. */
export function stampOf(type: string, n = 1, creator = REQUESTER): Stamp {
  return {
    id: `${type}--7d1e0f7a-4b8c-4d2e-9f00-${String(n).padStart(12, '0')}`,
    created: '2026-12-01T09:00:00.000Z',
    modified: '2026-12-01T09:00:00.000Z',
    creator,
  };
}

/** A request for forensics and incident-response help on site, from tomorrow for a week. */
export function buildRequestInput(over: Partial<NewRequest> = {}): NewRequest {
  return {
    title: 'Ransomware at the regional hospital',
    description: 'Encrypted clinical systems since 06:00; backups partly affected.',
    incidentId: INCIDENT,
    affectedEntity: 'Regional hospital Nord',
    impact: 'Emergency admissions diverted',
    needs: {
      skills: ['digital-forensics-investigator', 'cyber-incident-responder', 'tag:windows-ad'],
      languages: ['en', 'fr'],
      mode: 'on-site',
      location: 'Lille',
      country: 'FR',
      window: { from: '2026-12-02T08:00:00.000Z', until: '2026-12-09T18:00:00.000Z' },
      clearance: { scheme: 'eu', level: 'RESTREINT UE/EU RESTRICTED' },
      teamSize: 3,
      utcOffsetMinutes: 60,
    },
    actionsTaken: 'Network isolated.',
    otherSupport: 'National CSIRT on call.',
    urgency: 'critical',
    audience: { kind: 'organizations', ids: [OFFERER, COORDINATOR] },
    coordinatorOrg: COORDINATOR,
    tlp: 'amber',
    firstOfferHours: 12,
    teamReadyHours: 48,
    ...over,
  };
}

/** What the example expert's profile says (the roster row and the published profile share it). */
const EXPERT_FACTS = {
  skills: ['digital-forensics-investigator', 'tag:volatility'],
  certifications: ['GCFA'],
  languages: ['en', 'sl'],
  clearances: [{ scheme: 'eu', level: 'CONFIDENTIEL UE/EU CONFIDENTIAL' }],
  country: 'SI',
  utcOffsetMinutes: 60,
  onSite: true,
  availability: [{ from: '2026-12-01T00:00:00.000Z', until: '2026-12-31T00:00:00.000Z' }],
} satisfies ProfileFacts;

/** A roster expert available through December. */
export function buildExpertInput(over: Partial<ExpertInput> = {}): ExpertInput {
  return { name: 'Ana Novak', email: 'ana.novak@cert.example', phone: '+386 1 000 0000', ...EXPERT_FACTS, ...over };
}

/** The published part of an expert. */
export function buildProfile(
  over: Partial<Omit<ProfileRecord, 'id' | 'orgId' | 'modified'>> = {},
): Omit<ProfileRecord, 'id' | 'orgId' | 'modified'> {
  return {
    ...EXPERT_FACTS,
    pseudonym: 'Kestrel-7',
    availability: [...EXPERT_FACTS.availability, { from: '2027-01-10T00:00:00.000Z', until: '2027-01-20T00:00:00.000Z' }],
    pastDeployments: 2,
    ...over,
  };
}

/** An after-action report's content. */
export function buildAfterAction(over: Partial<AfterActionInput> = {}): AfterActionInput {
  return {
    findings: 'Initial access through an exposed VPN appliance.',
    actions: 'Contained, rebuilt domain controllers, restored from offline backups.',
    worked: 'Pre-agreed forensic images; one language for the whole team.',
    recommendations: 'Patch VPN appliances within 48 hours of advisories.',
    missingSkills: ['tag:ot-medical-devices'],
    ...over,
  };
}

/** The response clocks' tests start here (a Monday morning). */
export const CLOCK_START = Date.parse('2026-03-02T08:00:00.000Z');

/** `hours` after CLOCK_START, as a timestamp. */
export const hoursIn = (hours: number): string => new Date(CLOCK_START + hours * 3_600_000).toISOString();

/** A request's clock facts: created at CLOCK_START with the default targets, nothing met yet. */
export function buildResponseFacts(over: Partial<ResponseFacts> = {}): ResponseFacts {
  return {
    created: hoursIn(0),
    firstOfferHours: DEFAULT_FIRST_OFFER_HOURS,
    teamReadyHours: DEFAULT_TEAM_READY_HOURS,
    firstOfferAt: null,
    teamReadyAt: null,
    deploymentEndedAt: null,
    afterActionAt: null,
    ...over,
  };
}
