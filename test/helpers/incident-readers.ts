// An incident and who may read it, for notification tests (issue 16, musts 7 and 11): an entity
// in a CSIRT's constituency, the CSIRT, and an outsider; the incident is ingested as STIX with
// the label incident work carries (constituency.ts), as the write service will store it.
import { randomUUID } from 'node:crypto';
import type { UserPrincipal } from '../../src/domain/identity/principal.ts';
import { constituencyGroupId, INCIDENT_DEFAULT_TLP } from '../../src/domain/incidents/constituency.ts';
import type { Services } from '../../src/services/index.ts';
import type { Store } from '../../src/store/repositories.ts';
import { buildPerson, type Person } from './people.ts';

/** When every test incident was created (a later version keeps it, STIX 2.1 §3.2). */
export const INCIDENT_CREATED = '2026-01-01T00:00:00.000Z';

export interface IncidentReaders {
  entity: Person;
  /** A second user of the entity: the one who acts in the tests. */
  colleague: Person;
  csirt: Person;
  outsider: Person;
  /** Stores an incident of the entity distributed to its constituency group; returns its id. */
  incident(name: string, more?: Record<string, unknown>): Promise<string>;
  principal(p: Person): Promise<UserPrincipal>;
}

/** Creates the entity, its CSIRT with their constituency group, and an outsider. */
export async function incidentReaders(services: Services, store: Store): Promise<IncidentReaders> {
  const csirt = await buildPerson(services, { orgName: `CSIRT ${randomUUID()}` });
  const entity = await buildPerson(services, { orgName: `Stromnetz ${randomUUID()}` });
  const colleague = await buildPerson(services, { org: entity.org });
  const outsider = await buildPerson(services, { orgName: `Elsewhere ${randomUUID()}` });
  const group = constituencyGroupId(entity.org.id);
  const at = new Date().toISOString();
  await store.orgs.putSharingGroup({
    id: group,
    name: `Constituency of ${entity.org.name}`,
    description: '',
    ownerOrg: csirt.org.id,
    members: [entity.org.id, csirt.org.id],
    disabled: false,
    createdAt: at,
    updatedAt: at,
    origin: null,
  });
  services.auth.invalidate();
  return {
    entity,
    colleague,
    csirt,
    outsider,
    async incident(name, more = {}) {
      const id = `incident--${randomUUID()}`;
      const t = new Date().toISOString();
      const text = JSON.stringify({
        type: 'bundle',
        id: `bundle--${randomUUID()}`,
        objects: [{ type: 'incident', spec_version: '2.1', id, created: INCIDENT_CREATED, modified: t, name, ...more }],
      });
      const owner = {
        orgId: entity.org.id,
        tlp: INCIDENT_DEFAULT_TLP,
        distribution: { kind: 'sharing-group', id: group },
        actor: 'test',
      } as const;
      const summary = await services.ingest.importStream([text], { source: 'test', owner });
      if (summary.accepted !== 1) throw new Error(`incident not stored: ${JSON.stringify(summary)}`);
      return id;
    },
    async principal(p) {
      return services.auth.fromToken(p.token);
    },
  };
}
