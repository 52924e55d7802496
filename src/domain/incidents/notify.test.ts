// The wording of NIS2 deadline reminders (issue 16, must 7).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clocks } from './clocks.ts';
import { hoursText, reminderEvent } from './notify.ts';
import { DEFAULT_REMINDERS, dueReminders } from './reminders.ts';

describe('reminder wording', () => {
  const facts = { awareAt: '2026-03-02T08:00:00.000Z', trustServiceProvider: false };

  test('before a deadline: the stage, the time left and the incident', () => {
    const now = new Date('2026-03-03T07:30:00Z');
    const [r] = dueReminders('incident--1', clocks(facts, now), DEFAULT_REMINDERS, new Date('2026-03-03T06:00:00Z'), now);
    assert.ok(r);
    const e = reminderEvent(r, 'incident--1', 'Ransomware at the port');
    assert.equal(e.title, 'Early warning due in 1 h for Ransomware at the port');
    assert.equal(e.kind, 'reminder');
    assert.equal(e.stage, 'early-warning');
    assert.equal(e.dueAt, '2026-03-03T08:00:00.000Z');
  });

  test('once it passed: "deadline exceeded", never "not delivered"', () => {
    const now = new Date('2026-03-03T08:01:00Z');
    const [r] = dueReminders('incident--1', clocks(facts, now), DEFAULT_REMINDERS, new Date('2026-03-03T07:59:00Z'), now);
    assert.ok(r);
    const e = reminderEvent(r, 'incident--1', 'Outage', 'NIS2 Art. 23(4)(a)');
    assert.equal(e.kind, 'overdue');
    assert.equal(e.title, 'Deadline exceeded: Early warning for Outage');
    assert.match(e.body, /NIS2 Art\. 23\(4\)\(a\)/);
    assert.doesNotMatch(e.title + e.body, /not delivered/);
  });

  test('a week reads in days, hours in hours', () => {
    assert.equal(hoursText(168), '7 d');
    assert.equal(hoursText(24), '24 h');
    assert.equal(hoursText(1), '1 h');
  });
});
