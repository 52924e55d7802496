// The suite's new SDOs event (Incident Extension Suite §2.2), impact (§2.3, with its seven
// category extensions §2.3.2) and task (§2.4), declared by `new-sdo` extension-definitions. The
// property names are those of the JSON schemas (next_events_refs on event, next_task_refs on
// task); older names are upgraded on input (upgrade-incident.ts). (issue 16, must 1)

import { EVENT_EXTENSION_ID, IMPACT_EXTENSION_ID, TASK_EXTENSION_ID } from '../incidents/types.ts';
import { checkTimeOrder } from './common.ts';
import { CHANGED_OBJECTS, ENTITY_COUNT, FIDELITY, SCORE_0_100, SUITE_SDO_TYPES, checkEntityCountKeys } from './defs-incident.ts';
import { SCO_TYPES, SDO_TYPES } from './categories.ts';
import { IMPACT_EXTENSIONS, checkImpact } from './defs-incident-impact.ts';
import { isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';
import * as s from './schema.ts';
import type { ObjectDef, Spec } from './schema.ts';
import * as v from './vocab-incident.ts';
import { suite } from './vocab-incident.ts';

const { STRING, TIMESTAMP, props, listOf, vocab, refTo } = s;

/** The new-sdo extension-definition id each suite type must declare. */
export const SUITE_SDO_EXTENSION: Readonly<Record<string, string>> = {
  event: EVENT_EXTENSION_ID,
  impact: IMPACT_EXTENSION_ID,
  task: TASK_EXTENSION_ID,
};

const TIMES: Readonly<Record<string, Spec>> = {
  start_time: TIMESTAMP,
  start_time_fidelity: FIDELITY,
  end_time: TIMESTAMP,
  end_time_fidelity: FIDELITY,
};

/** "As a new SDO extension it must follow … section 7.3.2.2": the object declares its extension. */
function checkDeclared(o: JsonRecord, type: string, section: string, r: Reporter): void {
  const id = SUITE_SDO_EXTENSION[type] ?? '';
  const extensions = o['extensions'];
  const ext = isRecord(extensions) ? extensions[id] : undefined;
  if (ext === undefined) {
    r.error('required-property', section, `${type} requires extensions[${q(id)}] with extension_type 'new-sdo'`, 'extensions');
  } else if (isRecord(ext) && ext['extension_type'] !== 'new-sdo') {
    r.push('extensions');
    r.push(id);
    r.error('extension', section, `the ${type} extension must have extension_type 'new-sdo'`, 'extension_type');
    r.pop();
    r.pop();
  }
}

function suiteSdo(
  type: string,
  n: string,
  table: Record<string, Spec>,
  required: string[],
  more?: (o: JsonRecord, r: Reporter) => void,
): ObjectDef {
  const section = suite(n);
  return {
    name: type,
    section,
    category: 'sdo',
    props: props({ ...TIMES, ...table }),
    required,
    check(o, r) {
      checkDeclared(o, type, section, r);
      // "If start_time and end_time are both defined, end_time MUST be the same or later."
      checkTimeOrder(o, 'start_time', 'end_time', false, section, r);
      more?.(o, r);
    },
  };
}

export const EVENT_DEF = suiteSdo(
  'event',
  '2.2',
  {
    changed_objects: CHANGED_OBJECTS,
    description: STRING,
    event_types: listOf(vocab(v.EVENT_TYPE)),
    goal: STRING,
    name: STRING,
    next_events_refs: listOf(refTo('an event', ['event'])),
    sighting_refs: listOf(refTo('a sighting', ['sighting'])),
    status: vocab(v.EVENT_STATUS),
  },
  ['status'],
);

const SDO_OR_SCO = refTo('an SDO or SCO', [...SDO_TYPES, ...SCO_TYPES, ...SUITE_SDO_TYPES], true);

export const IMPACT_DEF: ObjectDef = {
  ...suiteSdo(
    'impact',
    '2.3',
    {
      criticality: SCORE_0_100,
      description: STRING,
      impact_category: STRING,
      impacted_entity_counts: ENTITY_COUNT,
      impacted_refs: listOf(SDO_OR_SCO),
      recoverability: vocab(v.RECOVERABILITY),
      sub_impact_refs: listOf(refTo('an impact', ['impact'])),
      superseded_by_ref: refTo('an impact', ['impact']),
    },
    [],
    (o, r) => {
      checkEntityCountKeys(o, 'impacted_entity_counts', r);
      checkImpact(o, r);
    },
  ),
  extensions: IMPACT_EXTENSIONS,
};

export const TASK_DEF = suiteSdo(
  'task',
  '2.4',
  {
    affected_entity_counts: ENTITY_COUNT,
    changed_objects: CHANGED_OBJECTS,
    description: STRING,
    due_date: TIMESTAMP,
    error: STRING,
    name: STRING,
    next_task_refs: listOf(refTo('a task', ['task'])),
    outcome: vocab(v.TASK_OUTCOME),
    priority: SCORE_0_100,
    task_types: listOf(vocab(v.TASK_TYPE)),
  },
  ['outcome'],
  (o, r) => checkEntityCountKeys(o, 'affected_entity_counts', r),
);

/** The suite's SDO definitions, for OBJECT_DEFS. */
export const SUITE_SDO_DEFS: readonly ObjectDef[] = [EVENT_DEF, IMPACT_DEF, TASK_DEF];
