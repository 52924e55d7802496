// Extension-definitions whose content Concord knows (STIX 2.1 §7.3): the OASIS Incident
// Extension Suite's (issue 16, must 1) and Concord's own (NIS2, sightings, alerts, rapid response). An instance of a known
// extension is checked against its property table; unknown ones are only name-checked (§7.3:
// a consumer "MAY ignore that extension").

import { NIS2_ANSWER_EXTENSION } from '../incidents/answer-extension.ts';
import { NIS2_EXTENSION } from '../incidents/nis2-extension.ts';
import { NIS2_REPORT_EXTENSION } from '../incidents/report-extension.ts';
import { TASK_ASSIGNMENT_EXTENSION } from '../incidents/task-extension.ts';
import { CONCORD_SIGHTING_EXTENSION_ID } from '../sightings/api.ts';
import { SIGHTING_EXTENSION } from '../sightings/extension.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  CONCORD_TASK_EXTENSION_ID,
  INCIDENT_CORE_EXTENSION_ID,
} from '../incidents/types.ts';
import { checkValue } from './check-value.ts';
import { INCIDENT_CORE } from './defs-incident.ts';
import { SUITE_SDO_EXTENSION } from './defs-incident-sdo.ts';
import { ALERT_SDO_DEFS } from '../alerts/defs.ts';
import {
  CONCORD_AFTER_ACTION_EXTENSION_ID,
  CONCORD_DEPLOYMENT_TASK_EXTENSION_ID,
  CONCORD_STATUS_NOTE_EXTENSION_ID,
} from '../assistance/api.ts';
import { AFTER_ACTION_EXTENSION, ASSISTANCE_SDO_DEFS, DEPLOYMENT_TASK_EXTENSION, STATUS_NOTE_EXTENSION } from '../assistance/defs-work.ts';
import type { ConcordSdoDef } from './concord-sdo.ts';
import { type JsonRecord, type Reporter, q } from './reporter.ts';
import type { StructDef } from './schema.ts';
import { suite } from './vocab-incident.ts';

export interface KnownExtension {
  readonly name: string;
  readonly section: string;
  /** The only extension_type the definition declares. */
  readonly extensionType: 'property-extension' | 'new-sdo';
  /** Object types the extension may be used on. */
  readonly hosts: ReadonlySet<string>;
  /** The content's property table (new-sdo extensions carry only extension_type). */
  readonly def?: StructDef;
  /**
   * Whether properties outside the table are errors. Concord's own extensions are strict; the
   * suite's schemas say additionalProperties false, but the draft keeps renaming properties, so
   * a name it does not know is reported as a warning and the object is kept.
   */
  readonly strict: boolean;
}

/** One of Concord's own property extensions: strict, on one host type. */
const concord = (id: string, host: string, def: StructDef): [string, KnownExtension] => [
  id,
  { name: def.name, section: def.section, extensionType: 'property-extension', hosts: new Set([host]), def, strict: true },
];

const newSdo = (type: string, n: string): [string, KnownExtension] => [
  SUITE_SDO_EXTENSION[type] ?? '',
  { name: `the ${type} extension`, section: suite(n), extensionType: 'new-sdo', hosts: new Set([type]), strict: false },
];

/** Concord's own new SDO types (issue 17, must 4; issue 18): their content is only extension_type. */
const concordSdo = (def: ConcordSdoDef): [string, KnownExtension] => [
  def.extensionId,
  { name: `the ${def.name} extension`, section: def.section, extensionType: 'new-sdo', hosts: new Set([def.name]), strict: true },
];

export const KNOWN_EXTENSIONS: ReadonlyMap<string, KnownExtension> = new Map([
  [
    INCIDENT_CORE_EXTENSION_ID,
    {
      name: INCIDENT_CORE.name,
      section: INCIDENT_CORE.section,
      extensionType: 'property-extension',
      hosts: new Set(['incident']),
      def: INCIDENT_CORE,
      strict: false,
    },
  ],
  newSdo('event', '2.2'),
  newSdo('impact', '2.3'),
  newSdo('task', '2.4'),
  [
    CONCORD_NIS2_EXTENSION_ID,
    {
      name: NIS2_EXTENSION.name,
      section: NIS2_EXTENSION.section,
      extensionType: 'property-extension',
      hosts: new Set(['incident']),
      def: NIS2_EXTENSION,
      strict: true,
    },
  ],
  concord(CONCORD_NIS2_REPORT_EXTENSION_ID, 'report', NIS2_REPORT_EXTENSION),
  concord(CONCORD_NIS2_ANSWER_EXTENSION_ID, 'note', NIS2_ANSWER_EXTENSION),
  concord(CONCORD_TASK_EXTENSION_ID, 'task', TASK_ASSIGNMENT_EXTENSION),
  concord(CONCORD_SIGHTING_EXTENSION_ID, 'sighting', SIGHTING_EXTENSION),
  concord(CONCORD_STATUS_NOTE_EXTENSION_ID, 'note', STATUS_NOTE_EXTENSION),
  concord(CONCORD_AFTER_ACTION_EXTENSION_ID, 'report', AFTER_ACTION_EXTENSION),
  concord(CONCORD_DEPLOYMENT_TASK_EXTENSION_ID, 'task', DEPLOYMENT_TASK_EXTENSION),
  ...[...ALERT_SDO_DEFS, ...ASSISTANCE_SDO_DEFS].map(concordSdo),
]);

/**
 * Checks an instance of a known extension on an object of type `hostType`; the reporter path is
 * at the instance. extension_type has been checked against extension-type-enum already.
 */
export function checkKnownExtension(known: KnownExtension, hostType: string, ext: JsonRecord, r: Reporter): void {
  if (!known.hosts.has(hostType)) {
    r.error('extension', known.section, `${known.name} applies to ${[...known.hosts].join(', ')} objects, not ${hostType}`);
  }
  const kind = ext['extension_type'];
  if (typeof kind === 'string' && kind !== known.extensionType) {
    r.error('extension', known.section, `extension_type must be ${q(known.extensionType)} for ${known.name}`, 'extension_type');
  }
  const def = known.def;
  for (const key in ext) {
    if (key === 'extension_type') continue;
    const spec = def?.props.get(key);
    if (spec === undefined) {
      const message = `${q(key)} is not a property of ${known.name}`;
      if (known.strict) r.error('extension', known.section, message, key);
      else r.warn('extension', known.section, `${message}; it is kept but not interpreted`, key);
      continue;
    }
    r.push(key);
    checkValue(spec, ext[key], r, def?.section ?? known.section);
    r.pop();
  }
  if (def === undefined) return;
  for (const name of def.required) {
    if (name !== 'extension_type' && ext[name] === undefined)
      r.error('required-property', def.section, `${def.name} requires ${q(name)}`, name);
  }
  def.check?.(ext, r);
}
