// Rapid response across three sovereign nodes as separate processes (issue 18, must 9): CERT-FR
// on node A asks its community for help; CERT-DE (node B) and CERT-EE (node C) read the request
// and each offer their expert; CERT-FR sees both offers, each offerer only its own. CERT-FR
// accepts CERT-DE's and declines CERT-EE's and deploys: node B releases its expert's member card
// to the deployment, so CERT-FR's deployment page names the expert, while node C never receives
// the card nor the name (must 2). Tasks and status notes travel both ways; the deployment ends
// with an after-action report that reaches node B and counts there as the expert's past
// deployment (must 6). Requests to named organisations reach only those; a withdrawn request
// shows withdrawn wherever it was read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentView, ExpertView, OfferView, ProfileView, RequestView, TaskView } from '../src/domain/assistance/api.ts';
import { MEMBER_CARD_TYPE } from '../src/domain/assistance/api.ts';
import { requestInput } from './helpers/assistance-inputs.ts';
import { ASSISTANCE_ROUTES as R, type AssistanceNode, expectCall, startAssistanceNodes, until } from './helpers/assistance-nodes.ts';
import type { ProcessNode } from './helpers/federation-nodes.ts';

describe('an assistance request across three nodes', { timeout: 300_000 }, () => {
  let all: AssistanceNode[] = [];
  let nodes: ProcessNode[] = [];
  const at = (i: number): AssistanceNode => all[i] as AssistanceNode;
  let requestId = '';
  let offerB = '';
  let offerC = '';
  let deploymentId = '';

  before(async () => {
    all = await startAssistanceNodes(['CERT-FR', 'CERT-DE', 'CERT-EE']);
    nodes = all.map((x) => x.node);
  });
  after(async () => {
    for (const n of nodes) await n.dispose();
  });

  /** The request page as `i`'s coordinator reads it (null: 404, as for a missing request). */
  const page = async (i: number, id: string): Promise<RequestView | null> => {
    const res = await at(i).node.call(at(i).coordinator, 'GET', R.request(id));
    if (res.status === 404) return null;
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json as RequestView;
  };
  /** The pseudonymous profiles node `i` shows its coordinator, and the answer's text. */
  const profilesOn = async (i: number): Promise<{ profiles: ProfileView[]; text: string }> => {
    const res = await at(i).node.call(at(i).coordinator, 'GET', `${R.profiles}?limit=100`);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return { profiles: (res.json as { profiles: ProfileView[] }).profiles, text: JSON.stringify(res.json) };
  };
  const deploymentOn = async (i: number): Promise<DeploymentView | null> => {
    const res = await at(i).node.call(at(i).analyst, 'GET', R.deployment(deploymentId));
    return res.status === 200 ? (res.json as DeploymentView) : null;
  };

  test('each expert travels as a pseudonymous profile: node A shows both, without a name', async () => {
    await until(
      "B's and C's profiles on node A",
      async () => {
        const ids = new Set((await profilesOn(0)).profiles.map((p) => p.id));
        return ids.has(at(1).expert.profileId) && ids.has(at(2).expert.profileId);
      },
      nodes,
    );
    const { profiles, text } = await profilesOn(0);
    assert.equal(profiles.find((p) => p.id === at(1).expert.profileId)?.org.id, at(1).node.orgId);
    for (const i of [1, 2])
      for (const secret of [at(i).expert.name, at(i).expert.email ?? '']) assert.ok(!text.includes(secret), `node A shows "${secret}"`);
  });

  test('CERT-FR asks community eu; CERT-DE and CERT-EE read it and offer; CERT-FR sees both offers, each offerer its own', async () => {
    const asked = await expectCall<RequestView>(
      at(0).node,
      at(0).coordinator,
      'POST',
      R.requests,
      requestInput({ kind: 'community', id: 'eu' }),
    );
    requestId = asked.id;
    for (const i of [1, 2]) await until(`node ${i} reads the request`, async () => (await page(i, requestId)) !== null, nodes);
    const offer = async (i: number): Promise<string> => {
      const o = await expectCall<OfferView>(at(i).node, at(i).coordinator, 'POST', R.offers(requestId), {
        experts: [{ expertId: at(i).expert.id }],
        message: `${at(i).node.name} can send one responder`,
      });
      assert.deepEqual(
        o.experts.map((e) => e.profileId),
        [at(i).expert.profileId],
      );
      return o.id;
    };
    offerB = await offer(1);
    offerC = await offer(2);
    const ms = await until(
      "both offers on CERT-FR's request page",
      async () => new Set((await page(0, requestId))?.offers.map((o) => o.id)).size === 2,
      nodes,
    );
    console.log(`# both offers on the requester's page ${Math.round(ms)} ms after the second offer was answered`);
    const seen = (await page(0, requestId)) as RequestView;
    assert.deepEqual(new Set(seen.offers.map((o) => o.id)), new Set([offerB, offerC]));
    assert.deepEqual(new Set(seen.offers.map((o) => o.org.id)), new Set([at(1).node.orgId, at(2).node.orgId]));
    // Pseudonymous: the offers name profiles, never the experts.
    for (const i of [1, 2]) assert.ok(!JSON.stringify(seen).includes(at(i).expert.name), 'no name on the request page');
    // Each offerer reads its own offer only (the offer goes to offerer, requester and coordinator).
    assert.deepEqual(
      (await page(1, requestId))?.offers.map((o) => o.id),
      [offerB],
    );
    assert.deepEqual(
      (await page(2, requestId))?.offers.map((o) => o.id),
      [offerC],
    );
    assert.equal((await at(1).node.query('select id from objects where id = ?', [offerC])).length, 0, 'node B never holds C’s offer');
    assert.equal((await at(2).node.query('select id from objects where id = ?', [offerB])).length, 0, 'node C never holds B’s offer');
  });

  test("CERT-FR accepts CERT-DE's offer, declines CERT-EE's and deploys; the name reaches CERT-FR only", async () => {
    await expectCall(at(0).node, at(0).coordinator, 'POST', R.decision(offerB), { decision: 'accepted' });
    await expectCall(at(0).node, at(0).coordinator, 'POST', R.decision(offerC), { decision: 'declined', reason: 'Team complete' });
    for (const [i, offerId, decision] of [
      [1, offerB, 'accepted'],
      [2, offerC, 'declined'],
    ] as const) {
      await until(
        `node ${i} reads the decision on its offer`,
        async () => (await page(i, requestId))?.offers.find((o) => o.id === offerId)?.decision?.decision === decision,
        nodes,
      );
    }
    const d = await expectCall<DeploymentView>(at(0).node, at(0).coordinator, 'POST', R.deployments(requestId), {});
    deploymentId = d.id;
    assert.deepEqual(
      d.members.map((m) => m.profileId),
      [at(1).expert.profileId],
    );
    await expectCall(at(0).node, at(0).coordinator, 'PATCH', R.deployment(deploymentId), { status: 'active' });
    const ms = await until(
      "the expert's name on CERT-FR's deployment page",
      async () => (await deploymentOn(0))?.members[0]?.name === at(1).expert.name,
      nodes,
    );
    console.log(`# the member card from node B on the requester's deployment page ${Math.round(ms)} ms after the deployment started`);
    const member = (await deploymentOn(0))?.members[0];
    assert.equal(member?.email, at(1).expert.email ?? null);
    // Node B reads the deployment too (its organisation is a member); node C does not.
    await until('node B reads the deployment', async () => (await deploymentOn(1)) !== null, nodes);
    assert.equal(await deploymentOn(2), null, 'CERT-EE is not a member');
  });

  test('tasks and status notes travel between the deployment’s organisations', async () => {
    const task = await expectCall<TaskView>(at(0).node, at(0).analyst, 'POST', R.tasks(deploymentId), {
      name: 'Image the plant historian',
      assignee: at(1).expert.profileId,
    });
    await expectCall(at(1).node, at(1).analyst, 'POST', R.notes(deploymentId), {
      text: 'Historian imaged; no lateral movement yet',
      hours: 7,
    });
    await until('the task on node B', async () => (await deploymentOn(1))?.tasks.some((t) => t.id === task.id) ?? false, nodes);
    await until(
      'the note on node A, with its hours',
      async () => {
        const d = await deploymentOn(0);
        return (d?.notes.some((n) => n.text.startsWith('Historian imaged')) ?? false) && d?.hours === 7;
      },
      nodes,
    );
  });

  test('the deployment ends with an after-action report that reaches node B and counts as the expert’s past deployment', async () => {
    await expectCall(at(0).node, at(0).coordinator, 'PATCH', R.deployment(deploymentId), { status: 'ended' });
    await expectCall(at(0).node, at(0).coordinator, 'POST', R.afterAction(deploymentId), {
      findings: 'Initial access through the vendor VPN',
      actions: 'Rebuilt the historian; rotated vendor credentials',
      worked: 'Remote imaging within hours',
      recommendations: 'MFA on vendor access',
      missingSkills: ['tag:ics-forensics'],
    });
    await until(
      'the report on node B',
      async () => (await deploymentOn(1))?.afterAction?.findings === 'Initial access through the vendor VPN',
      nodes,
    );
    await until(
      "the expert's past deployments on node B's roster",
      async () => {
        const res = await at(1).node.call(at(1).coordinator, 'GET', R.expert(at(1).expert.id));
        return res.status === 200 && (res.json as ExpertView).pastDeployments === 1;
      },
      nodes,
    );
    // The profile republished with its count reaches the requester's node too.
    await until(
      "the expert's past deployments on node A's profiles",
      async () => (await profilesOn(0)).profiles.find((p) => p.id === at(1).expert.profileId)?.pastDeployments === 1,
      nodes,
    );
    const other = await at(2).node.call(at(2).coordinator, 'GET', R.expert(at(2).expert.id));
    assert.equal((other.json as ExpertView).pastDeployments, 0, 'the declined expert served in nothing');
  });

  test('node C never receives the deployment, its member card nor a personal detail of node B’s expert', async () => {
    // Wait until node C has pulled everything nodes A and B let through, the after-action report
    // included, then look for any trace of the deployment.
    await until(
      'node C caught up with nodes A and B',
      async () => {
        for (const src of [at(0).node, at(1).node]) {
          const [head] = await src.query<{ head: number | string }>('select max(seq) as head from objects');
          const [row] = await at(2).node.query<{ cursor: string | null }>('select cursor from peers where key_id = ?', [src.keyId]);
          if (row?.cursor == null || Number(row.cursor) < Number(head?.head ?? 0)) return false;
        }
        return true;
      },
      nodes,
    );
    // Nor the deployment, its tasks, notes or cards: nothing on node C names it.
    const [named] = await at(2).node.query<{ n: number | string }>('select count(*) as n from objects where id = ? or json like ?', [
      deploymentId,
      `%${deploymentId}%`,
    ]);
    assert.equal(Number(named?.n), 0, 'nothing of the deployment on node C');
    const cards = await at(2).node.query<{ n: number | string }>('select count(*) as n from objects where type = ?', [MEMBER_CARD_TYPE]);
    assert.equal(Number(cards[0]?.n), 0, 'no member card on node C');
    const b = at(1).expert;
    for (const secret of [b.name, b.email, b.phone].filter((x): x is string => typeof x === 'string' && x !== '')) {
      const [n] = await at(2).node.query<{ n: number | string }>('select count(*) as n from objects where json like ?', [`%${secret}%`]);
      assert.equal(Number(n?.n), 0, `node C holds "${secret}"`);
    }
  });

  test('requests to named organisations reach only them; a withdrawn request shows withdrawn on B and C', async () => {
    const onlyB = await expectCall<RequestView>(
      at(0).node,
      at(0).coordinator,
      'POST',
      R.requests,
      requestInput({ kind: 'organizations', ids: [at(1).node.orgId] }),
    );
    const both = await expectCall<RequestView>(
      at(0).node,
      at(0).coordinator,
      'POST',
      R.requests,
      requestInput({ kind: 'organizations', ids: [at(1).node.orgId, at(2).node.orgId] }),
    );
    for (const i of [1, 2])
      await until(`node ${i} reads the request to B and C`, async () => (await page(i, both.id))?.status === 'open', nodes);
    assert.equal((await page(1, onlyB.id))?.status, 'open');
    // Node C pulled past the request to B alone (written before) and never received it.
    assert.equal(await page(2, onlyB.id), null);
    assert.equal((await at(2).node.query('select id from objects where id = ?', [onlyB.id])).length, 0);
    await expectCall(at(0).node, at(0).coordinator, 'PATCH', R.request(both.id), { status: 'withdrawn' });
    for (const i of [1, 2])
      await until(`node ${i} shows the request withdrawn`, async () => (await page(i, both.id))?.status === 'withdrawn', nodes);
    const board = await expectCall<{ items: { id: string; column: string }[] }>(
      at(2).node,
      at(2).coordinator,
      'GET',
      R.requests,
      undefined,
    );
    assert.equal(board.items.find((r) => r.id === both.id)?.column, 'closed');
  });
});
