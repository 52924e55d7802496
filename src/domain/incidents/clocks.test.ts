// The NIS2 Article 23 clocks (issue 16, must 3): worked examples from the Directive's text and
// properties over arbitrary histories.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addMonths } from './calendar.ts';
import { checkFacts, clocks, type ClockFacts, type Stage, type StageClock } from './clocks.ts';

const H = 3_600_000;
const DAY = 24 * H;
const at = (s: string): Date => new Date(s);
const stage = (all: StageClock[], s: Stage): StageClock => {
  const found = all.find((c) => c.stage === s);
  assert.ok(found, `no ${s} clock`);
  return found;
};

describe('calendar months', () => {
  test('the end-of-month rule: 31 January + one month is the last day of February', () => {
    assert.equal(addMonths(at('2025-01-31T10:00:00Z'), 1).toISOString(), '2025-02-28T10:00:00.000Z');
    assert.equal(addMonths(at('2024-01-31T10:00:00Z'), 1).toISOString(), '2024-02-29T10:00:00.000Z');
    assert.equal(addMonths(at('2024-12-15T23:30:00Z'), 1).toISOString(), '2025-01-15T23:30:00.000Z');
    assert.equal(addMonths(at('2024-03-31T00:00:00Z'), 1).toISOString(), '2024-04-30T00:00:00.000Z');
  });

  test('a month later lands in the next month, on the same day when it exists, 28 to 31 days on', () => {
    fc.assert(
      fc.property(fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
        const next = addMonths(d, 1);
        assert.equal((next.getUTCMonth() - d.getUTCMonth() + 12) % 12, 1);
        assert.ok(next.getUTCDate() <= d.getUTCDate());
        if (d.getUTCDate() <= 28) assert.equal(next.getUTCDate(), d.getUTCDate());
        const days = (next.getTime() - d.getTime()) / DAY;
        assert.ok(days >= 28 && days <= 31, `${days} days`);
      }),
    );
  });
});

