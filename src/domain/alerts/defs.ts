// The property tables of Concord's two alert SDOs (issue 17, must 4): `x-concord-alert-rule`, a
// community's rule, and `x-concord-alert`, what a rule raised. Both are new SDO types declared by
// extension-definitions (STIX 2.1 §7.3): an object carries extensions[<its definition id>] with
// extension_type 'new-sdo' (§7.3.2.2), and validate.ts checks them like the suite's new SDOs.
import { ALERT_RULE_TYPE, ALERT_TYPE, CONCORD_ALERT_EXTENSION_ID, CONCORD_ALERT_RULE_EXTENSION_ID, RULE_SUBJECTS } from './api.ts';
import { checkTimeOrder } from '../stix/common.ts';
import { isRecord, type JsonRecord, type Reporter, q } from '../stix/reporter.ts';
import * as s from '../stix/schema.ts';
import type { ObjectDef, Spec } from '../stix/schema.ts';
import type { Vocab } from '../stix/vocab.ts';

const { STRING, BOOLEAN, FLOAT, NON_NEGATIVE, TIMESTAMP, props, listOf, vocab, refTo, intRange } = s;

/** Where a reader finds what these types mean: the extension-definition's schema text. */
const SECTION = 'Concord alert extension';

/** The new-sdo extension-definition id each alert type must declare. */
export const ALERT_SDO_EXTENSION: Readonly<Record<string, string>> = {
  [ALERT_RULE_TYPE]: CONCORD_ALERT_RULE_EXTENSION_ID,
  [ALERT_TYPE]: CONCORD_ALERT_EXTENSION_ID,
};

const SUBJECT_KIND: Vocab = { name: 'concord-rule-subject-enum', section: SECTION, open: false, values: new Set(RULE_SUBJECTS) };
const COUNTRY = s.formatted('an ISO 3166-1 alpha-2 code in upper case', (v) => /^[A-Z]{2}$/.test(v));
const COMMUNITY = s.formatted('a community id', (v) => /^[a-z0-9][a-z0-9._-]{0,127}$/.test(v));

/** "As a new SDO extension it must follow … section 7.3.2.2": the object declares its extension. */
function checkDeclared(o: JsonRecord, type: string, r: Reporter): void {
  const id = ALERT_SDO_EXTENSION[type] ?? '';
  const extensions = o['extensions'];
  const ext = isRecord(extensions) ? extensions[id] : undefined;
  if (ext === undefined) {
    r.error('required-property', SECTION, `${type} requires extensions[${q(id)}] with extension_type 'new-sdo'`, 'extensions');
  } else if (isRecord(ext) && ext['extension_type'] !== 'new-sdo') {
    r.push('extensions');
    r.push(id);
    r.error('extension', SECTION, `the ${type} extension must have extension_type 'new-sdo'`, 'extension_type');
    r.pop();
    r.pop();
  }
}

function alertSdo(type: string, table: Record<string, Spec>, required: string[], more: (o: JsonRecord, r: Reporter) => void): ObjectDef {
  return {
    name: type,
    section: SECTION,
    category: 'sdo',
    props: props(table),
    required,
    check(o, r) {
      checkDeclared(o, type, r);
      more(o, r);
    },
  };
}

/** A rule: "the same subject sighted by ≥ N organisations in ≥ K countries within W hours". */
export const ALERT_RULE_DEF = alertSdo(
  ALERT_RULE_TYPE,
  {
    name: STRING,
    description: STRING,
    community: COMMUNITY,
    subjects: listOf(vocab(SUBJECT_KIND)),
    // Issue 17: "a rule with N below 2" is bad input: one organisation is not a collective.
    min_organizations: intRange(2, 1_000_000),
    min_countries: intRange(1, 1_000),
    window_hours: FLOAT,
    enabled: BOOLEAN,
  },
  ['name', 'community', 'subjects', 'min_organizations', 'min_countries', 'window_hours', 'enabled'],
  (o, r) => {
    const w = o['window_hours'];
    if (typeof w === 'number' && !(w > 0 && w <= 24 * 366))
      r.error('value-range', SECTION, 'window_hours must be above 0 and at most a year', 'window_hours');
    const subjects = o['subjects'];
    if (Array.isArray(subjects) && subjects.length === 0)
      r.error('empty-list', SECTION, 'subjects must name at least one kind', 'subjects');
  },
);

/** An alert: what was sighted, the sightings that made the rule hold, and what they add up to. */
export const ALERT_DEF = alertSdo(
  ALERT_TYPE,
  {
    rule_ref: refTo('an alert rule', [], true),
    subject_kind: vocab(SUBJECT_KIND),
    subject_key: STRING,
    subject_label: STRING,
    object_refs: listOf(refTo('an SDO or SCO', null, true)),
    sighting_refs: listOf(refTo('a sighting', ['sighting'])),
    organization_count: NON_NEGATIVE,
    countries: listOf(COUNTRY),
    sectors: listOf(STRING),
    first_seen: TIMESTAMP,
    last_seen: TIMESTAMP,
    sighting_count: NON_NEGATIVE,
  },
  [
    'rule_ref',
    'subject_kind',
    'subject_key',
    'object_refs',
    'sighting_refs',
    'organization_count',
    'first_seen',
    'last_seen',
    'sighting_count',
  ],
  (o, r) => {
    const rule = o['rule_ref'];
    if (typeof rule === 'string' && !rule.startsWith(`${ALERT_RULE_TYPE}--`))
      r.error('ref-target-type', SECTION, `rule_ref must refer to an ${ALERT_RULE_TYPE}`, 'rule_ref');
    checkTimeOrder(o, 'first_seen', 'last_seen', false, SECTION, r);
  },
);

/** The alert SDO definitions, for validate.ts's EXTENSION_DEFS. */
export const ALERT_SDO_DEFS: readonly ObjectDef[] = [ALERT_RULE_DEF, ALERT_DEF];
