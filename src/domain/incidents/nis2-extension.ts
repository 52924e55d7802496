// Concord's NIS2 property extension on `incident` (issue 16, must 1): the properties NIS2
// Article 23 reporting needs that neither STIX 2.1 nor the Incident Extension Suite carries. It is
// declared by an extension-definition Concord publishes (concord-markings.ts), and validated like
// every other extension (extension-registry.ts).

import { checkDependency } from '../stix/common.ts';
import { type JsonRecord, type Reporter, q } from '../stix/reporter.ts';
import * as s from '../stix/schema.ts';
import type { StructDef } from '../stix/schema.ts';
import { EU_MEMBER_STATES, NIS2_SECTOR_BY_KEY, isNis2Subsector } from './nis2-sectors.ts';
import { RSIT_BY_CLASSIFICATION, isRsitType } from './rsit.ts';
import { NIS2_SEVERITIES } from './types.ts';

const { STRING, BOOLEAN, TIMESTAMP, props, listOf, refTo, formatted } = s;

/** How issues cite the extension. */
export const NIS2_SECTION = 'Concord NIS2 extension';

/** Clock skew tolerated before a time of becoming aware counts as "in the future". */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

const MEMBER_STATE = formatted('an EU member state (ISO 3166-1 alpha-2, e.g. DE, FR, GR)', (c) => EU_MEMBER_STATES.has(c));
const SEVERITY = formatted(`one of ${NIS2_SEVERITIES.join(', ')}`, (c) => (NIS2_SEVERITIES as readonly string[]).includes(c));

function checkNis2(o: JsonRecord, r: Reporter, now: number = Date.now()): void {
  const sector = o['sector'];
  if (typeof sector === 'string' && !NIS2_SECTOR_BY_KEY.has(sector)) {
    r.error('closed-vocabulary', 'NIS2 Annex I/II', `${q(sector)} is not a sector of NIS2 Annex I or II`, 'sector');
  }
  const subsector = o['subsector'];
  checkDependency(o, 'subsector', 'sector', NIS2_SECTION, r);
  if (
    typeof sector === 'string' &&
    typeof subsector === 'string' &&
    NIS2_SECTOR_BY_KEY.has(sector) &&
    !isNis2Subsector(sector, subsector)
  ) {
    r.error('closed-vocabulary', 'NIS2 Annex I/II', `${q(subsector)} is not a subsector of ${q(sector)}`, 'subsector');
  }
  const rsit = o['rsit_classification'];
  const rsitType = o['rsit_type'];
  checkDependency(o, 'rsit_type', 'rsit_classification', NIS2_SECTION, r);
  if (typeof rsit === 'string' && !RSIT_BY_CLASSIFICATION.has(rsit)) {
    r.error('closed-vocabulary', 'ENISA RSIT', `${q(rsit)} is not an RSIT classification`, 'rsit_classification');
  } else if (typeof rsit === 'string' && typeof rsitType === 'string' && !isRsitType(rsit, rsitType)) {
    r.error('closed-vocabulary', 'ENISA RSIT', `${q(rsitType)} is not an incident type of RSIT ${q(rsit)}`, 'rsit_type');
  }
  const aware = o['aware_at'];
  if (typeof aware === 'string') {
    const t = Date.parse(aware);
    if (Number.isFinite(t) && t > now + FUTURE_SKEW_MS) {
      r.error('timestamp-order', NIS2_SECTION, 'aware_at (time of becoming aware) must not be in the future', 'aware_at');
    }
  }
  const handled = o['handled_at'];
  if (typeof handled === 'string') {
    const t = Date.parse(handled);
    if (Number.isFinite(t) && t > now + FUTURE_SKEW_MS) {
      r.error('timestamp-order', NIS2_SECTION, 'handled_at must not be in the future', 'handled_at');
    }
    if (typeof aware === 'string' && Number.isFinite(t) && t < Date.parse(aware)) {
      r.error('timestamp-order', NIS2_SECTION, 'handled_at must not be before aware_at', 'handled_at');
    }
  }
  const states = o['member_states_affected'];
  if (Array.isArray(states) && new Set(states).size !== states.length) {
    r.error('value-format', NIS2_SECTION, 'member_states_affected must not repeat a member state', 'member_states_affected');
  }
}

/** The content of `incident.extensions[CONCORD_NIS2_EXTENSION_ID]`. */
export const NIS2_EXTENSION: StructDef = {
  name: 'the Concord NIS2 extension',
  section: NIS2_SECTION,
  props: props({
    extension_type: STRING,
    aware_at: TIMESTAMP,
    affected_entity_ref: refTo('an identity', ['identity']),
    sector: STRING,
    subsector: STRING,
    member_states_affected: listOf(MEMBER_STATE),
    significant: BOOLEAN,
    suspected_unlawful_or_malicious: BOOLEAN,
    cross_border_impact: BOOLEAN,
    rsit_classification: STRING,
    rsit_type: STRING,
    severity: SEVERITY,
    handled_at: TIMESTAMP,
    coordinator_ref: refTo('an identity', ['identity']),
  }),
  required: ['extension_type', 'aware_at'],
  check: (o, r) => checkNis2(o, r),
};

/** The `schema` text of the extension-definition (STIX 2.1 §7.3: a URL or a description). */
export const NIS2_EXTENSION_SCHEMA = [
  'Property extension of incident objects carrying what NIS2 (Directive (EU) 2022/2555) Article 23 reporting needs. Properties:',
  'aware_at (timestamp, required): when the entity became aware of the incident; not in the future.',
  'affected_entity_ref (identifier of an identity): the essential or important entity affected.',
  'sector, subsector (string): NIS2 Annex I/II sector and subsector keys, e.g. energy/electricity, transport/air, health, manufacturing/medical-devices-manufacturing (the MISP nis2 taxonomy names).',
  'member_states_affected (list of string): ISO 3166-1 alpha-2 codes of EU member states.',
  'significant, suspected_unlawful_or_malicious, cross_border_impact (boolean): Article 23(3) and 23(4)(a).',
  'rsit_classification, rsit_type (string): ENISA Reference Security Incident Taxonomy machine names, e.g. malicious-code/infected-system.',
  `severity (string): one of ${NIS2_SEVERITIES.join(', ')}.`,
  'handled_at (timestamp): when the incident was handled (Art. 23(4)(e)); not in the future, not before aware_at.',
  'coordinator_ref (identifier of an identity): the organisation coordinating the incident after a handover.',
].join('\n');
