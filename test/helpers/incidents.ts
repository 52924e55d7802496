// Factories for incident tests (issue 16): a CSIRT with an entity in its constituency, and the
// STIX objects an incident is made of (incident, NIS2 reports, CSIRT answers, work, links),
// imported as their owner would store them, before the incident write API exists.
import { randomUUID } from 'node:crypto';
import type { Org } from '../../src/domain/identity/types.ts';
import { constituencyGroupId, incidentDistribution } from '../../src/domain/incidents/constituency.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  EVENT_EXTENSION_ID,
  INCIDENT_CORE_EXTENSION_ID,
  TASK_EXTENSION_ID,
} from '../../src/domain/incidents/types.ts';
import type { Services } from '../../src/services/index.ts';
import type { Store } from '../../src/store/repositories.ts';

type Json = Record<string, unknown>;

/** Makes `org` an entity of `csirt`'s constituency (NIS2 attributes, the constituency group). */
export async function placeInConstituency(
  services: Services,
  store: Store,
  entity: Org,
  csirt: Org,
  over: Partial<Org> = {},
): Promise<Org> {
  await store.orgs.putOrg({ ...csirt, nis2Role: 'csirt' });
  const placed: Org = { ...entity, nis2Role: 'essential', sectors: ['energy/electricity'], csirtOrg: csirt.id, country: 'DE', ...over };
  await store.orgs.putOrg(placed);
  const id = constituencyGroupId(entity.id);
  if ((await store.orgs.getSharingGroup(id)) === undefined) {
    const at = new Date().toISOString();
    await store.orgs.putSharingGroup({
      id,
      name: `Constituency of ${entity.name}`,
      description: '',
      ownerOrg: csirt.id,
      members: [entity.id, csirt.id],
      disabled: false,
      createdAt: at,
      updatedAt: at,
      origin: null,
    });
  }
  services.auth.invalidate();
  return placed;
}

/** Imports `objects` as `owner` stores its incident work: amber+strict, to its constituency. */
export async function importAs(services: Services, owner: Org, objects: Json[]): Promise<void> {
  const text = JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });
  const summary = await services.ingest.importStream([Buffer.from(text)], {
    source: 'test:incidents',
    owner: { orgId: owner.id, tlp: 'amber+strict', distribution: incidentDistribution(owner), actor: 'test' },
  });
  if (summary.quarantined > 0 || summary.error) {
    const held = await services.quarantine.list({ limit: summary.quarantined });
    throw new Error(`incident test data was not accepted: ${JSON.stringify(held.items.map((q) => q.details))}`);
  }
}

const stix = (type: string, created: string, more: Json = {}): Json & { id: string } => ({
  type,
  spec_version: '2.1',
  id: `${type}--${randomUUID()}`,
  created,
  modified: created,
  ...more,
});

export interface IncidentSpec {
  name?: string;
  awareAt: string;
  status?: 'new' | 'open' | 'closed';
  severity?: string;
  sector?: string;
  memberStates?: string[];
  crossBorder?: boolean;
  eventRefs?: string[];
  taskRefs?: string[];
  id?: string;
}

export function incidentObject(s: IncidentSpec): Json & { id: string } {
  return {
    ...stix('incident', s.awareAt, { name: s.name ?? 'Ransomware at a DSO', description: 'Historians encrypted' }),
    ...(s.id ? { id: s.id } : {}),
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        determination: 'confirmed',
        investigation_status: s.status ?? 'open',
        ...(s.eventRefs?.length ? { event_refs: s.eventRefs } : {}),
        ...(s.taskRefs?.length ? { task_refs: s.taskRefs } : {}),
      },
      [CONCORD_NIS2_EXTENSION_ID]: {
        extension_type: 'property-extension',
        aware_at: s.awareAt,
        sector: s.sector ?? 'energy',
        member_states_affected: s.memberStates ?? ['DE'],
        significant: true,
        cross_border_impact: s.crossBorder ?? false,
        severity: s.severity ?? 'high',
      },
    },
  };
}

export const eventObject = (created: string, name = 'Encryption observed'): Json & { id: string } =>
  stix('event', created, { name, status: 'occurred', extensions: { [EVENT_EXTENSION_ID]: { extension_type: 'new-sdo' } } });

export const taskObject = (created: string, name = 'Restore historians'): Json & { id: string } =>
  stix('task', created, { name, outcome: 'pending', extensions: { [TASK_EXTENSION_ID]: { extension_type: 'new-sdo' } } });

/** A NIS2 report of `stage` on `incident`, submitted at `created`. */
export const reportObject = (incident: string, stage: string, created: string, content: Json = {}): Json & { id: string } =>
  stix('report', created, {
    name: `${stage} report`,
    published: created,
    object_refs: [incident],
    extensions: { [CONCORD_NIS2_REPORT_EXTENSION_ID]: { extension_type: 'property-extension', stage, ...content } },
  });

/** A CSIRT's answer on `incident` (and the report it answers). */
export const answerObject = (incident: string, kind: string, created: string, more: { reportId?: string; dueAt?: string } = {}) =>
  stix('note', created, {
    content: kind === 'feedback' ? 'Received; contain and keep us posted' : 'Send an intermediate report',
    object_refs: more.reportId ? [incident, more.reportId] : [incident],
    extensions: {
      [CONCORD_NIS2_ANSWER_EXTENSION_ID]: { extension_type: 'property-extension', kind, ...(more.dueAt ? { due_at: more.dueAt } : {}) },
    },
  });

export const noteObject = (incident: string, created: string, content = 'Backups verified'): Json & { id: string } =>
  stix('note', created, { content, object_refs: [incident] });

export const relationshipObject = (source: string, type: string, target: string, created: string): Json & { id: string } =>
  stix('relationship', created, { relationship_type: type, source_ref: source, target_ref: target });
