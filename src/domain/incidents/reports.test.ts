// What each NIS2 report must say (issue 16, must 4).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { missingFields, prefill, REQUIREMENTS, type ReportStage } from './reports.ts';

describe('NIS2 report content', () => {
  test('an empty early warning names each field Article 23(4)(a) asks for', () => {
    assert.deepEqual(
      missingFields('early-warning', {}).map((m) => [m.field, m.rule]),
      [
        ['summary', 'NIS2 Art. 23(4)(a)'],
        ['suspectedMalicious', 'NIS2 Art. 23(4)(a)'],
        ['crossBorderImpact', 'NIS2 Art. 23(4)(a)'],
      ],
    );
  });

  test('"no" is an answer, blank text is not', () => {
    const missing = missingFields('early-warning', { summary: '  ', suspectedMalicious: false, crossBorderImpact: false });
    assert.deepEqual(
      missing.map((m) => m.field),
      ['summary'],
    );
  });

  test('the final report asks for the cross-border impact only where there is one', () => {
    const final = {
      detailedDescription: 'Ransomware on the SCADA historian',
      severity: 'high',
      impact: 'Six hours without telemetry',
      rootCause: 'Phishing',
      mitigationApplied: 'Rebuilt from backup',
      mitigationOngoing: 'MFA roll-out',
      crossBorderImpact: false,
    };
    assert.deepEqual(missingFields('final', final), []);
    assert.deepEqual(
      missingFields('final', { ...final, crossBorderImpact: true }).map((m) => m.field),
      ['crossBorderDescription'],
    );
  });

  test('every stage has requirements, each citing Article 23', () => {
    for (const stage of Object.keys(REQUIREMENTS) as ReportStage[]) {
      assert.ok(REQUIREMENTS[stage].length > 0, stage);
      for (const r of REQUIREMENTS[stage]) assert.match(r.rule, /^NIS2 Art\. 23\(4\)/);
    }
  });

  test('a notification starts from the early warning; the latest saying wins; status updates are not carried', () => {
    const start = prefill('notification', [
      { summary: 'Outage at substation', suspectedMalicious: false, crossBorderImpact: false, statusUpdate: 'x' },
      { suspectedMalicious: true },
    ]);
    assert.deepEqual(start, { summary: 'Outage at substation', suspectedMalicious: true, crossBorderImpact: false });
    assert.equal(prefill('final', [{ summary: 'Outage' }]).detailedDescription, 'Outage');
  });
});
