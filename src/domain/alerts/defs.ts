// The property tables of Concord's two alert SDOs (issue 17, must 4): `x-concord-alert-rule`, a
// community's rule, and `x-concord-alert`, what a rule raised. Both are new SDO types declared by
// extension-definitions (STIX 2.1 §7.3): an object carries extensions[<its definition id>] with
// extension_type 'new-sdo' (§7.3.2.2), and validate.ts checks them like the suite's new SDOs.
import { ALERT_RULE_TYPE, ALERT_TYPE, CONCORD_ALERT_EXTENSION_ID, CONCORD_ALERT_RULE_EXTENSION_ID, RULE_SUBJECTS } from './api.ts';
import { checkTimeOrder } from '../stix/common.ts';
import { COMMUNITY_ID as COMMUNITY, COUNTRY_CODE as COUNTRY, type ConcordSdoDef, concordSdoDef } from '../stix/concord-sdo.ts';
import type { JsonRecord, Reporter } from '../stix/reporter.ts';
import * as s from '../stix/schema.ts';
import type { Spec } from '../stix/schema.ts';
import type { Vocab } from '../stix/vocab.ts';

const { STRING, BOOLEAN, FLOAT, NON_NEGATIVE, TIMESTAMP, listOf, vocab, refTo, intRange } = s;

/** Where a reader finds what these types mean: the extension-definition's schema text. */
const SECTION = 'Concord alert extension';

const SUBJECT_KIND: Vocab = { name: 'concord-rule-subject-enum', section: SECTION, open: false, values: new Set(RULE_SUBJECTS) };

function alertSdo(
  type: string,
  extensionId: string,
  table: Record<string, Spec>,
  required: string[],
  more: (o: JsonRecord, r: Reporter) => void,
): ConcordSdoDef {
  return concordSdoDef({ type, extensionId, section: SECTION }, table, required, more);
}

/** A rule: "the same subject sighted by ≥ N organisations in ≥ K countries within W hours". */
export const ALERT_RULE_DEF = alertSdo(
  ALERT_RULE_TYPE,
  CONCORD_ALERT_RULE_EXTENSION_ID,
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
  CONCORD_ALERT_EXTENSION_ID,
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
export const ALERT_SDO_DEFS: readonly ConcordSdoDef[] = [ALERT_RULE_DEF, ALERT_DEF];
