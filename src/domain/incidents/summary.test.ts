// The quarterly summary for ENISA (NIS2 Art. 23(9); issue 16, must 8).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clocks } from './clocks.ts';
import { quarterOf, quarterlySummary, summaryCsv, type SummaryFacts } from './summary.ts';

const now = new Date('2026-07-15T00:00:00Z');
const incident = (awareAt: string, extra: Partial<SummaryFacts> = {}): SummaryFacts => ({
  awareAt,
  significant: true,
  sector: 'energy/electricity',
  rsitClass: 'malicious-code',
  severity: 'high',
  crossBorderImpact: false,
  clocks: clocks({ awareAt, trustServiceProvider: false, earlyWarningAt: awareAt }, now),
  ...extra,
});

describe('quarterly summary', () => {
  test('counts the quarter only, by each dimension, with unknowns named', () => {
    const { from, to } = quarterOf(new Date('2026-05-10T00:00:00Z'));
    assert.deepEqual([from, to], ['2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z']);
    const s = quarterlySummary(
      [
        incident('2026-04-02T10:00:00Z'),
        incident('2026-06-30T23:59:59Z', { sector: null, crossBorderImpact: true, significant: false }),
        incident('2026-07-01T00:00:00Z'),
      ],
      from,
      to,
    );
    assert.equal(s.incidents, 2);
    assert.equal(s.significant, 1);
    assert.deepEqual(s.bySector, { 'energy/electricity': 1, unknown: 1 });
    assert.deepEqual(s.crossBorder, { no: 1, yes: 1 });
    assert.deepEqual(s.timeliness['early-warning'], { 'submitted-on-time': 2 });
    assert.deepEqual(s.timeliness.notification, { overdue: 2 });
  });

  test('each dimension adds up to the number of incidents, and nothing but counts and codes leaves', () => {
    const arb = fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 200 }),
        sector: fc.option(fc.constantFrom('energy/electricity', 'transport/air', 'health'), { nil: null }),
        severity: fc.option(fc.constantFrom('low', 'high'), { nil: null }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (items) => {
        const facts = items.map((i) =>
          incident(new Date(Date.UTC(2026, 0, 1) + i.day * 86_400_000).toISOString(), { sector: i.sector, severity: i.severity }),
        );
        const s = quarterlySummary(facts, '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z');
        const sum = (t: Record<string, number>): number => Object.values(t).reduce((a, b) => a + b, 0);
        for (const t of [s.bySector, s.byRsitClass, s.bySeverity, s.crossBorder]) assert.equal(sum(t), s.incidents);
        assert.doesNotMatch(JSON.stringify(s), /--/, 'no STIX id in the summary');
      }),
    );
  });

  test('CSV: one row per dimension and value', () => {
    const csv = summaryCsv(quarterlySummary([incident('2026-04-02T10:00:00Z')], '2026-04-01T00:00:00Z', '2026-07-01T00:00:00Z'));
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'dimension,value,count');
    assert.ok(lines.includes('sector,energy/electricity,1'));
    assert.ok(lines.includes('timeliness:early-warning,submitted-on-time,1'));
  });
});
