// The fields of a NIS2 report as people read them (issue 16, must 4): a label for every field of
// ReportContent, in the order the Directive lists them (Art. 23(4)(a)–(e)), and which of them a
// stage requires (REQUIREMENTS, with the provision that requires it).
import type { ReportContent, ReportStage } from '../../api/incidents.ts';
import { REQUIREMENTS } from '../../../../src/domain/incidents/reports.ts';

export type ReportField = keyof ReportContent;

export const REPORT_FIELDS: readonly { field: ReportField; label: string; kind: 'text' | 'yesno' | 'refs' | 'severity' }[] = [
  { field: 'summary', label: 'Summary', kind: 'text' },
  { field: 'suspectedMalicious', label: 'Suspected unlawful or malicious', kind: 'yesno' },
  { field: 'crossBorderImpact', label: 'Cross-border impact', kind: 'yesno' },
  { field: 'crossBorderDescription', label: 'The cross-border impact', kind: 'text' },
  { field: 'initialAssessment', label: 'Initial assessment', kind: 'text' },
  { field: 'severity', label: 'Severity', kind: 'severity' },
  { field: 'impact', label: 'Impact', kind: 'text' },
  { field: 'indicatorRefs', label: 'Indicators of compromise', kind: 'refs' },
  { field: 'statusUpdate', label: 'Status update', kind: 'text' },
  { field: 'detailedDescription', label: 'Detailed description', kind: 'text' },
  { field: 'rootCause', label: 'Type of threat or root cause', kind: 'text' },
  { field: 'mitigationApplied', label: 'Mitigation applied', kind: 'text' },
  { field: 'mitigationOngoing', label: 'Mitigation ongoing', kind: 'text' },
];

export const LABEL_OF: ReadonlyMap<string, string> = new Map(REPORT_FIELDS.map((f) => [f.field, f.label]));

/** The provision requiring `field` of `stage`, or undefined when the stage does not require it. */
export function ruleOf(stage: ReportStage, field: ReportField): string | undefined {
  return REQUIREMENTS[stage].find((r) => r.field === field)?.rule;
}

/** The fields a stage's form shows: those it requires, then the others it may carry. Every stage
 *  may say anything; the intermediate and progress reports show their own fields first. */
export function fieldsOf(stage: ReportStage): typeof REPORT_FIELDS {
  const required = new Set<string>(REQUIREMENTS[stage].map((r) => r.field));
  return [...REPORT_FIELDS.filter((f) => required.has(f.field)), ...REPORT_FIELDS.filter((f) => !required.has(f.field))];
}

/** A field's value as the printed report shows it. */
export function valueText(content: ReportContent, field: ReportField): string {
  const v = content[field];
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  return String(v);
}
