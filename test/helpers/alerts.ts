// What the alert tests share: sightings held in memory as the sighting projection would hold them
// (SightingRepo's reads), and an evaluator on a test node that reads them.
import { randomUUID } from 'node:crypto';
import type { AccessLabel } from '../../src/domain/access/types.ts';
import type { SightingRecord } from '../../src/domain/sightings/types.ts';
import { AlertEvaluator, type Warninglisted } from '../../src/services/alert-evaluator.ts';
import type { LabelledSighting, SightingRepo } from '../../src/store/sighting-repositories.ts';
import type { TestNode } from './node.ts';

/** The sighting projection's reads over sightings added by the test. */
export class MemorySightings implements Pick<SightingRepo, 'since' | 'ofObjects'> {
  readonly rows: LabelledSighting[] = [];

  /** Adds a true sighting of `of` by `sighter` in `country`, seen `hoursAgo` hours ago. */
  add(of: string, sighter: string, country: string | null, over: Partial<SightingRecord> = {}, label?: AccessLabel): SightingRecord {
    const at = new Date(Date.now() - (over.lastSeen ? 0 : 3_600_000)).toISOString();
    const record: SightingRecord = {
      id: `sighting--${randomUUID()}`,
      seq: this.rows.length + 1,
      of,
      ofType: of.split('--')[0] ?? '',
      ownerOrg: sighter,
      disclosure: 'organization',
      sighter,
      country,
      sectors: [],
      type: 'sighting',
      count: 1,
      firstSeen: at,
      lastSeen: at,
      exercise: null,
      description: null,
      ...over,
    };
    const l: AccessLabel = label ?? {
      ownerOrg: sighter,
      tlp: 'green',
      distribution: { kind: 'federation' },
      ...(record.exercise ? { exercise: record.exercise } : {}),
    };
    this.rows.push({ record, label: l });
    return record;
  }

  async since(since: string, of?: readonly string[]): Promise<LabelledSighting[]> {
    return this.rows.filter((r) => r.record.lastSeen >= since && (of === undefined || of.includes(r.record.of)));
  }

  async ofObjects(ids: readonly string[]): Promise<LabelledSighting[]> {
    return this.rows.filter((r) => ids.includes(r.record.of)).sort((a, b) => (a.record.lastSeen < b.record.lastSeen ? 1 : -1));
  }
}

/** An evaluator on `node`'s store reading `sightings`, telling the node's alert stream. */
export function evaluatorOn(
  node: Pick<TestNode, 'store' | 'services'>,
  sightings: MemorySightings,
  warninglisted?: Warninglisted,
): AlertEvaluator {
  return new AlertEvaluator({
    objects: node.store.objects,
    access: node.store.access,
    alerts: node.store.alerts,
    sightings,
    write: node.services.write,
    nodeId: async () => (await node.services.federation.node.identity()).nodeId,
    raised: (ids) => void node.services.alerts.raised(ids),
    ...(warninglisted ? { warninglisted } : {}),
  });
}
