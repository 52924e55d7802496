// Concord's NIS2 report extension on `report` (issue 16, must 4): which NIS2 Article 23 stage a
// report is and what it says, in the snake_case of ReportContent (reports.ts). Declared by an
// extension-definition Concord publishes (concord-markings.ts) and validated like every other
// extension (extension-registry.ts). The report's object_refs name the incident first;
// `published` is when it was submitted.

import { checkDependency } from '../stix/common.ts';
import { type JsonRecord, type Reporter, q } from '../stix/reporter.ts';
import * as s from '../stix/schema.ts';
import type { StructDef } from '../stix/schema.ts';
import type { ReportContent, ReportStage } from './reports.ts';
import { NIS2_SEVERITIES, type Nis2ReportExtension } from './types.ts';

const { STRING, BOOLEAN, NON_NEGATIVE, props, listOf, refTo, formatted } = s;

export const REPORT_SECTION = 'Concord NIS2 report extension';

/** The stages a report may be, in Article 23(4) order. */
export const REPORT_STAGES: readonly ReportStage[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];

const STAGE = formatted(`one of ${REPORT_STAGES.join(', ')}`, (c) => (REPORT_STAGES as readonly string[]).includes(c));
const SEVERITY = formatted(`one of ${NIS2_SEVERITIES.join(', ')}`, (c) => (NIS2_SEVERITIES as readonly string[]).includes(c));

/** ReportContent's fields and the extension's properties, one for one. */
export const REPORT_FIELDS: Readonly<Record<keyof ReportContent, keyof Nis2ReportExtension>> = {
  summary: 'summary',
  suspectedMalicious: 'suspected_malicious',
  crossBorderImpact: 'cross_border_impact',
  crossBorderDescription: 'cross_border_description',
  initialAssessment: 'initial_assessment',
  severity: 'severity',
  impact: 'impact',
  indicatorRefs: 'indicator_refs',
  statusUpdate: 'status_update',
  detailedDescription: 'detailed_description',
  rootCause: 'root_cause',
  mitigationApplied: 'mitigation_applied',
  mitigationOngoing: 'mitigation_ongoing',
};

function checkReport(o: JsonRecord, r: Reporter): void {
  // Art. 23(4)(c): an intermediate report answers one of the CSIRT's requests.
  if (o['stage'] === 'intermediate' && o['request'] === undefined)
    r.error('required-property', REPORT_SECTION, "an intermediate report requires 'request' (which CSIRT request it answers)", 'request');
  if (o['request'] !== undefined && o['stage'] !== 'intermediate')
    r.error('property-dependency', REPORT_SECTION, `'request' belongs to intermediate reports, not ${q(String(o['stage']))}`, 'request');
  checkDependency(o, 'cross_border_description', 'cross_border_impact', REPORT_SECTION, r);
}

/** The content of `report.extensions[CONCORD_NIS2_REPORT_EXTENSION_ID]`. */
export const NIS2_REPORT_EXTENSION: StructDef = {
  name: 'the Concord NIS2 report extension',
  section: REPORT_SECTION,
  props: props({
    extension_type: STRING,
    stage: STAGE,
    request: NON_NEGATIVE,
    summary: STRING,
    suspected_malicious: BOOLEAN,
    cross_border_impact: BOOLEAN,
    cross_border_description: STRING,
    initial_assessment: STRING,
    severity: SEVERITY,
    impact: STRING,
    indicator_refs: listOf(refTo('an indicator or observable', null)),
    status_update: STRING,
    detailed_description: STRING,
    root_cause: STRING,
    mitigation_applied: STRING,
    mitigation_ongoing: STRING,
  }),
  required: ['extension_type', 'stage'],
  check: checkReport,
};

/** The `schema` text of the extension-definition (STIX 2.1 §7.3). */
export const NIS2_REPORT_EXTENSION_SCHEMA = [
  'Property extension of report objects: a report an essential or important entity submits to its CSIRT under NIS2 (Directive (EU) 2022/2555) Article 23(4).',
  "The report's object_refs name the incident first, then indicators; published is the time of submission. Properties:",
  `stage (string, required): one of ${REPORT_STAGES.join(', ')}.`,
  'request (integer >= 0): for an intermediate report, the index of the CSIRT request it answers (Art. 23(4)(c)); required then, absent otherwise.',
  'summary, initial_assessment, impact, status_update, detailed_description, root_cause, mitigation_applied, mitigation_ongoing, cross_border_description (string).',
  'suspected_malicious, cross_border_impact (boolean): Art. 23(4)(a).',
  `severity (string): one of ${NIS2_SEVERITIES.join(', ')}.`,
  'indicator_refs (list of identifier): indicators of compromise, where available (Art. 23(4)(b)).',
].join('\n');
