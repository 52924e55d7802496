// What each NIS2 report must say (issue 16, must 4), pure: Article 23(4) names the content of the
// early warning, the incident notification, the final report and the progress report; an
// intermediate report gives "relevant status updates". A submission that lacks what its stage
// requires is refused naming every missing field, and a new report starts from what the incident
// and the earlier reports already say.
import type { Stage } from './clocks.ts';

/** The stages an entity submits (the CSIRT's answer is not a report). */
export type ReportStage = Exclude<Stage, 'csirt-response'>;

/** The content of a report; which fields a stage requires is REQUIREMENTS'. */
export interface ReportContent {
  /** What happened, in the entity's words. */
  summary?: string;
  /** Art. 23(4)(a): suspected of being caused by unlawful or malicious acts. */
  suspectedMalicious?: boolean;
  /** Art. 23(4)(a), (d)(iv): could have, or has, a cross-border impact. */
  crossBorderImpact?: boolean;
  /** Art. 23(4)(d)(iv): the cross-border impact, where there is one. */
  crossBorderDescription?: string;
  /** Art. 23(4)(b): the initial assessment. */
  initialAssessment?: string;
  /** Art. 23(4)(b), (d)(i). */
  severity?: string;
  impact?: string;
  /** Art. 23(4)(b): "where available"; STIX ids of indicators and observables. */
  indicatorRefs?: string[];
  /** Art. 23(4)(c), (e): the status update. */
  statusUpdate?: string;
  /** Art. 23(4)(d)(i): the detailed description. */
  detailedDescription?: string;
  /** Art. 23(4)(d)(ii): the type of threat or root cause likely to have triggered the incident. */
  rootCause?: string;
  /** Art. 23(4)(d)(iii). */
  mitigationApplied?: string;
  mitigationOngoing?: string;
}

export type ReportField = keyof ReportContent;

interface Requirement {
  field: ReportField;
  /** The provision that requires it. */
  rule: string;
  /** Only required when the condition holds of the report (cross-border detail "where applicable"). */
  when?: (r: ReportContent) => boolean;
}

const A = 'NIS2 Art. 23(4)(a)';
const B = 'NIS2 Art. 23(4)(b)';
const D = 'NIS2 Art. 23(4)(d)';
const crossBorder = (r: ReportContent): boolean => r.crossBorderImpact === true;

/** What each stage must contain. */
export const REQUIREMENTS: Readonly<Record<ReportStage, readonly Requirement[]>> = {
  'early-warning': [
    { field: 'summary', rule: A },
    { field: 'suspectedMalicious', rule: A },
    { field: 'crossBorderImpact', rule: A },
  ],
  notification: [
    { field: 'summary', rule: B },
    { field: 'suspectedMalicious', rule: `${B}, updating (a)` },
    { field: 'crossBorderImpact', rule: `${B}, updating (a)` },
    { field: 'initialAssessment', rule: B },
    { field: 'severity', rule: B },
    { field: 'impact', rule: B },
  ],
  intermediate: [{ field: 'statusUpdate', rule: 'NIS2 Art. 23(4)(c)' }],
  progress: [
    { field: 'statusUpdate', rule: 'NIS2 Art. 23(4)(e)' },
    { field: 'mitigationOngoing', rule: 'NIS2 Art. 23(4)(e)' },
  ],
  final: [
    { field: 'detailedDescription', rule: `${D}(i)` },
    { field: 'severity', rule: `${D}(i)` },
    { field: 'impact', rule: `${D}(i)` },
    { field: 'rootCause', rule: `${D}(ii)` },
    { field: 'mitigationApplied', rule: `${D}(iii)` },
    { field: 'mitigationOngoing', rule: `${D}(iii)` },
    { field: 'crossBorderImpact', rule: `${D}(iv)` },
    { field: 'crossBorderDescription', rule: `${D}(iv), where applicable`, when: crossBorder },
  ],
};

/** One missing field of a submission. */
export interface MissingField {
  field: ReportField;
  rule: string;
  message: string;
}

function present(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  return true;
}

/** Every field `stage` requires that `report` lacks (blank text counts as missing). */
export function missingFields(stage: ReportStage, report: ReportContent): MissingField[] {
  return REQUIREMENTS[stage]
    .filter((req) => (req.when === undefined || req.when(report)) && !present(report[req.field]))
    .map((req) => ({ field: req.field, rule: req.rule, message: `the ${stage} report must give ${req.field} (${req.rule})` }));
}

/**
 * The starting content of a new `stage` report: what the earlier reports said (the latest
 * saying wins), so the entity updates rather than retypes (Art. 23(4)(b) "update the
 * information referred to in point (a)"). Status updates are not carried: each is new.
 */
export function prefill(stage: ReportStage, earlier: readonly ReportContent[]): ReportContent {
  const out: ReportContent = {};
  const carried = new Set<ReportField>(Object.values(REQUIREMENTS).flatMap((reqs) => reqs.map((r) => r.field)));
  carried.delete('statusUpdate');
  for (const report of earlier) {
    for (const field of carried) {
      const v = report[field];
      if (present(v)) Object.assign(out, { [field]: v });
    }
  }
  // A final report starts its detailed description from the last summary given.
  if (stage === 'final' && out.detailedDescription === undefined && out.summary !== undefined) out.detailedDescription = out.summary;
  return out;
}
