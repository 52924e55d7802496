// `concord assist`, `concord roster` and `concord deployment` as an operator runs them (issue 18,
// must 8): a partner's roster, a CSIRT's request to its community, the proposal with its reasons,
// an offer by the expert's name, the decision, the deployment's work and after-action report, and
// refusals that name the option at fault (exit code 1, nothing stored).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeploymentView, ExpertView, OfferView, RequestView } from '../src/domain/assistance/api.ts';
import type { BoardPage } from '../src/services/assistance.api.ts';
import { type CliResult, cliOn } from './helpers/cli.ts';

describe('concord assist, roster and deployment', () => {
  let dir: string;
  let expert: ExpertView;
  let request: RequestView;
  let offer: OfferView;
  let deployment: DeploymentView;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-cli-assistance-'));
    ok(['community', 'add', 'rapid-response', '--name', 'Rapid response']);
    ok(['org', 'add', '--name', 'CSIRT-FR', '--country', 'FR', '--community', 'rapid-response']);
    ok(['org', 'add', '--name', 'CERT-DE', '--country', 'DE', '--community', 'rapid-response']);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const { concord, ok, json } = cliOn(() => join(dir, 'data'));
  /** A refusal: exit code 1, the option named on stderr. */
  function refused(args: string[], option: string): CliResult {
    const r = concord(args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.out} ${r.err}`);
    assert.ok(r.err.includes(option), `${args.join(' ')} names ${option}: ${r.err}`);
    return r;
  }

  const expertArgs = ['--country', 'DE', '--skill', 'cyber-incident-responder,digital-forensics-investigator', '--language', 'en'];
  const requestArgs = [
    ...['--org', 'CSIRT-FR', '--title', 'Ransomware at a water utility', '--description', 'Plant controllers encrypted'],
    ...['--urgency', 'high', '--community', 'rapid-response', '--skill', 'cyber-incident-responder', '--language', 'en'],
    ...['--mode', 'remote', '--from', '2027-03-01T00:00:00Z', '--until', '2027-03-08T00:00:00Z'],
  ];

  test('a partner keeps its roster; a bad skill or window is refused naming the option', () => {
    refused(['roster', 'add', '--org', 'CERT-DE', '--name', 'Nobody', '--country', 'DE', '--skill', 'wizardry'], '--skill');
    refused(['roster', 'add', '--org', 'CERT-DE', '--name', 'Nobody', ...expertArgs, '--available', 'next week'], '--available');
    assert.match(ok(['roster', 'list', '--org', 'CERT-DE']), /no experts/);
    expert = json<ExpertView>([
      ...['roster', 'add', '--org', 'CERT-DE', '--name', 'Jana Novak', '--email', 'jana@cert.example.de', ...expertArgs],
      ...['--on-site', '--available', '2027-01-01/2027-12-31'],
    ]);
    assert.equal(expert.name, 'Jana Novak');
    assert.match(expert.profileId, /^x-concord-expert-profile--/);
    const listed = ok(['roster', 'list', '--org', 'CERT-DE']);
    assert.match(listed, /Jana Novak/);
    assert.match(listed, new RegExp(expert.pseudonym));
    const updated = json<ExpertView>(['roster', 'update', expert.id, '--org', 'CERT-DE', '--certification', 'GCFA']);
    assert.deepEqual(updated.certifications, ['GCFA']);
    assert.match(ok(['roster', 'show', expert.id, '--org', 'CERT-DE']), /certifications:\s+GCFA/);
  });

  test('a CSIRT asks its community; a window that ends before it starts is refused', () => {
    const board = () => json<BoardPage>(['assist', 'request', 'list']);
    const before = board().counts;
    refused(['assist', 'request', 'add', ...requestArgs, '--until', '2027-02-01T00:00:00Z'], '--until');
    refused(['assist', 'request', 'add', ...requestArgs.filter((a) => a !== '--community' && a !== 'rapid-response')], '--community');
    assert.deepEqual(board().counts, before, 'nothing is stored');
    request = json<RequestView>(['assist', 'request', 'add', ...requestArgs]);
    assert.equal(request.requester.name, 'CSIRT-FR');
    assert.equal(request.column, 'open');
    assert.match(ok(['assist', 'request', 'list']), /Ransomware at a water utility/);
    const page = ok(['assist', 'request', 'show', request.id]);
    assert.match(page, /audience:\s+community rapid-response/);
    assert.match(page, /first-offer: /);
  });

  test("the proposal names the partner's expert by pseudonym, with its reasons", () => {
    const text = ok(['assist', 'request', 'propose', request.id]);
    assert.match(text, new RegExp(expert.pseudonym));
    assert.doesNotMatch(text, /Jana Novak/);
    const proposal = json<{ team: { profileId: string }[] }>(['assist', 'request', 'propose', request.id]);
    assert.deepEqual(
      proposal.team.map((m) => m.profileId),
      [expert.profileId],
    );
  });

  test('the partner offers its expert by name; the requester accepts and forms the team', () => {
    refused(['assist', 'offer', 'add', request.id, '--org', 'CERT-DE', '--expert', 'No Such Expert'], '--expert');
    offer = json<OfferView>(['assist', 'offer', 'add', request.id, '--org', 'CERT-DE', '--expert', 'Jana Novak', '--message', 'At once']);
    assert.equal(offer.org.name, 'CERT-DE');
    refused(['assist', 'decide', offer.id], '--accept');
    assert.equal(json<OfferView>(['assist', 'decide', offer.id, '--accept']).decision?.decision, 'accepted');
    deployment = json<DeploymentView>(['deployment', 'create', request.id, '--name', 'Water utility team']);
    assert.equal(deployment.status, 'planned');
    assert.equal(deployment.members.length, 1);
  });

  test('the team works and reports; the request closes', () => {
    assert.match(ok(['deployment', 'start', deployment.id]), /deployment started/);
    refused(['deployment', 'note', deployment.id, '--org', 'CERT-DE', '--text', 'Imaged controllers', '--hours', 'many'], '--hours');
    assert.match(
      ok(['deployment', 'note', deployment.id, '--org', 'CERT-DE', '--text', 'Imaged controllers', '--hours', '6']),
      /note added/,
    );
    const task = JSON.parse(
      ok(['deployment', 'task', 'add', deployment.id, '--org', 'CSIRT-FR', '--name', 'Rotate VPN keys', '--json']),
    ) as {
      id: string;
    };
    ok(['deployment', 'task', 'update', deployment.id, task.id, '--due', '2027-03-05T00:00:00Z']);
    ok(['deployment', 'end', deployment.id]);
    const report = [
      ...['--findings', 'Exposed VPN appliance', '--actions', 'Rebuilt controllers', '--worked', 'Remote forensics'],
      ...['--recommendations', 'Patch within 48 hours', '--missing-skill', 'tag:ot-forensics'],
    ];
    assert.match(ok(['deployment', 'report', deployment.id, ...report]), /after-action report written/);
    const shown = ok(['deployment', 'show', deployment.id]);
    assert.match(shown, /status:\s+ended/);
    assert.match(shown, /hours:\s+6/);
    assert.match(shown, /Rotate VPN keys/);
    assert.match(shown, /Imaged controllers/);
    assert.equal(json<DeploymentView>(['deployment', 'show', deployment.id]).afterAction?.missingSkills[0], 'tag:ot-forensics');
    assert.equal(json<RequestView>(['assist', 'request', 'close', request.id]).status, 'closed');
  });

  test('an expert leaves the roster', () => {
    const spare = json<ExpertView>(['roster', 'add', '--org', 'CERT-DE', '--name', 'Spare Expert', ...expertArgs]);
    assert.match(ok(['roster', 'remove', spare.id, '--org', 'CERT-DE']), /expert removed/);
    assert.doesNotMatch(ok(['roster', 'list', '--org', 'CERT-DE']), /Spare Expert/);
  });

  test('usage: an unknown subcommand prints the grammar (exit 2)', () => {
    for (const command of ['assist', 'roster', 'deployment']) {
      const r = concord([command, 'frobnicate']);
      assert.equal(r.code, 2);
      assert.match(r.out, new RegExp(`concord ${command} `));
    }
  });
});
