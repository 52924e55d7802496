// Rapid response's bad input (issue 18: "a window that ends before it starts, a skill not in the
// framework and not a free tag … gets a clear error naming the field"), by JSON path, and the
// skills vocabulary (must 2: ECSF role profiles plus free tags).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { InvalidInputError } from '../../errors.ts';
import { BUILT_IN_SCHEMES } from '../markings/classification.ts';
import { ECSF_PROFILES, type NewRequest } from './api.ts';
import { afterActionIssues, expertIssues, isDay, issuesError, noteIssues, requestIssues } from './check.ts';
import { MAX_EXACT_SKILLS } from './cover.ts';
import { buildAfterAction, buildExpertInput, buildRequestInput } from './fixtures.ts';
import { isSkill, skillTitle } from './skills.ts';

const levels = (scheme: string) => BUILT_IN_SCHEMES.find((s) => s.id === scheme)?.levels;
const fields = (issues: readonly { field: string }[]) => issues.map((i) => i.field);
const needs = (over: Partial<NewRequest['needs']>): NewRequest => {
  const r = buildRequestInput();
  return { ...r, needs: { ...r.needs, ...over } };
};

test('good input has no issues', () => {
  assert.deepEqual(requestIssues(buildRequestInput(), levels), []);
  assert.deepEqual(requestIssues(buildRequestInput({ audience: { kind: 'community', id: 'eu-csirts' } }), levels), []);
  assert.deepEqual(expertIssues(buildExpertInput(), levels), []);
  assert.deepEqual(expertIssues(buildExpertInput({ availability: [], languages: [], clearances: [] }), levels), []);
  assert.deepEqual(afterActionIssues(buildAfterAction()), []);
  assert.deepEqual(noteIssues({ day: '2026-12-03', text: 'Imaged 14 hosts', hours: 0 }), []);
  assert.deepEqual(noteIssues({ text: 'Whole day', hours: 24 }), []);
});

test('a window that ends before it starts is refused at needs.window.until', () => {
  const bad = needs({ window: { from: '2026-12-09T00:00:00.000Z', until: '2026-12-02T00:00:00.000Z' } });
  const issues = requestIssues(bad, levels);
  assert.deepEqual(fields(issues), ['needs.window.until']);
  assert.match(issues[0]?.message ?? '', /ends before it starts/);
  assert.deepEqual(fields(requestIssues(needs({ window: { from: 'tomorrow', until: '2026-12-02T00:00:00.000Z' } }), levels)), [
    'needs.window.from',
  ]);
});

test('a skill not in the framework and not a free tag is refused at its index', () => {
  const issues = requestIssues(needs({ skills: ['penetration-tester', 'tag:scada', 'hacker', 'tag:'] }), levels);
  assert.deepEqual(fields(issues), ['needs.skills[2]', 'needs.skills[3]']);
  assert.match(issues[0]?.message ?? '', /"hacker" is neither in the skills framework nor a free tag/);
  assert.deepEqual(fields(requestIssues(needs({ skills: [] }), levels)), ['needs.skills']);
  const many = Array.from({ length: MAX_EXACT_SKILLS + 1 }, (_, i) => `tag:tool-${i}`);
  assert.deepEqual(fields(requestIssues(needs({ skills: many }), levels)), ['needs.skills'], 'matching is exact up to MAX_EXACT_SKILLS');
  assert.deepEqual(requestIssues(needs({ skills: many.slice(0, MAX_EXACT_SKILLS) }), levels), []);
  assert.deepEqual(fields(expertIssues(buildExpertInput({ skills: ['digital-forensics-investigator', 'Forensics'] }), levels)), [
    'skills[1]',
  ]);
  assert.deepEqual(fields(afterActionIssues(buildAfterAction({ missingSkills: ['ot'] }))), ['missingSkills[0]']);
});

test("an expert's availability window ending before it starts is refused at availability[i].until", () => {
  const availability = [
    { from: '2026-12-01T00:00:00.000Z', until: '2026-12-10T00:00:00.000Z' },
    { from: '2026-12-20T00:00:00.000Z', until: '2026-12-19T00:00:00.000Z' },
  ];
  assert.deepEqual(fields(expertIssues(buildExpertInput({ availability }), levels)), ['availability[1].until']);
});

