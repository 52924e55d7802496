// The incident list, summary and dashboard panels' pure parts (issue 16, must 8 and 9): the list's
// URL holds every filter and round-trips; quarters are calendar quarters in UTC; the banner of the
// rows is their most restrictive TLP; the severity chart counts every incident once, in its bucket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rangeOf } from '../src/domain/dashboard/range.ts';
import { isFiltered, listPath, stateOf, toggle } from '../web/src/screens/incidents/list-query.ts';
import { bannerOfMarkings, partsOf } from '../web/src/screens/incidents/marking.ts';
import { periodOf, quarter, recentQuarters } from '../web/src/screens/incidents/period.ts';
import { rsitName, sectorName } from '../web/src/screens/incidents/names.ts';
import { bucketed, total } from '../web/src/screens/dashboard/severity.ts';

const parse = (path: string) => stateOf(new URL(path, 'http://x').searchParams);

test('a filtered list is its URL: every filter and the order survive a bookmark', () => {
  const path =
    '/incidents?q=ransom&status=new,open&sector=energy&country=de,fr&rsitClass=malicious-code&severity=high&determination=confirmed&stageStatus=overdue&dueWithinHours=24&crossBorder=true&sort=due';
  const s = parse(path);
  assert.deepEqual(s.filter, {
    text: 'ransom',
    status: ['new', 'open'],
    sector: ['energy'],
    country: ['DE', 'FR'],
    rsitClass: ['malicious-code'],
    severity: ['high'],
    determination: ['confirmed'],
    stageStatus: ['overdue'],
    dueWithinHours: 24,
    crossBorder: true,
  });
  assert.equal(s.sort, 'due');
  assert.deepEqual(parse(listPath(s)), s);
  assert.equal(listPath(parse('/incidents')), '/incidents', 'the default list has no query');
  assert.equal(parse('/incidents?sort=sideways').sort, 'newest', 'an unknown order falls back to the newest first');
  assert.equal(parse('/incidents?dueWithinHours=-3').filter.dueWithinHours, undefined);
  assert.equal(isFiltered(parse('/incidents?sort=due').filter), false);
  assert.equal(isFiltered(parse('/incidents?crossBorder=false').filter), true);
});

test('any list state round-trips through its URL', () => {
  const some = <T>(...v: T[]) => fc.uniqueArray(fc.constantFrom(...v), { minLength: 1, maxLength: 3 });
  fc.assert(
    fc.property(
      fc.record(
        {
          status: some('new' as const, 'open' as const, 'closed' as const),
          severity: some('low' as const, 'high' as const, 'critical' as const),
          stageStatus: some('overdue' as const, 'due' as const),
          sector: some('energy', 'health', 'energy/gas'),
          dueWithinHours: fc.integer({ min: 1, max: 720 }),
          crossBorder: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      fc.constantFrom('newest' as const, 'due' as const, 'modified' as const),
      (filter, sort) => {
        assert.deepEqual(parse(listPath({ filter: { ...filter }, sort })), { filter: { ...filter }, sort });
      },
    ),
  );
});

test('a box ticked twice is off again, and the last one off removes the filter', () => {
  assert.deepEqual(toggle(undefined, 'overdue'), ['overdue']);
  assert.deepEqual(toggle(['overdue', 'due'], 'overdue'), ['due']);
  assert.equal(toggle(['due'], 'due'), undefined);
});

test('quarters are calendar quarters (UTC); a wrong period in the URL shows the current quarter', () => {
  const now = new Date('2026-12-07T17:00:00Z');
  assert.deepEqual(quarter(now), { from: '2026-10-01', to: '2027-01-01', label: '2026 Q4' });
  assert.deepEqual(quarter(now, 4), { from: '2025-10-01', to: '2026-01-01', label: '2025 Q4' });
  assert.deepEqual(quarter(new Date('2026-01-01T00:00:00Z'), 1), { from: '2025-10-01', to: '2026-01-01', label: '2025 Q4' });
  assert.equal(recentQuarters(now).length, 8);
  assert.deepEqual(periodOf(new URLSearchParams('from=2026-02-01&to=2026-03-01'), now), { from: '2026-02-01', to: '2026-03-01' });
  for (const q of ['from=2026-03-01&to=2026-02-01', 'from=2026-02-30&to=2026-03-01', ''])
    assert.deepEqual(periodOf(new URLSearchParams(q), now), quarter(now), q);
});

test('the banner of the rows is their most restrictive TLP, with every other marking named', () => {
  assert.deepEqual(partsOf('TLP:AMBER+STRICT'), { tlp: 'amber+strict', rest: [] });
  assert.deepEqual(partsOf('NATO RESTRICTED · TLP:GREEN'), { tlp: 'green', rest: ['NATO RESTRICTED'] });
  const b = bannerOfMarkings(['TLP:GREEN', 'TLP:AMBER+STRICT', 'TLP:AMBER', 'NATO RESTRICTED · TLP:CLEAR']);
  assert.equal(b.tlp, 'amber+strict');
  assert.deepEqual(b.classifications, ['NATO RESTRICTED']);
  assert.equal(bannerOfMarkings([]).tlp, null);
});

test('sectors and RSIT classes read as the Annexes and the taxonomy name them', () => {
  assert.equal(sectorName('energy', 'electricity'), 'Energy › Electricity');
  assert.equal(sectorName('energy/gas'), 'Energy › Gas');
  assert.equal(sectorName('health'), 'Health');
  assert.equal(sectorName('no-such-sector'), 'no-such-sector');
  assert.equal(sectorName(null), '—');
  assert.equal(rsitName('malicious-code'), 'Malicious Code');
});

test('severity over time: every incident in the period counts once, in its bucket', () => {
  const week = rangeOf(new Date('2026-12-07T12:00:00Z'), 7);
  const points = [
    { day: week.from, severity: 'high', count: 2 },
    { day: week.to, severity: 'critical', count: 1 },
    { day: week.to, severity: 'nonsense', count: 1 },
    { day: '2020-01-01', severity: 'low', count: 9 },
  ];
  const b = bucketed(points, week);
  assert.equal(b.length, 7);
  assert.deepEqual(b[0]?.counts, { high: 2 });
  assert.deepEqual(b.at(-1)?.counts, { critical: 1, unknown: 1 }, 'an unknown severity shows as not given');
  assert.equal(
    b.reduce((a, x) => a + total(x.counts), 0),
    4,
    'outside the period does not count',
  );
  const quarterRange = rangeOf(new Date('2026-12-07T12:00:00Z'), 90);
  assert.equal(
    bucketed(points, quarterRange).reduce((a, x) => a + total(x.counts), 0),
    4,
  );
});
