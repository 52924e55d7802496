// `concord alert-rule …` and `concord alert …` as an operator runs them (issue 17, must 8): a rule
// with N below 2 is refused naming its flag (exit 2, nothing stored); a rule is added, listed,
// changed, disabled and removed; the alerts it raised are listed and shown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config.ts';
import type { AlertRule } from '../src/domain/alerts/api.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { buildServices } from '../src/services/index.ts';
import { openStore } from '../src/store/index.ts';
import { evaluatorOn, MemorySightings } from './helpers/alerts.ts';
import { runConcord, type CliResult } from './helpers/cli.ts';
import { buildIndicator } from './helpers/stix.ts';

describe('concord alert-rule and concord alert', () => {
  let dir: string;
  let ruleId = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-cli-alerts-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const data = () => join(dir, 'data');
  const concord = (args: string[]): CliResult => runConcord(data(), args);
  function ok(args: string[]): string {
    const r = concord(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
    return r.out;
  }
  const rule = [
    '--name',
    'Same value in three countries',
    '--community',
    'eu',
    '--subjects',
    'value,object',
    '--min-countries',
    '3',
    '--window-hours',
    '24',
  ];

  test('a rule with N below 2 is refused naming --min-orgs; nothing is stored', () => {
    const r = concord(['alert-rule', 'add', ...rule, '--min-orgs', '1']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--min-orgs/);
    assert.match(ok(['alert-rule', 'list']), /no alert rules/);
  });

  test('a rule is added, listed, changed, disabled and enabled again', () => {
    const made = JSON.parse(ok(['alert-rule', 'add', ...rule, '--min-orgs', '3', '--tlp', 'green', '--json'])) as AlertRule;
    ruleId = made.id;
    assert.deepEqual(made.subjects, ['object', 'value']);
    assert.equal(made.tlp, 'green');
    assert.match(ok(['alert-rule', 'list']), new RegExp(`${ruleId}.*eu.*enabled`));
    assert.match(ok(['alert-rule', 'update', ruleId, '--window-hours', '6']), /3 organisations in 3 countries within 6 h/);
    assert.match(ok(['alert-rule', 'disable', ruleId]), /disabled/);
    assert.match(ok(['alert-rule', 'update', ruleId, '--enable']), /enabled/);
  });

  test('the alerts a rule raised are listed and shown', async () => {
    assert.match(ok(['alert', 'list']), /no alerts/);
    const indicator = buildIndicator({ name: 'Shared C2' });
    const store = await openStore({ dataDir: data() });
    const services = buildServices(store, parseConfig({ dataDir: data() }, { CONCORD_LOG_LEVEL: 'silent' }));
    try {
      const owner = await services.importOwner(CLI);
      await services.ingest.importStream([JSON.stringify([indicator])], { source: 'test', owner });
      const sightings = new MemorySightings();
      for (const [org, country] of [
        ['o-fr', 'FR'],
        ['o-de', 'DE'],
        ['o-ee', 'EE'],
      ] as const)
        sightings.add(indicator.id, org, country);
      await evaluatorOn({ store, services }, sightings).rulesChanged();
    } finally {
      await services.settle();
      await store.close();
    }
    const list = ok(['alert', 'list']);
    assert.match(list, /Same value in three countries.*value: 198\.51\.100\.7.*3.*DE, EE, FR/);
    assert.match(list, /object: Shared C2/);
    const page = JSON.parse(ok(['alert', 'list', '--rule', ruleId, '--json'])) as { alerts: { id: string; subject: { kind: string } }[] };
    const value = page.alerts.find((a) => a.subject.kind === 'value');
    assert.ok(value);
    const shown = ok(['alert', 'show', value.id]);
    assert.match(shown, /countries:\s+DE, EE, FR/);
    assert.match(shown, /tlp:\s+green/);
    assert.equal(ok(['alert', 'watch', '--for', '1', '--interval', '0.3']), '', 'nothing new while watching');
    assert.match(ok(['alert-rule', 'remove', ruleId]), /removed/);
    assert.match(ok(['alert-rule', 'list']), /no alert rules/);
  });
});