test('languages, countries, clearances, audience and targets are checked by field', () => {
  const r = buildRequestInput();
  const bad: NewRequest = {
    ...r,
    title: '  ',
    needs: { ...r.needs, languages: ['en', 'French'], country: 'France', clearance: { scheme: 'eu', level: 'TOP' }, teamSize: 0 },
    audience: { kind: 'organizations', ids: ['identity--0b6d3a5e-1f4c-4e0a-9a51-6f0f0a7d1c03', 'CERT-FR'] },
    classification: { scheme: 'martian', level: 'x' },
    firstOfferHours: 0,
    tlp: 'orange',
  };
  assert.deepEqual(fields(requestIssues(Object.assign(bad, { urgency: 'whenever' }), levels)), [
    'title',
    'needs.languages[1]',
    'needs.country',
    'needs.clearance.level',
    'needs.teamSize',
    'urgency',
    'audience.ids[1]',
    'tlp',
    'classification.scheme',
    'firstOfferHours',
  ]);
  assert.deepEqual(fields(requestIssues(buildRequestInput({ audience: { kind: 'organizations', ids: [] } }), levels)), ['audience.ids']);
  const expert = buildExpertInput({
    country: 'si',
    email: 'ana',
    clearances: [{ scheme: 'nato', level: 'SECRET' }],
  });
  // What a client may send whatever the types say: a string for a boolean.
  assert.deepEqual(fields(expertIssues(Object.assign(expert, { onSite: 'yes' }), levels)), [
    'email',
    'clearances[0].level',
    'country',
    'onSite',
  ]);
});

test('a status note records 0 to 24 hours on a day that exists', () => {
  assert.deepEqual(fields(noteIssues({ text: 'x', hours: 25 })), ['hours']);
  assert.deepEqual(fields(noteIssues({ text: 'x', hours: -1 })), ['hours']);
  assert.deepEqual(fields(noteIssues({ day: '2026-02-30', text: '', hours: 1 })), ['day', 'text']);
  assert.equal(isDay('2028-02-29'), true);
  assert.equal(isDay('2026-13-01'), false);
});

test('the issues become one InvalidInputError naming the first field and carrying all', () => {
  const issues = requestIssues(
    needs({ skills: ['x'], window: { from: '2026-12-09T00:00:00.000Z', until: '2026-12-02T00:00:00.000Z' } }),
    levels,
  );
  const e = issuesError(issues);
  assert.ok(e instanceof InvalidInputError);
  assert.equal(e.details['field'], 'needs.skills[0]');
  assert.deepEqual(e.details['issues'], issues);
});

test('property: a request window is refused exactly when it does not end after it starts', () => {
  const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') });
  fc.assert(
    fc.property(instant, instant, (a, b) => {
      const window = { from: new Date(a).toISOString(), until: new Date(b).toISOString() };
      const refused = fields(requestIssues(needs({ window }), levels)).includes('needs.window.until');
      assert.equal(refused, b <= a);
    }),
  );
});

test('property: every ECSF profile and every well-formed free tag is a skill; other text is not', () => {
  for (const p of ECSF_PROFILES) {
    assert.equal(isSkill(p.id), true);
    assert.equal(skillTitle(p.id), p.title);
  }
  const tagText = fc.stringMatching(/^[a-z0-9][a-z0-9 ._:/+#-]{0,40}$/);
  fc.assert(
    fc.property(tagText, (t) => {
      assert.equal(isSkill(`tag:${t}`), true);
      assert.equal(skillTitle(`tag:${t}`), t);
    }),
  );
  fc.assert(
    fc.property(fc.string(), (t) => {
      fc.pre(!t.startsWith('tag:') && !ECSF_PROFILES.some((p) => p.id === t));
      assert.equal(isSkill(t), false);
    }),
  );
  assert.equal(isSkill('tag: leading-blank'), false);
  assert.equal(isSkill(42), false);
});
