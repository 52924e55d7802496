// The Incident Core Extension on `incident` (Incident Extension Suite §2.1) and the suite's
// sub-object types (§3): entity-count, incident-score and state-change (issue 16, must 1).

import { SDO_TYPES } from './categories.ts';
import { isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';
import * as s from './schema.ts';
import type { Spec, StructDef } from './schema.ts';
import * as v from './vocab-incident.ts';
import { suite } from './vocab-incident.ts';

const { STRING, FLOAT, NON_NEGATIVE, props, listOf, vocab, refTo, struct, intRange, dictOf } = s;

/** The suite's new SDO types, declared by its extension-definitions. */
export const SUITE_SDO_TYPES: readonly string[] = ['event', 'impact', 'task'];

/** An SDO, including the suite's new ones and other extension-defined types (§3.3 "MUST be an SDO"). */
export const SDO_REF = refTo('an SDO', [...SDO_TYPES, ...SUITE_SDO_TYPES], true);
export const SCORE_0_100 = intRange(0, 100);
export const FIDELITY = vocab(v.TIMESTAMP_FIDELITY);

/** §3.1 entity-count: a dictionary of entity types (entity-type-ov) to counts ≥ 0. */
export const ENTITY_COUNT: Spec = dictOf(NON_NEGATIVE);

/** Warns about entity-count keys outside entity-type-ov (§3.1: keys SHOULD come from it). */
export function checkEntityCountKeys(o: JsonRecord, key: string, r: Reporter): void {
  const counts = o[key];
  if (!isRecord(counts)) return;
  for (const name in counts) {
    if (!v.ENTITY_TYPE.values.has(name)) {
      r.push(key);
      r.warn('open-vocabulary', v.ENTITY_TYPE.section, `${q(name)} is not in the suggested vocabulary entity-type-ov`, name);
      r.pop();
    }
  }
}

/** §3.2 incident-score. */
export const INCIDENT_SCORE: StructDef = {
  name: 'incident-score',
  section: suite('3.2'),
  props: props({ name: STRING, value: FLOAT, description: STRING }),
  required: ['name', 'value'],
};

const S3_3 = suite('3.3');

// §3.3: initial_ref and result_ref reference the same type of SDO; §4.9: `input` needs
// initial_ref, `output` needs result_ref.
function checkStateChange(o: JsonRecord, r: Reporter): void {
  const initial = o['initial_ref'];
  const result = o['result_ref'];
  if (typeof initial === 'string' && typeof result === 'string') {
    const a = initial.split('--')[0];
    const b = result.split('--')[0];
    if (a !== b)
      r.error('ref-target-type', S3_3, `result_ref must reference the same type of SDO as initial_ref (${a}), not ${b}`, 'result_ref');
  }
  const kind = o['state_change_type'];
  if (kind === 'input' && initial === undefined)
    r.error('required-property', suite('4.9'), "state_change_type 'input' requires initial_ref", 'initial_ref');
  if (kind === 'output' && result === undefined)
    r.error('required-property', suite('4.9'), "state_change_type 'output' requires result_ref", 'result_ref');
}

/** §3.3 state-change. */
export const STATE_CHANGE: StructDef = {
  name: 'state-change',
  section: S3_3,
  props: props({ state_change_type: vocab(v.STATE_CHANGE_TYPE), initial_ref: SDO_REF, result_ref: SDO_REF }),
  required: ['state_change_type'],
  oneOf: ['initial_ref', 'result_ref'],
  check: checkStateChange,
};

export const CHANGED_OBJECTS = listOf(struct(STATE_CHANGE));

/** §2.1 Incident Core Extension: the content of `extensions['extension-definition--ef765651-…']`. */
export const INCIDENT_CORE: StructDef = {
  name: 'the Incident Core Extension',
  section: suite('2.1'),
  props: props({
    extension_type: STRING,
    determination: vocab(v.INCIDENT_DETERMINATION),
    investigation_status: vocab(v.INCIDENT_INVESTIGATION),
    criticality: SCORE_0_100,
    detection_methods: listOf(vocab(v.DETECTION_METHODS)),
    event_refs: listOf(refTo('an event', ['event'])),
    impact_refs: listOf(refTo('an impact', ['impact'])),
    incident_types: listOf(vocab(v.EVENT_TYPE)),
    recoverability: vocab(v.RECOVERABILITY),
    scores: listOf(struct(INCIDENT_SCORE)),
    task_refs: listOf(refTo('a task', ['task'])),
  }),
  required: ['extension_type', 'determination', 'investigation_status'],
};
