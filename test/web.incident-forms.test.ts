// The incident forms' pure helpers (issue 16, must 4 and 9): a refusal's fields mapped to the
// form's fields (a report's missing fields at their field, with the rule), times typed in UTC,
// the banner read from the incident's marking text, and what each report stage requires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../web/src/api/client.ts';
import { bannerOfMarking } from '../web/src/screens/incidents/banner.ts';
import { problemFields } from '../web/src/screens/incidents/problem.ts';
import { fieldsOf, ruleOf, valueText } from '../web/src/screens/incidents/report-fields.ts';
import { fromInput, toInput } from '../web/src/screens/incidents/times.ts';

test('a report refused for missing fields names each at its field, with the rule requiring it', () => {
  const e = new ApiError(422, 'REPORT_INCOMPLETE', 'the notification report is missing impact, severity', {
    field: 'impact',
    errors: [
      { field: 'impact', rule: 'NIS2 Art. 23(4)(b)', message: 'the notification report must give impact' },
      { field: 'content.severity', rule: 'NIS2 Art. 23(4)(b)', message: 'the notification report must give severity (NIS2 Art. 23(4)(b))' },
    ],
  });
  assert.deepEqual(
    [...problemFields(e, 'content')],
    [
      ['impact', 'the notification report must give impact (NIS2 Art. 23(4)(b))'],
      ['severity', 'the notification report must give severity (NIS2 Art. 23(4)(b))'],
    ],
  );
});

test('a schema error names the property by its path; a named field is kept beside a validator’s issues', () => {
  const schema = new ApiError(400, 'INVALID_INPUT', 'body must have required property', {
    errors: [{ path: '/content', message: 'must have required property', params: { missingProperty: 'summary' } }],
  });
  assert.deepEqual([...problemFields(schema, 'content')], [['summary', 'must have required property']]);
  const named = new ApiError(400, 'INVALID_INPUT', 'awareAt: must not be in the future', {
    field: 'awareAt',
    issues: [{ path: '$.extensions.x.aware_at', message: 'in the future' }],
  });
  assert.equal(problemFields(named).get('awareAt'), 'awareAt: must not be in the future');
  assert.equal(problemFields(new Error('network')).size, 0);
});

test('times are typed as yyyy-mm-dd HH:MM in UTC and sent as ISO 8601', () => {
  assert.equal(fromInput('2026-12-07 10:00'), '2026-12-07T10:00:00.000Z');
  assert.equal(fromInput('2026-12-07T10:00:30Z'), '2026-12-07T10:00:30.000Z');
  assert.equal(fromInput(' '), '');
  assert.equal(fromInput('07/12/2026 10:00'), '07/12/2026 10:00', 'not a time: kept as typed, for the check to name');
  assert.equal(fromInput('2026-02-30 10:00'), '2026-02-30 10:00', 'an impossible day is not rolled over');
  assert.equal(toInput('2026-12-07T10:00:00.000Z'), '2026-12-07 10:00');
  assert.equal(toInput(''), '');
});

test("the banner is read from the incident's marking text", () => {
  assert.deepEqual(bannerOfMarking('TLP:AMBER+STRICT'), { tlp: 'amber+strict', classifications: [], releasableTo: [], restricted: false });
  assert.deepEqual(bannerOfMarking('TLP:RED NATO SECRET')?.classifications, ['NATO SECRET']);
  assert.equal(bannerOfMarking(undefined), undefined);
});

test('each stage lists the fields Article 23(4) requires first, with the provision', () => {
  const early = fieldsOf('early-warning').map((f) => f.field);
  assert.deepEqual(early.slice(0, 3), ['summary', 'suspectedMalicious', 'crossBorderImpact']);
  assert.equal(early.length, 13, 'every field may be given');
  assert.equal(ruleOf('final', 'rootCause'), 'NIS2 Art. 23(4)(d)(ii)');
  assert.equal(ruleOf('early-warning', 'rootCause'), undefined);
  assert.equal(valueText({ suspectedMalicious: false }, 'suspectedMalicious'), 'No');
  assert.equal(valueText({}, 'impact'), '—');
});
