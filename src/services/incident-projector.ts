// Keeps the incident projection (store IncidentRepo) up to date with everything stored, however
// it came (the incident API, imports, TAXII adds, federation pulls; issue 16, musts 5 and 9).
// It reads every version committed since its cursor, records which incidents each one ties to,
// and projects those incidents again from their latest versions: the order objects arrive in
// does not matter, a report stored before its incident is found when the incident comes.
import type { Org } from '../domain/identity/types.ts';
import { answerExtOf, type IncidentLink, linksOf, type Owned, projectIncident, reportExtOf } from '../domain/incidents/project.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import type { AccessRepo, IncidentRepo, ObjectRepo, OrgRepo } from '../store/repositories.ts';
import { followChanges, SerialRun } from './serial-run.ts';

/** Versions read per step. */
const STEP = 1000;
/** Incidents projected together (a few statements for each batch, not for each incident). */
const PROJECT_BATCH = 200;

export interface IncidentProjectorDeps {
  incidents: IncidentRepo;
  objects: ObjectRepo;
  access: AccessRepo;
  orgs: OrgRepo;
}

/** Projects incidents; one run at a time per process, and a call during a run waits for a run
 *  that starts after it (so it sees what was stored before it was called). */
export class IncidentProjector {
  private readonly deps: IncidentProjectorDeps;
  private readonly serial = new SerialRun(() => this.run());

  constructor(deps: IncidentProjectorDeps) {
    this.deps = deps;
  }

  /** Projects what was stored since the last run (one run at a time: serial-run.ts). */
  catchUp(): Promise<void> {
    return this.serial.run();
  }

  /** Resolves when no catch-up is under way or waiting. */
  idle(): Promise<void> {
    return this.serial.idle();
  }

  /** Starts no catch-up from now on, and waits for the one under way. */
  close(): Promise<void> {
    return this.serial.close();
  }

  private async run(): Promise<void> {
    const { incidents } = this.deps;
    const head = await incidents.headSeq();
    const orgs = new Map<string, Org | undefined>();
    const cursor = await followChanges(incidents, STEP, (ids) => this.step(ids, orgs), head);
    // Versions of other types up to the head need no projection: the cursor moves past them.
    if (cursor < head) await incidents.setCursor(head);
  }

  /** Records the links `ids`' latest versions declare, then projects each incident touched. */
  private async step(ids: string[], orgs: Map<string, Org | undefined>): Promise<void> {
    const latest = await this.deps.objects.getMany(ids);
    const links: IncidentLink[] = [];
    const touched = new Set<string>();
    for (const o of latest) {
      links.push(...linksOf(JSON.parse(o.json) as JsonObject));
      if (o.type === 'incident') touched.add(o.id);
    }
    for (const id of await this.deps.incidents.replaceLinks(ids, links)) touched.add(id);
    const all = [...touched].sort();
    for (let i = 0; i < all.length; i += PROJECT_BATCH) await this.project(all.slice(i, i + PROJECT_BATCH), orgs);
  }

  /** Projects incidents again from their latest versions and their reports and answers. */
  async project(ids: readonly string[], orgs: Map<string, Org | undefined> = new Map()): Promise<void> {
    const { incidents, objects, access } = this.deps;
    const held = new Map((await objects.getMany([...ids])).filter((o) => o.type === 'incident').map((o) => [o.id, o]));
    const labels = await access.labels([...held.values()].map((o) => o.seq));
    const links = await incidents.links([...held.keys()]);
    const partIds = [...new Set(links.filter((l) => l.kind === 'report' || l.kind === 'answer').map((l) => l.objectId))];
    const parts = partIds.length === 0 ? [] : await objects.getMany(partIds);
    const owners = parts.length === 0 ? new Map() : await access.latest(parts.map((o) => o.id));
    const owned = new Map<string, Owned & { type: string }>();
    for (const o of parts) {
      const ownerOrg = owners.get(o.id)?.ownerOrg;
      if (ownerOrg !== undefined) owned.set(o.id, { object: JSON.parse(o.json) as JsonObject, ownerOrg, type: o.type });
    }
    const partsOf = new Map<string, (Owned & { type: string })[]>();
    for (const l of links) {
      const part = owned.get(l.objectId);
      if (part !== undefined && (l.kind === 'report' || l.kind === 'answer'))
        partsOf.set(l.incidentId, [...(partsOf.get(l.incidentId) ?? []), part]);
    }
    const rows: ReturnType<typeof projectIncident>[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const stored = held.get(id);
      const incident = stored === undefined ? undefined : (JSON.parse(stored.json) as JsonObject);
      const label = stored === undefined ? undefined : labels.get(stored.seq);
      // Not held yet (a report came first), revoked, or not labelled (read by no one): no row.
      if (stored === undefined || incident === undefined || label === undefined || incident['revoked'] === true) {
        gone.push(id);
        continue;
      }
      const namesIt = (o: JsonObject): boolean => Array.isArray(o['object_refs']) && o['object_refs'][0] === id && o['revoked'] !== true;
      const mine = partsOf.get(id) ?? [];
      rows.push(
        projectIncident({
          incident,
          seq: stored.seq,
          ownerOrg: label.ownerOrg,
          owner: await this.org(label.ownerOrg, orgs),
          reports: mine.filter((o) => o.type === 'report' && reportExtOf(o.object) !== undefined && namesIt(o.object)),
          answers: mine.filter((o) => o.type === 'note' && answerExtOf(o.object) !== undefined && namesIt(o.object)),
        }),
      );
    }
    await incidents.remove(gone);
    await incidents.put(rows);
  }

  private async org(id: string, cache: Map<string, Org | undefined>): Promise<Org | undefined> {
    if (!cache.has(id)) cache.set(id, await this.deps.orgs.getOrg(id));
    return cache.get(id);
  }
}
