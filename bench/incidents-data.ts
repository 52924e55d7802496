// The STIX objects of one generated incident for bench/incidents.ts: the incident with the core
// and NIS2 extensions, two events and a task it names, and an early-warning report. Awareness
// is spread over the last year, so most incidents have a deadline exceeded and a few are due.
import {
  CONCORD_NIS2_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  EVENT_EXTENSION_ID,
  INCIDENT_CORE_EXTENSION_ID,
  TASK_EXTENSION_ID,
} from '../src/domain/incidents/types.ts';

const HOUR = 3_600_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const STATUSES = ['new', 'open', 'open', 'closed'];
const RSIT = ['malicious-code', 'availability', 'intrusions', 'fraud', 'information-gathering'];
const STATES = ['DE', 'FR', 'NL', 'AT', 'BE', 'DK', 'PL', 'IT', 'ES', 'SE'];
const WORDS = 'ransomware phishing outage intrusion wiper ddos leak fraud scada billing'.split(' ');

type Json = Record<string, unknown>;

/** The five objects of incident `i` of `total`; `now` anchors the awareness times. */
export function incidentObjects(i: number, total: number, now: number, uuid: () => string): Json[] {
  // Evenly over the last year: i = 0 is the oldest; the last few hundred are under a day old.
  const aware = new Date(now - ((total - i) / total) * 365 * 24 * HOUR);
  const t = (hours: number): string => new Date(aware.getTime() + hours * HOUR).toISOString();
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  const ids = { incident: `incident--${uuid()}`, events: [`event--${uuid()}`, `event--${uuid()}`], task: `task--${uuid()}` };
  const word = WORDS[h % WORDS.length] ?? 'incident';
  const created = t(1);
  const base = (type: string, id: string, at = created): Json => ({ type, spec_version: '2.1', id, created: at, modified: at });
  const incident: Json = {
    ...base('incident', ids.incident),
    name: `${word} incident ${i}`,
    description: `A ${word} incident at an entity of the constituency, number ${i}.`,
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        determination: 'confirmed',
        investigation_status: STATUSES[h % STATUSES.length],
        event_refs: ids.events,
        task_refs: [ids.task],
      },
      [CONCORD_NIS2_EXTENSION_ID]: {
        extension_type: 'property-extension',
        aware_at: aware.toISOString(),
        member_states_affected: [STATES[h % STATES.length], ...(h % 5 === 0 ? [STATES[(h >>> 3) % STATES.length]] : [])],
        significant: h % 4 !== 0,
        cross_border_impact: h % 5 === 0,
        rsit_classification: RSIT[h % RSIT.length],
        severity: SEVERITIES[(h >>> 5) % SEVERITIES.length],
      },
    },
  };
  const event = (id: string, n: number): Json => ({
    ...base('event', id),
    name: `Event ${n} of incident ${i}`,
    status: 'occurred',
    extensions: { [EVENT_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  });
  const task: Json = {
    ...base('task', ids.task),
    name: `Contain the ${word}`,
    outcome: 'pending',
    extensions: { [TASK_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  };
  // The early warning within (or, for one in three, after) its 24 hours.
  const at = t(h % 3 === 0 ? 30 : 12);
  const report: Json = {
    ...base('report', `report--${uuid()}`, at),
    name: `Early warning, incident ${i}`,
    published: at,
    object_refs: [ids.incident],
    extensions: {
      [CONCORD_NIS2_REPORT_EXTENSION_ID]: {
        extension_type: 'property-extension',
        stage: 'early-warning',
        summary: `A ${word} incident`,
        suspected_malicious: true,
        cross_border_impact: h % 5 === 0,
      },
    },
  };
  return [incident, event(ids.events[0] ?? '', 1), event(ids.events[1] ?? '', 2), task, report];
}
