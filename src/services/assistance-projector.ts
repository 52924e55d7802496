// Keeps the assistance projection (store AssistanceRepo) up to date with everything stored, however
// it came (the assistance API, imports, TAXII adds, federation pulls; issue 18, musts 1 and 4), as
// incident-projector.ts and sighting-projector.ts do: it reads every version of the projected types
// committed since its cursor and projects each object again from its latest version (domain
// read.ts assistanceRow). After each catch-up it tells its listeners which rows it put (the
// deployment reactor) and which requests' picture changed (the board's live stream).
import { DEPLOYMENT_TYPE, OFFER_TYPE, REQUEST_TYPE } from '../domain/assistance/api.ts';
import type { AssistanceRow, DeploymentRecord } from '../domain/assistance/types.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import type { AccessRepo, AssistanceRepo, ObjectRepo } from '../store/repositories.ts';
import { assistanceRow } from '../domain/assistance/read.ts';
import { followChanges, SerialRun } from './serial-run.ts';

/** Versions read per step. */
const STEP = 1000;
/** The types whose removal changes a request's picture. */
const PICTURE_TYPES = [REQUEST_TYPE, OFFER_TYPE, DEPLOYMENT_TYPE];

export interface AssistanceProjectorDeps {
  assistance: AssistanceRepo;
  objects: Pick<ObjectRepo, 'getMany' | 'versions'>;
  access: Pick<AccessRepo, 'labels'>;
  /** Where a failing listener is reported (it never stops the projection). */
  log?: (err: unknown) => void;
}

/** Projects assistance objects; one run at a time per process, and a call during a run waits for
 *  a run that starts after it (serial-run.ts). */
export class AssistanceProjector {
  private readonly deps: AssistanceProjectorDeps;
  private readonly projected: ((rows: readonly AssistanceRow[]) => void)[] = [];
  private readonly changed: ((requestIds: string[]) => void)[] = [];
  private readonly serial = new SerialRun(() => this.run());

  constructor(deps: AssistanceProjectorDeps) {
    this.deps = deps;
  }

  /** Calls `listener` after each step that put rows, with those rows (the deployment reactor). */
  onProjected(listener: (rows: readonly AssistanceRow[]) => void): void {
    this.projected.push(listener);
  }

  /** Calls `listener` after each catch-up that changed requests' pictures, with their ids (sorted,
   *  each once); the returned function stops it. */
  onChanged(listener: (requestIds: string[]) => void): () => void {
    this.changed.push(listener);
    return () => {
      const at = this.changed.indexOf(listener);
      if (at >= 0) this.changed.splice(at, 1);
    };
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
    const touched = new Set<string>();
    await followChanges(this.deps.assistance, STEP, async (ids) => {
      for (const id of await this.project(ids)) touched.add(id);
    });
    if (touched.size > 0) this.tell(this.changed, [...touched].sort());
  }

  /** Projects objects again from their latest versions; answers the requests they belong to. */
  async project(ids: readonly string[]): Promise<string[]> {
    const { assistance, objects, access } = this.deps;
    const latest = await objects.getMany([...ids]);
    const labels = await access.labels(latest.map((o) => o.seq));
    const rows: AssistanceRow[] = [];
    for (const stored of latest) {
      const object = JSON.parse(stored.json) as JsonObject;
      const label = labels.get(stored.seq);
      // Not labelled (read by no one) or revoked (STIX 2.1 §3.6): no row.
      if (label === undefined || object['revoked'] === true) continue;
      const row = assistanceRow(object, label.exercise ?? null);
      if (row === null) continue;
      rows.push(row.kind === 'deployment' ? { kind: 'deployment', record: await this.dated(row.record) } : row);
    }
    const held = new Set(rows.map((r) => r.record.id));
    const gone = ids.filter((id) => !held.has(id));
    // A note, report or task without an assistance extension was never projected: no lookup.
    const before = await this.requestsOf(gone.filter((id) => PICTURE_TYPES.some((t) => id.startsWith(`${t}--`))));
    await assistance.remove(gone);
    await assistance.put(rows);
    if (rows.length > 0) this.tell(this.projected, rows);
    return [...new Set([...before, ...(await this.requestIdsOf(rows))])];
  }

  /**
   * A deployment's start and end as its versions tell them (issue 18, must 5: the team-ready clock
   * is met when the deployment first went active): the first version active (or ended, when it
   * never was stored active) and the first ended. What the object states itself wins.
   */
  private async dated(d: DeploymentRecord): Promise<DeploymentRecord> {
    const needStart = d.startedAt === null && d.status !== 'planned';
    const needEnd = d.endedAt === null && d.status === 'ended';
    if (!needStart && !needEnd) return d;
    let startedAt = d.startedAt;
    let endedAt = d.endedAt;
    for (const v of await this.deps.objects.versions(d.id)) {
      const o = JSON.parse(v.json) as JsonObject;
      const at = typeof o['modified'] === 'string' ? o['modified'] : v.version;
      if (startedAt === null && (o['status'] === 'active' || o['status'] === 'ended')) startedAt = at;
      if (endedAt === null && o['status'] === 'ended') endedAt = at;
    }
    return { ...d, startedAt, endedAt };
  }

  /** The requests whose picture the rows change. */
  private async requestIdsOf(rows: readonly AssistanceRow[]): Promise<string[]> {
    const out = new Set<string>();
    const deployments = new Map<string, string>();
    for (const r of rows) {
      if (r.kind === 'request') out.add(r.record.id);
      else if (r.kind === 'offer' || r.kind === 'decision' || r.kind === 'deployment') out.add(r.record.requestId);
      if (r.kind === 'deployment') deployments.set(r.record.id, r.record.requestId);
    }
    for (const r of rows) {
      if (r.kind !== 'work') continue;
      const requestId =
        deployments.get(r.record.deploymentId) ?? (await this.deps.assistance.deployment(r.record.deploymentId))?.record.requestId;
      if (requestId !== undefined) out.add(requestId);
    }
    return [...out];
  }

  /** The requests the held rows of `ids` belong to (before they are removed). */
  private async requestsOf(ids: readonly string[]): Promise<string[]> {
    const { assistance } = this.deps;
    const out: string[] = [];
    for (const id of ids) {
      const found =
        (await assistance.request(id))?.record.id ??
        (await assistance.offer(id))?.record.requestId ??
        (await assistance.deployment(id))?.record.requestId;
      if (found !== undefined) out.push(found);
    }
    return out;
  }

  private tell<T>(listeners: readonly ((x: T) => void)[], x: T): void {
    for (const listener of listeners) {
      try {
        listener(x);
      } catch (err) {
        this.deps.log?.(err);
      }
    }
  }
}
