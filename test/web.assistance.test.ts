// The rapid-response screens' pure parts (issue 18, must 7): the availability calendar shows every
// day of a month once, in whole weeks from Monday, and an expert on exactly the days a window
// reaches into; the domain's issues land on the fields the forms show them at.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { requestIssues } from '../src/domain/assistance/check.ts';
import { availableOn, monthGrid } from '../web/src/screens/assistance/calendar-days.ts';
import { formField, issueFields } from '../web/src/screens/assistance/action.ts';

const DAY = 86_400_000;

test('a month is whole weeks from Monday holding each of its days once', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 11 }), (year, month) => {
      const weeks = monthGrid(year, month);
      for (const w of weeks) assert.equal(w.length, 7);
      const days = weeks.flat();
      assert.equal(new Date(days[0]?.start ?? 0).getUTCDay(), 1, 'Monday first');
      const inMonth = days.filter((d) => d.inMonth).map((d) => new Date(d.start).getUTCDate());
      const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      assert.deepEqual(
        inMonth,
        Array.from({ length }, (_, i) => i + 1),
      );
      for (const d of days) assert.equal(d.inMonth, new Date(d.start).getUTCMonth() === month);
      assert.ok(weeks.length >= 4 && weeks.length <= 6);
    }),
  );
});

test('an expert is available from the day a window starts to the day it ends, and on no other', () => {
  const base = Date.UTC(2027, 2, 1);
  const hour = 3_600_000;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 40 * 24 }),
      fc.integer({ min: 1, max: 20 * 24 }),
      fc.integer({ min: 0, max: 70 }),
      (from, hours, day) => {
        const w = { from: new Date(base + from * hour).toISOString(), until: new Date(base + (from + hours) * hour).toISOString() };
        // The first day is the one the window starts in, the last the one its last hour is in.
        const first = Math.floor((from * hour) / DAY);
        const last = Math.floor(((from + hours) * hour - 1) / DAY);
        assert.equal(availableOn([w], base + day * DAY), day >= first && day <= last);
        assert.equal(availableOn([], base + day * DAY), false);
      },
    ),
  );
});

test("the domain's issues land on the ask form's fields: the window's end, the skills list", () => {
  const issues = requestIssues(
    {
      title: 'Help',
      description: 'Encrypted',
      needs: {
        skills: ['cyber-incident-responder', 'tag:§§ not a skill'],
        languages: ['en'],
        mode: 'remote',
        window: { from: '2027-03-08T00:00:00.000Z', until: '2027-03-01T00:00:00.000Z' },
      },
      urgency: 'high',
      audience: { kind: 'federation' },
    },
    () => undefined,
  );
  const fields = issueFields(issues);
  assert.deepEqual([...fields.keys()].sort(), ['needs.skills', 'needs.window.until']);
  assert.equal(formField('needs.clearance.level'), 'needs.clearance');
  assert.equal(formField('availability[2].until'), 'availability[2].until');
  assert.equal(formField('clearances[0].scheme'), 'clearances');
});
