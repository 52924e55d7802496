// The suite's task (§2.4) and impact (§2.3, its category extensions §2.3.2) reject what their
// rules forbid, naming the JSON path, the rule and the section (issue 16, must 1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVENT_ID, IMPACT_ID, TASK_ID, T, accepts, impact, rejects, task } from './fixtures-incident.ts';
import type { JsonObject } from './types.ts';
import { validateObject } from './validate.ts';

test('task: outcome, priority, next_task_refs and entity counts (§2.4, §3.1)', () => {
  accepts(
    task({ priority: 30, due_date: T, next_task_refs: [TASK_ID], affected_entity_counts: { individual: 0 }, task_types: ['containment'] }),
  );
  const missing = task();
  delete missing['outcome'];
  rejects(missing, '$.outcome', 'required-property', 'Incident Extension Suite §2.4');
  rejects(task({ outcome: 'done' }), '$.outcome', 'closed-vocabulary', 'Incident Extension Suite §5.7');
  rejects(task({ priority: -1 }), '$.priority', 'value-range', 'Incident Extension Suite §2.4');
  rejects(task({ next_task_refs: [EVENT_ID] }), '$.next_task_refs[0]', 'ref-target-type', 'Incident Extension Suite §2.4');
  rejects(
    task({ affected_entity_counts: { individual: -3 } }),
    '$.affected_entity_counts.individual',
    'value-range',
    'Incident Extension Suite §2.4',
  );
});

test('impact: category extensions, their enumerations and dependencies (§2.3, §2.3.2)', () => {
  const conf = (ext: JsonObject, category = 'confidentiality') =>
    impact({ impact_category: category, extensions: { 'confidentiality-ext': ext } });
  accepts(conf({ loss_type: 'none' }));
  accepts(
    impact({ impact_category: 'traceability', extensions: { 'traceability-ext': { traceability_impact: 'unknown-accountability' } } }),
  );
  rejects(
    conf({ information_type: 'pii' }),
    "$.extensions['confidentiality-ext'].loss_type",
    'required-property',
    'Incident Extension Suite §2.3.2.2',
  );
  rejects(
    conf({ loss_type: 'leaked', information_type: 'pii' }),
    "$.extensions['confidentiality-ext'].loss_type",
    'closed-vocabulary',
    'Incident Extension Suite §5.2',
  );
  rejects(
    conf({ loss_type: 'confirmed-loss' }),
    "$.extensions['confidentiality-ext'].information_type",
    'required-property',
    'Incident Extension Suite §2.3.2.2',
  );
  rejects(conf({ loss_type: 'none' }, 'integrity'), '$.impact_category', 'property-conflict', 'Incident Extension Suite §2.3.2');
  rejects(impact({ superseded_by_ref: IMPACT_ID }), '$.end_time', 'property-dependency', 'Incident Extension Suite §2.3');
  rejects(impact({ superseded_by_ref: TASK_ID, end_time: T }), '$.superseded_by_ref', 'ref-target-type', 'Incident Extension Suite §2.3');
  rejects(impact({ sub_impact_refs: [EVENT_ID] }), '$.sub_impact_refs[0]', 'ref-target-type', 'Incident Extension Suite §2.3');
  rejects(
    impact({ impact_category: 'availability', extensions: { 'availability-ext': { availability_impact: 120 } } }),
    "$.extensions['availability-ext'].availability_impact",
    'value-range',
    'Incident Extension Suite §2.3.2.1',
  );
  const economic = (ext: JsonObject) =>
    impact({ impact_category: 'economic', extensions: { 'economic-ext': { variety: 'ransom-demand', ...ext } } });
  accepts(
    economic({ currency: 'EUR', min_amount: 1000, max_amount: 5000, currency_actual: 'BTC', conversion_rate: 60000, conversion_time: T }),
  );
  rejects(
    economic({ currency: 'EUR', currency_actual: 'BTC' }),
    "$.extensions['economic-ext'].currency_actual",
    'property-dependency',
    'Incident Extension Suite §2.3.2.5',
  );
  rejects(
    economic({ currency: 'EUR', min_amount: 9 }),
    "$.extensions['economic-ext'].min_amount",
    'property-dependency',
    'Incident Extension Suite §2.3.2.5',
  );
  rejects(
    economic({ conversion_rate: 1.1, conversion_time: T }),
    "$.extensions['economic-ext'].conversion_rate",
    'property-dependency',
    'Incident Extension Suite §2.3.2.5',
  );
  accepts(economic({ currency: 'EUR', max_amount: 5000 }));
  rejects(
    economic({ currency: 'EUR', min_amount: 9, max_amount: 5 }),
    "$.extensions['economic-ext'].max_amount",
    'value-range',
    'Incident Extension Suite §2.3.2.5',
  );
  const future = validateObject(impact({ impact_category: 'reputational' }));
  assert.equal(future.ok, true, 'a category the suite may add later is kept');
  assert.deepEqual(
    future.issues.map((i) => [i.path, i.rule]),
    [['$.impact_category', 'open-vocabulary']],
  );
  // The draft's older monetary-ext is not an impact extension; ingest upgrades it (upgrade-incident.ts).
  rejects(
    impact({ extensions: { 'monetary-ext': { variety: 'ransom-demand' } } }),
    "$.extensions['monetary-ext']",
    'extension',
    'STIX 2.1 §11.3',
  );
});
