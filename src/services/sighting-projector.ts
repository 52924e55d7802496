// Keeps the sighting projection (store SightingRepo) up to date with everything stored, however
// it came (the sighting API, imports, TAXII adds, feeds, federation pulls; issue 17, musts 1 and
// 3), as incident-projector.ts does for incidents: it reads every sighting version committed since
// its cursor and projects each sighting again from its latest version. After each catch-up it
// tells its listeners which objects' sightings changed (collective-threat alerts listen).
import type { Org } from '../domain/identity/types.ts';
import { projectSighting } from '../domain/sightings/project.ts';
import type { SightingRecord } from '../domain/sightings/types.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import type { AccessRepo, ObjectRepo, OrgRepo, SightingRepo } from '../store/repositories.ts';
import { followChanges, SerialRun } from './serial-run.ts';

/** Versions read per step. */
const STEP = 2000;

export interface SightingProjectorDeps {
  sightings: SightingRepo;
  objects: Pick<ObjectRepo, 'getMany'>;
  access: Pick<AccessRepo, 'labels'>;
  orgs: Pick<OrgRepo, 'getOrg'>;
  /** Where a failing listener is reported (it never stops the projection). */
  log?: (err: unknown) => void;
}

/** Projects sightings; one run at a time per process, and a call during a run waits for a run
 *  that starts after it (so it sees what was stored before it was called). */
export class SightingProjector {
  private readonly deps: SightingProjectorDeps;
  private readonly listeners: ((ofIds: string[]) => void)[] = [];
  private readonly serial = new SerialRun(() => this.run());

  constructor(deps: SightingProjectorDeps) {
    this.deps = deps;
  }

  /** Calls `listener` after each catch-up that changed sightings, with the ids of the objects
   *  whose sightings changed (sorted, each once). */
  onProjected(listener: (ofIds: string[]) => void): void {
    this.listeners.push(listener);
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
    const orgs = new Map<string, Org | undefined>();
    const touched = new Set<string>();
    await followChanges(this.deps.sightings, STEP, async (ids) => {
      for (const of of await this.project(ids, orgs)) touched.add(of);
    });
    if (touched.size === 0) return;
    const ofIds = [...touched].sort();
    for (const listener of this.listeners) {
      try {
        listener(ofIds);
      } catch (err) {
        this.deps.log?.(err);
      }
    }
  }

  /** Projects sightings again from their latest versions; answers the objects they sight. */
  async project(ids: readonly string[], orgs: Map<string, Org | undefined> = new Map()): Promise<string[]> {
    const { sightings, objects, access } = this.deps;
    const latest = (await objects.getMany([...ids])).filter((o) => o.type === 'sighting');
    const labels = await access.labels(latest.map((o) => o.seq));
    const rows: SightingRecord[] = [];
    const of = new Set<string>();
    const held = new Set<string>();
    for (const stored of latest) {
      const object = JSON.parse(stored.json) as JsonObject;
      const ref = object['sighting_of_ref'];
      if (typeof ref === 'string') of.add(ref);
      const label = labels.get(stored.seq);
      // Not labelled (read by no one): no row.
      if (label === undefined) continue;
      const owner = await this.org(label.ownerOrg, orgs);
      const record = projectSighting({ object, seq: stored.seq, label, owner });
      if (record === undefined) continue;
      rows.push(record);
      held.add(record.id);
    }
    await sightings.remove(ids.filter((id) => !held.has(id)));
    await sightings.put(rows);
    return [...of];
  }

  private async org(id: string, cache: Map<string, Org | undefined>): Promise<Org | undefined> {
    if (!cache.has(id)) cache.set(id, await this.deps.orgs.getOrg(id));
    return cache.get(id);
  }
}