describe('NIS2 Article 23 clocks', () => {
  const aware = '2026-03-02T08:00:00.000Z';

  test('fresh: early warning due in 24 hours, notification in 72, the rest not started', () => {
    const all = clocks({ awareAt: aware, trustServiceProvider: false }, at('2026-03-02T09:00:00Z'));
    assert.deepEqual(
      all.map((c) => [c.stage, c.status, c.dueAt]),
      [
        ['early-warning', 'due', '2026-03-03T08:00:00.000Z'],
        ['notification', 'due', '2026-03-05T08:00:00.000Z'],
        ['csirt-response', 'not-started', null],
        ['final', 'not-started', null],
      ],
    );
  });

  test('an early warning not sent in time is overdue — a deadline exceeded, not "not delivered"', () => {
    const all = clocks({ awareAt: aware, trustServiceProvider: false }, at('2026-03-03T08:00:01Z'));
    assert.equal(stage(all, 'early-warning').status, 'overdue');
    assert.equal(stage(all, 'notification').status, 'due');
  });

  test('a trust service provider notifies within 24 hours', () => {
    const all = clocks({ awareAt: aware, trustServiceProvider: true }, at('2026-03-02T09:00:00Z'));
    assert.equal(stage(all, 'notification').dueAt, '2026-03-03T08:00:00.000Z');
  });

  test('the CSIRT answers within 24 hours of the early warning; a late answer is flagged', () => {
    const facts: ClockFacts = {
      awareAt: aware,
      trustServiceProvider: false,
      earlyWarningAt: '2026-03-02T20:00:00Z',
      csirtResponseAt: '2026-03-03T21:00:00Z',
    };
    const c = stage(clocks(facts, at('2026-03-04T00:00:00Z')), 'csirt-response');
    assert.equal(c.dueAt, '2026-03-03T20:00:00.000Z');
    assert.equal(c.status, 'submitted-late');
  });

  test('the final report is due one calendar month after the notification', () => {
    const facts: ClockFacts = {
      awareAt: '2026-01-29T08:00:00Z',
      trustServiceProvider: false,
      earlyWarningAt: '2026-01-29T12:00:00Z',
      notificationAt: '2026-01-31T12:00:00Z',
    };
    const final = stage(clocks(facts, at('2026-02-10T00:00:00Z')), 'final');
    assert.deepEqual([final.status, final.dueAt], ['due', '2026-02-28T12:00:00.000Z']);
  });

  test('never notifying does not stop the final clock: it runs from the notification deadline', () => {
    const all = clocks({ awareAt: aware, trustServiceProvider: false }, at('2026-04-10T00:00:00Z'));
    assert.equal(stage(all, 'notification').status, 'overdue');
    const final = stage(all, 'final');
    assert.deepEqual([final.status, final.dueAt], ['overdue', '2026-04-05T08:00:00.000Z']);
  });

  test('ongoing when the final report falls due: a progress report then, the final one a month after handling', () => {
    const base: ClockFacts = {
      awareAt: aware,
      trustServiceProvider: false,
      earlyWarningAt: '2026-03-02T10:00:00Z',
      notificationAt: '2026-03-04T10:00:00Z',
      progressReportAt: '2026-04-03T09:00:00Z',
    };
    const ongoing = clocks(base, at('2026-04-20T00:00:00Z'));
    assert.deepEqual(
      [stage(ongoing, 'progress').status, stage(ongoing, 'progress').dueAt],
      ['submitted-on-time', '2026-04-04T10:00:00.000Z'],
    );
    assert.deepEqual([stage(ongoing, 'final').status, stage(ongoing, 'final').dueAt], ['not-started', null]);
    const handled = clocks({ ...base, handledAt: '2026-05-31T16:00:00Z' }, at('2026-06-10T00:00:00Z'));
    assert.deepEqual([stage(handled, 'final').status, stage(handled, 'final').dueAt], ['due', '2026-06-30T16:00:00.000Z']);
  });

  test('an intermediate report is due on the date the CSIRT set', () => {
    const facts: ClockFacts = {
      awareAt: aware,
      trustServiceProvider: false,
      intermediateRequests: [
        { requestedAt: '2026-03-06T09:00:00Z', dueAt: '2026-03-10T17:00:00Z', submittedAt: '2026-03-10T16:00:00Z' },
        { requestedAt: '2026-03-12T09:00:00Z', dueAt: '2026-03-13T17:00:00Z' },
      ],
    };
    const all = clocks(facts, at('2026-03-14T00:00:00Z')).filter((c) => c.stage === 'intermediate');
    assert.deepEqual(
      all.map((c) => [c.request, c.status]),
      [
        [0, 'submitted-on-time'],
        [1, 'overdue'],
      ],
    );
  });

  const hours = (max: number) => fc.option(fc.integer({ min: 0, max: max * H }), { nil: undefined });
  const history = fc
    .record({
      awareAt: fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }),
      tsp: fc.boolean(),
      early: hours(100),
      notification: hours(200),
      handled: hours(2000),
      progress: hours(2000),
      final: hours(3000),
      response: hours(50),
      now: fc.integer({ min: 0, max: 4000 * H }),
    })
    .map((h) => {
      const t = (offset: number | undefined): string | undefined =>
        offset === undefined ? undefined : new Date(h.awareAt + offset).toISOString();
      const facts: ClockFacts = {
        awareAt: new Date(h.awareAt).toISOString(),
        trustServiceProvider: h.tsp,
        earlyWarningAt: t(h.early),
        notificationAt: t(h.notification),
        handledAt: t(h.handled),
        progressReportAt: t(h.progress),
        finalReportAt: h.notification === undefined ? undefined : t(h.final),
        csirtResponseAt: h.early === undefined || h.response === undefined ? undefined : t(h.early + h.response),
      };
      return { facts, now: new Date(h.awareAt + h.now) };
    });

  test('a stage is submitted on time exactly when it came by its deadline, and never due or overdue once submitted', () => {
    fc.assert(
      fc.property(history, ({ facts, now }) => {
        for (const c of clocks(facts, now)) {
          if (c.submittedAt !== null) {
            assert.ok(c.status === 'submitted-on-time' || c.status === 'submitted-late', `${c.stage}: ${c.status}`);
            if (c.dueAt !== null) assert.equal(c.status === 'submitted-on-time', Date.parse(c.submittedAt) <= Date.parse(c.dueAt));
          } else if (c.dueAt !== null) {
            assert.equal(c.status, now.getTime() <= Date.parse(c.dueAt) ? 'due' : 'overdue');
          }
        }
      }),
    );
  });

  test('time only makes things worse: what is overdue stays overdue, what was on time stays on time', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 2000 * H }), ({ facts, now }, later) => {
        const before = clocks(facts, now);
        const after = clocks(facts, new Date(now.getTime() + later));
        for (const c of before) {
          const same = after.find((d) => d.stage === c.stage && d.request === c.request);
          if (c.status === 'overdue') assert.ok(same && ['overdue', 'submitted-late'].includes(same.status), `${c.stage} ${same?.status}`);
          if (c.status === 'submitted-on-time' && c.dueAt !== null) assert.equal(same?.status, 'submitted-on-time');
        }
      }),
    );
  });

  test('the notification is never due before the early warning, and is due within 72 hours', () => {
    fc.assert(
      fc.property(history, ({ facts, now }) => {
        const all = clocks(facts, now);
        const early = Date.parse(stage(all, 'early-warning').dueAt ?? '');
        const notification = Date.parse(stage(all, 'notification').dueAt ?? '');
        assert.ok(notification >= early && notification - Date.parse(facts.awareAt) <= 72 * H);
      }),
    );
  });
});

describe('facts that cannot be', () => {
  const now = at('2026-03-10T00:00:00Z');

  test('each impossible time is named by its field', () => {
    const issues = checkFacts(
      {
        awareAt: '2026-03-01T00:00:00Z',
        trustServiceProvider: false,
        earlyWarningAt: '2026-02-28T00:00:00Z',
        finalReportAt: '2026-03-05T00:00:00Z',
        csirtResponseAt: '2026-03-11T00:00:00Z',
        intermediateRequests: [{ requestedAt: '2026-03-05T00:00:00Z', dueAt: '2026-03-04T00:00:00Z' }],
      },
      now,
    );
    assert.deepEqual(
      issues.map((i) => i.field).sort(),
      ['csirtResponseAt', 'earlyWarningAt', 'finalReportAt', 'intermediateRequests[0].dueAt'].sort(),
    );
    assert.match(issues.find((i) => i.field === 'csirtResponseAt')?.message ?? '', /in the future/);
    assert.match(issues.find((i) => i.field === 'finalReportAt')?.message ?? '', /there is no incident notification yet/);
  });

  test('becoming aware in the future is refused; a consistent history passes', () => {
    assert.deepEqual(
      checkFacts({ awareAt: '2026-03-11T00:00:00Z', trustServiceProvider: false }, now).map((i) => i.field),
      ['awareAt'],
    );
    assert.deepEqual(
      checkFacts(
        {
          awareAt: '2026-03-01T00:00:00Z',
          trustServiceProvider: false,
          earlyWarningAt: '2026-03-01T10:00:00Z',
          notificationAt: '2026-03-02T10:00:00Z',
          csirtResponseAt: '2026-03-01T18:00:00Z',
          finalReportAt: '2026-03-09T10:00:00Z',
        },
        now,
      ),
      [],
    );
  });
});
