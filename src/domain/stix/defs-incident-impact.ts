// The impact object's category extensions (Incident Extension Suite §2.3.2.1–§2.3.2.7) and the
// rules tying them to impact_category (§2.3, §2.3.2). (issue 16, must 1)

import { checkDependency } from './common.ts';
import { SCORE_0_100 } from './defs-incident.ts';
import { isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';
import * as s from './schema.ts';
import type { StructDef } from './schema.ts';
import * as v from './vocab-incident.ts';
import { suite } from './vocab-incident.ts';

const { STRING, FLOAT, TIMESTAMP, NON_NEGATIVE, props, vocab } = s;
const NON_NEGATIVE_NUMBER = { k: 'float', min: 0 } as const;

/** "This value MUST be included if <enum> is not none" (§2.3.2.2, §2.3.2.4, §2.3.2.6). */
function unlessNone(needed: string, enumProp: string, section: string) {
  return (o: JsonRecord, r: Reporter): void => {
    const value = o[enumProp];
    if (value !== undefined && value !== 'none' && o[needed] === undefined) {
      r.error('required-property', section, `${needed} is required when ${enumProp} is not 'none'`, needed);
    }
  };
}

function ext(name: string, n: string, table: Record<string, s.Spec>, required: string[], check?: StructDef['check']): StructDef {
  const base = { name, section: suite(n), props: props(table), required };
  return check === undefined ? base : { ...base, check };
}

const S_ECONOMIC = suite('2.3.2.5');

// §2.3.2.5: conversion_rate goes with currency_actual both ways and needs conversion_time;
// currency_actual needs currency; min_amount needs currency and max_amount; max ≥ min. The .adoc
// also says min_amount "MUST be included if the max_amount property is included", but that text
// is a copy of max_amount's (it calls min_amount "the maximum economic amount") and the schema's
// dependentRequired, which writes the other dependencies down, leaves it out: an upper bound
// alone is accepted.
function checkEconomic(o: JsonRecord, r: Reporter): void {
  checkDependency(o, 'conversion_rate', 'currency_actual', S_ECONOMIC, r);
  checkDependency(o, 'currency_actual', 'conversion_rate', S_ECONOMIC, r);
  checkDependency(o, 'conversion_rate', 'conversion_time', S_ECONOMIC, r);
  checkDependency(o, 'currency_actual', 'currency', S_ECONOMIC, r);
  checkDependency(o, 'min_amount', 'currency', S_ECONOMIC, r);
  checkDependency(o, 'min_amount', 'max_amount', S_ECONOMIC, r);
  const min = o['min_amount'];
  const max = o['max_amount'];
  if (typeof min === 'number' && typeof max === 'number' && max < min) {
    r.error('value-range', S_ECONOMIC, 'max_amount must be greater than or equal to min_amount', 'max_amount');
  }
  const rate = o['conversion_rate'];
  if (typeof rate === 'number' && rate <= 0)
    r.error('value-range', S_ECONOMIC, 'conversion_rate must be greater than zero', 'conversion_rate');
}

/** The seven category extensions, keyed by their `-ext` name. */
export const IMPACT_EXTENSIONS: ReadonlyMap<string, StructDef> = new Map([
  ['availability-ext', ext('availability-ext', '2.3.2.1', { availability_impact: SCORE_0_100 }, ['availability_impact'])],
  [
    'confidentiality-ext',
    ext(
      'confidentiality-ext',
      '2.3.2.2',
      {
        loss_type: vocab(v.CONFIDENTIALITY_LOSS),
        information_type: vocab(v.INFORMATION_TYPE),
        record_count: NON_NEGATIVE,
        record_size: NON_NEGATIVE,
      },
      ['loss_type'],
      unlessNone('information_type', 'loss_type', suite('2.3.2.2')),
    ),
  ],
  ['external-ext', ext('external-ext', '2.3.2.3', { impact_type: vocab(v.EXTERNAL_IMPACT) }, ['impact_type'])],
  [
    'integrity-ext',
    ext(
      'integrity-ext',
      '2.3.2.4',
      {
        alteration: vocab(v.INTEGRITY_ALTERATION),
        information_type: vocab(v.INFORMATION_TYPE),
        record_count: NON_NEGATIVE,
        record_size: NON_NEGATIVE,
      },
      ['alteration'],
      unlessNone('information_type', 'alteration', suite('2.3.2.4')),
    ),
  ],
  [
    'economic-ext',
    ext(
      'economic-ext',
      '2.3.2.5',
      {
        variety: vocab(v.ECONOMIC_IMPACT_TYPE),
        conversion_rate: FLOAT,
        conversion_time: TIMESTAMP,
        currency: STRING,
        currency_actual: STRING,
        // The .adoc says "greater than zero", the schema "minimum 0": both are accepted.
        max_amount: NON_NEGATIVE_NUMBER,
        min_amount: NON_NEGATIVE_NUMBER,
      },
      ['variety'],
      checkEconomic,
    ),
  ],
  [
    'physical-ext',
    ext(
      'physical-ext',
      '2.3.2.6',
      { impact_type: vocab(v.PHYSICAL_IMPACT), asset_type: vocab(v.ASSET_TYPE) },
      ['impact_type'],
      unlessNone('asset_type', 'impact_type', suite('2.3.2.6')),
    ),
  ],
  ['traceability-ext', ext('traceability-ext', '2.3.2.7', { traceability_impact: vocab(v.TRACEABILITY) }, ['traceability_impact'])],
]);

/** Impact categories: the extension names without "-ext" (§2.3: impact_category has no suffix). */
export const IMPACT_CATEGORIES: ReadonlySet<string> = new Set([...IMPACT_EXTENSIONS.keys()].map((k) => k.slice(0, -4)));

const S2_3 = suite('2.3');

/** §2.3 and §2.3.2: category and extension agree; superseded impacts have ended. */
export function checkImpact(o: JsonRecord, r: Reporter): void {
  if (o['superseded_by_ref'] !== undefined && o['end_time'] === undefined) {
    r.error('property-dependency', S2_3, 'an impact with superseded_by_ref must have an end_time', 'end_time');
  }
  const category = o['impact_category'];
  if (typeof category === 'string' && category.endsWith('-ext')) {
    r.error(
      'value-format',
      S2_3,
      `impact_category must be given without the "-ext" suffix: ${q(category.slice(0, -4))}`,
      'impact_category',
    );
  } else if (typeof category === 'string' && !IMPACT_CATEGORIES.has(category)) {
    // §2.3.2: "additional extensions might be proposed in the future": an unknown category is kept.
    r.warn(
      'open-vocabulary',
      suite('2.3.2'),
      `${q(category)} is not one of the impact categories ${[...IMPACT_CATEGORIES].join(', ')}`,
      'impact_category',
    );
  }
  const extensions = o['extensions'];
  if (!isRecord(extensions)) return;
  for (const key in extensions) {
    if (!IMPACT_EXTENSIONS.has(key)) continue;
    const named = key.slice(0, -4);
    if (category === undefined) {
      // §2.3.2: "If one of the defined extensions is used it MUST correspond to the value of the
      // impact_category property"; an absent category cannot disagree, so this only warns.
      r.warn('property-dependency', suite('2.3.2'), `impact_category should be ${q(named)} since ${key} is used`, 'impact_category');
    } else if (category !== named) {
      r.error(
        'property-conflict',
        suite('2.3.2'),
        `${key} does not correspond to impact_category ${q(String(category))}`,
        'impact_category',
      );
    }
  }
}
