// Factories for rapid response's inputs (issue 18): an expert with personal details no other
// organisation may learn outside a deployment (must 2), and a request for help (must 1), both
// with a window in which every factory-made expert is available, so that offers are accepted.
import { randomBytes } from 'node:crypto';
import type { ExpertInput, NewRequest, RequestAudience, Window } from '../../src/domain/assistance/api.ts';

/** The window factory-made requests need help in. */
export const NEEDED: Window = { from: '2027-03-01T00:00:00.000Z', until: '2027-03-08T00:00:00.000Z' };
/** When factory-made experts can be deployed: a whole year around NEEDED. */
export const AVAILABLE: Window = { from: '2027-01-01T00:00:00.000Z', until: '2027-12-31T00:00:00.000Z' };
/** The skills factory-made experts have and factory-made requests need. */
export const SKILLS = ['cyber-incident-responder', 'digital-forensics-investigator'];

/** An expert's personal details: the strings no answer may carry to an organisation that may not
 *  know them (must 2). Random, so that a search of an answer body finds nothing by chance. */
export interface Personal {
  name: string;
  email: string;
  phone: string;
}

/** Fresh personal details. */
export function personal(): Personal {
  const tag = randomBytes(4).toString('hex');
  const digits = String(randomBytes(4).readUInt32BE()).padStart(10, '0');
  return { name: `Expert ${tag} Doe`, email: `${tag}@experts.example.org`, phone: `+33 ${digits}` };
}

/** An expert available over AVAILABLE, with every skill of SKILLS, on site or remote. */
export function expertInput(extra: Partial<ExpertInput> = {}): ExpertInput {
  return {
    ...personal(),
    skills: [...SKILLS],
    languages: ['en', 'fr'],
    clearances: [],
    country: 'FR',
    utcOffsetMinutes: 60,
    onSite: true,
    availability: [AVAILABLE],
    ...extra,
  };
}

/** The TLP each audience takes by default: the label the distribution allows (DESIGN.md). */
export function tlpFor(audience: RequestAudience): string {
  return audience.kind === 'organizations' ? 'amber' : 'green';
}

/** A request for help over NEEDED, needing SKILLS remotely, to `audience`. Its title is unique. */
export function requestInput(audience: RequestAudience, extra: Partial<NewRequest> = {}): NewRequest {
  const tag = randomBytes(4).toString('hex');
  return {
    title: `Ransomware at water utility ${tag}`,
    description: `Treatment plant controllers encrypted (${tag})`,
    affectedEntity: `Water utility ${tag}`,
    impact: 'Manual operation of two plants',
    needs: { skills: [...SKILLS], languages: ['en'], mode: 'remote', window: { ...NEEDED } },
    actionsTaken: 'Isolated the plant network',
    urgency: 'high',
    audience,
    tlp: tlpFor(audience),
    ...extra,
  };
}
