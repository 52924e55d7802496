// `concord incident …` as an operator runs it (issue 16, must 10): an entity in a CSIRT's
// constituency opens incidents, a report missing what its stage requires is refused naming each
// missing field (exit code 1, nothing stored), the list filtered to overdue stages shows
// "deadline exceeded", the incident page lists its clocks and work, and the quarterly summary
// comes out as CSV.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentDetail, IncidentRow } from '../src/domain/incidents/api.ts';
import { runConcord, type CliResult } from './helpers/cli.ts';

describe('concord incident', () => {
  let dir: string;
  let late = '';
  let fresh = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-cli-incidents-'));
    ok(['org', 'add', '--name', 'CSIRT-FR', '--country', 'FR', '--nis2-role', 'csirt']);
    ok(['org', 'add', '--name', 'CSIRT-DE', '--country', 'DE', '--nis2-role', 'csirt']);
    ok([
      'org',
      'add',
      '--name',
      'Grid FR',
      '--country',
      'FR',
      '--nis2-role',
      'essential',
      '--sector',
      'energy/electricity',
      '--csirt',
      'CSIRT-FR',
    ]);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const concord = (args: string[]): CliResult => runConcord(join(dir, 'data'), args);
  function ok(args: string[]): string {
    const r = concord(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
    return r.out;
  }
  const json = <T>(args: string[]): T => JSON.parse(ok([...args, '--json'])) as T;

  test('an entity opens incidents; the early warning of one aware 30 hours ago is overdue', () => {
    const common = ['--org', 'Grid FR', '--sector', 'energy', '--subsector', 'electricity', '--significant'];
    late = json<IncidentDetail>([
      'incident',
      'open',
      '--name',
      'Substation ransomware',
      '--aware-at',
      '30h ago',
      '--rsit-class',
      'malicious-code',
      '--severity',
      'high',
      ...common,
    ]).row.id;
    const opened = json<IncidentDetail>([
      'incident',
      'open',
      '--name',
      'Phishing wave',
      '--aware-at',
      '2h ago',
      '--severity',
      'low',
      ...common,
    ]);
    fresh = opened.row.id;
    assert.match(fresh, /^incident--/);
    assert.equal(opened.row.ownerName, 'Grid FR');
    assert.equal(opened.row.clocks.find((c) => c.stage === 'early-warning')?.status, 'due');
  });

  test('a report missing what its stage requires is refused naming every missing field', async () => {
    const r = concord(['incident', 'report', fresh, '--stage', 'early-warning', '--summary', 'Mails with a fake invoice']);
    assert.equal(r.code, 1, r.out);
    assert.match(r.err, /^error REPORT_INCOMPLETE: the early-warning report is missing suspectedMalicious, crossBorderImpact\n/);
    assert.match(r.err, /--suspected-malicious/);
    assert.match(r.err, /--cross-border-impact/);
    assert.doesNotMatch(r.err, /--summary:/, 'the field given is not reported missing');
    const still = json<IncidentDetail>(['incident', 'show', fresh]);
    assert.equal(still.reports.length, 0, 'nothing is stored');
    // The same report completed, from a file and options, is accepted.
    const file = join(dir, 'ew.json');
    await writeFile(file, JSON.stringify({ summary: 'Mails with a fake invoice', suspectedMalicious: true }));
    const done = json<IncidentDetail>([
      'incident',
      'report',
      fresh,
      '--stage',
      'early-warning',
      '--file',
      file,
      '--no-cross-border-impact',
    ]);
    assert.deepEqual(
      done.reports.map((x) => [x.stage, x.content.suspectedMalicious, x.content.crossBorderImpact]),
      [['early-warning', true, false]],
    );
    assert.equal(done.row.clocks.find((c) => c.stage === 'early-warning')?.status, 'submitted-on-time');
  });

  test('the list filtered to overdue stages shows the late incident with "deadline exceeded"', () => {
    const rows = json<IncidentRow[]>(['incident', 'list', '--stage-status', 'overdue']);
    assert.deepEqual(
      rows.map((r) => r.id),
      [late],
    );
    const table = ok(['incident', 'list', '--stage-status', 'overdue']);
    assert.match(table, /^ID\s+NAME\s+OWNER\s+STATUS\s+SEVERITY\s+EARLY WARNING/);
    assert.match(table, /Substation ransomware.*deadline exceeded · exceeded by 6 h/);
    assert.doesNotMatch(table, /Phishing wave/);
  });

  test('work on an incident, then its page shows the clocks, timeline, tasks, notes and answers', () => {
    ok(['incident', 'event', 'add', late, '--name', 'Encryption of SCADA hosts', '--start', '31h ago', '--status', 'occurred']);
    ok(['incident', 'task', 'add', late, '--name', 'Restore from backups', '--due', 'in 2d']);
    ok(['incident', 'note', late, '--content', 'Backups are offline copies.']);
    ok(['incident', 'answer', fresh, '--feedback', 'Block the sender domain.']);
    const page = ok(['incident', 'show', late]);
    assert.match(page, /^id:\s+incident--/);
    assert.match(page, /Early warning: deadline exceeded · exceeded by 6 h/);
    assert.match(page, /Timeline\n {2}event--\S+ {2}Encryption of SCADA hosts/);
    assert.match(page, /Tasks\n {2}task--\S+ {2}Restore from backups \(outcome pending/);
    assert.match(page, /Notes\n {2}note--\S+ {2}Backups are offline copies/);
    const answered = json<IncidentDetail>(['incident', 'show', fresh]);
    assert.deepEqual(
      answered.answers.map((a) => [a.kind, a.content]),
      [['feedback', 'Block the sender domain.']],
    );
    assert.equal(answered.row.clocks.find((c) => c.stage === 'csirt-response')?.status, 'submitted-on-time');
  });

  test('refusals name the option at fault', () => {
    const noAware = concord(['incident', 'open', '--name', 'x']);
    assert.equal(noAware.code, 1);
    assert.match(noAware.err, /--aware-at is required/);
    const badStage = concord(['incident', 'list', '--stage-status', 'late']);
    assert.match(badStage.err, /stageStatus: "late" is not one of due, overdue, .*\n {2}at --stage-status\n/);
    const unknown = concord(['incident', 'show', 'incident--00000000-0000-4000-8000-000000000000']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /^error NOT_FOUND/);
  });

  test('the quarterly summary as CSV counts the period, by sector and timeliness', () => {
    const year = new Date().getUTCFullYear();
    const csv = ok(['incident', 'summary', '--from', `${year - 1}-01-01`, '--to', 'in 1d', '--csv']);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'dimension,value,count');
    assert.match(lines[1] ?? '', /^period,\S+,2$/);
    assert.ok(lines.includes('sector,energy,2'), csv);
    assert.ok(lines.includes('severity,high,1') && lines.includes('severity,low,1'), csv);
    assert.ok(lines.includes('timeliness:early-warning,overdue,1'), csv);
    assert.ok(lines.includes('timeliness:early-warning,submitted-on-time,1'), csv);
    assert.doesNotMatch(csv, /Grid|Substation|incident--/, 'anonymised (Art. 23(9))');
  });
  test("the node shares an incident as the entity's CSIRT: a summary under a name of its own", () => {
    const out = ok([
      'incident',
      'share',
      late,
      '--summary',
      'Ransomware at a French grid operator',
      '--name',
      'FR grid ransomware',
      '--member-state',
      'DE',
    ]);
    assert.match(out, /^shared incident--\S+ \(summary\) with CSIRT-DE\n$/);
    const shared = out.split(' ')[1] ?? '';
    assert.notEqual(shared, late, "an entity's incident is shared as the CSIRT's own (STIX 2.1 §3.6)");
    const page = json<IncidentDetail>(['incident', 'show', shared]);
    assert.deepEqual([page.row.name, page.row.ownerName], ['FR grid ransomware', 'CSIRT-FR']);
  });
});
