import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ASSIST_FLAGS } from './assist-input.ts';
import { clearanceOf, flagFor, intervalOf, subcommand } from './assist-options.ts';

test("a service's JSON path is named back as the option that gave it", () => {
  const cases: [string, string][] = [
    ['needs.window.until', '--from/--until'],
    ['needs.skills[2]', '--skill'],
    ['audience.ids[0]', '--to-org'],
    ['experts[1].expertId', '--expert'],
    ['needs.clearance.level', '--clearance'],
    ['classification.scheme', '--classification'],
    ['affectedEntity', '--affected-entity'],
    ['$.title', '--title'],
    ['--hours', '--hours'],
    ['status', ''],
  ];
  for (const [field, flag] of cases) assert.equal(flagFor(field, ASSIST_FLAGS), flag, field);
});

test('windows and clearances are read in their command-line forms, or refused naming the option', () => {
  assert.deepEqual(intervalOf('2027-01-04/2027-01-29', '--available'), {
    from: '2027-01-04T00:00:00.000Z',
    until: '2027-01-29T00:00:00.000Z',
  });
  assert.throws(() => intervalOf('next week', '--available'), { details: { field: '--available' } });
  assert.deepEqual(clearanceOf('nato=NATO SECRET', '--clearance'), { scheme: 'nato', level: 'NATO SECRET' });
  assert.throws(() => clearanceOf('secret', '--clearance'), { details: { field: '--clearance' } });
});

test('subcommands of one or two words take exactly their operands', () => {
  const arity = { 'request show': 1, decide: 1, profiles: 0 };
  assert.deepEqual(subcommand(['request', 'show', 'x'], arity), { name: 'request show', ids: ['x'] });
  assert.deepEqual(subcommand(['decide', 'o'], arity), { name: 'decide', ids: ['o'] });
  assert.equal(subcommand(['request', 'show'], arity), undefined);
  assert.equal(subcommand(['profiles', 'extra'], arity), undefined);
});
