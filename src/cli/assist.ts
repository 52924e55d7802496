// `concord assist …` (issue 18, musts 1, 3, 4 and 8): the requests board, asking for help and
// changing, withdrawing or closing a request, the proposed team, offers of experts and the
// requester's decisions, through the same services as the REST API and the UI. The command line
// acts as the node (the system principal): it reads every request held here, and writes for the
// organisation named with --org where the service takes one (asking, offering).
import { BOARD_COLUMNS, type NewOffer, type OfferView, type RequestView } from '../domain/assistance/api.ts';
import { CLI } from '../domain/identity/principal.ts';
import { InvalidInputError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { orgNames, printJson, resolveOrg } from './admin-format.ts';
import { ASSIST_FLAGS, type AssistValues, decisionOf, newRequest, parseAssist, requestUpdate } from './assist-input.ts';
import { given, list, runCommand, subcommand, windowOf } from './assist-options.ts';
import { printBoard, printOffer, printProfiles, printProposal, printRequest } from './assist-print.ts';
import { integer, oneOf } from './incident-input.ts';
import { Progress } from './progress.ts';

export const usage = `concord assist request add --title TEXT --description TEXT --urgency low|medium|high|critical
                      (--community ID | --to-org ORG... | --federation) --from TIME --until TIME
                      [--skill SKILL]... [--language CODE]... [--mode on-site|remote|either]
                      [--location PLACE] [--country CC] [--clearance SCHEME=LEVEL] [--team-size N]
                      [--utc-offset MINUTES] [--incident ID] [--affected-entity TEXT] [--impact TEXT]
                      [--actions-taken TEXT] [--other-support TEXT] [--coordinator ORG] [--tlp TLP]
                      [--classification SCHEME=LEVEL] [--first-offer-hours H] [--team-ready-hours H]
                      [--org ORG] [--json]
concord assist request list [--column open|matched|deployed|closed] [--limit N] [--all] [--json]
concord assist request show <request-id> [--json]
concord assist request update <request-id> [the options of add, but the audience] [--json]
concord assist request withdraw <request-id> [--json]
concord assist request close <request-id> [--json]
concord assist request propose <request-id> [--json]
concord assist offer add <request-id> --expert EXPERT... [--from TIME --until TIME] [--note TEXT]
                      [--message TEXT] [--org ORG] [--json]
concord assist offer withdraw <offer-id> [--json]
concord assist decide <offer-id> (--accept [--expert PROFILE-ID]... | --decline) [--reason TEXT] [--json]
concord assist profiles [--org ORG] [--skill SKILL] [--limit N] [--json]

A request asks partners for experts (ENISA ECSF role profiles such as cyber-incident-responder, or
free tags such as tag:volatility). propose ranks the experts of every organisation that may answer,
says which need each covers, and why others were excluded. offer add offers experts of --org's
roster (by id or name), for the request's window unless --from/--until say otherwise; decide
accepts or declines an offer on the requester's behalf. TIME is ISO 8601, now, "3h ago" or "in 2d".
--org names an organisation by id or name: the requester (add), the offering organisation (offer
add), whose profiles to list (profiles); --to-org and --coordinator likewise. A refusal names the
option at fault (exit code 1).`;

const ARITY: Record<string, number> = {
  'request add': 0,
  'request list': 0,
  'request show': 1,
  'request update': 1,
  'request withdraw': 1,
  'request close': 1,
  'request propose': 1,
  'offer add': 1,
  'offer withdraw': 1,
  decide: 1,
  profiles: 0,
};

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseAssist(args);
  const cmd = subcommand(positionals, ARITY);
  const fn = cmd === undefined ? undefined : (s: Services) => dispatch(s, cmd.name, cmd.ids[0] ?? '', values);
  return runCommand(values, usage, ASSIST_FLAGS, fn);
}

/** An organisation given by id or name, as its id (undefined when not given). */
async function orgId(s: Services, ref: string | undefined, field: string): Promise<string | undefined> {
  return ref === undefined ? undefined : (await resolveOrg(s, ref, field)).id;
}

function shown(r: RequestView, what: string | undefined, json: boolean | undefined): number {
  if (json) printJson(r);
  else if (what !== undefined) console.log(`${what}: ${r.id} ${r.title} (${r.status})`);
  else printRequest(r);
  return 0;
}

function offered(o: OfferView, what: string, json: boolean | undefined): number {
  if (json) printJson(o);
  else {
    console.log(`${what}: ${o.id}`);
    printOffer(o);
  }
  return 0;
}

async function dispatch(s: Services, name: string, id: string, v: AssistValues): Promise<number> {
  const requests = s.assistance.requests;
  switch (name) {
    case 'request add': {
      const to =
        v['to-org'] === undefined
          ? undefined
          : await Promise.all((list(v['to-org']) ?? []).map(async (o) => (await resolveOrg(s, o, '--to-org')).id));
      const input = newRequest(v, to, await orgId(s, v.coordinator, '--coordinator'));
      return shown(await requests.ask(CLI, input, await orgId(s, v.org, '--org')), 'request added', v.json);
    }
    case 'request list':
      return board(s, v);
    case 'request show':
      await requests.catchUp();
      return shown(await requests.get(CLI, id), undefined, v.json);
    case 'request update': {
      await requests.catchUp();
      const current = await requests.get(CLI, id);
      const input = requestUpdate(v, current.needs, await orgId(s, v.coordinator, '--coordinator'));
      return shown(await requests.update(CLI, id, input), 'request updated', v.json);
    }
    case 'request withdraw':
      return shown(await requests.update(CLI, id, { status: 'withdrawn' }), 'request withdrawn', v.json);
    case 'request close':
      return shown(await requests.update(CLI, id, { status: 'closed' }), 'request closed', v.json);
    case 'request propose': {
      await requests.catchUp();
      const proposal = await s.assistance.matching.propose(CLI, id);
      if (v.json) printJson(proposal);
      else printProposal(proposal, await orgNames(s));
      return 0;
    }
    case 'offer add':
      return offer(s, id, v);
    case 'offer withdraw':
      return offered(await requests.withdrawOffer(CLI, id), 'offer withdrawn', v.json);
    case 'decide':
      return offered(await requests.decide(CLI, id, decisionOf(v)), 'decided', v.json);
    default: {
      await requests.catchUp();
      const q = given<{ org: string; skill: string; limit: number }>({
        org: await orgId(s, v.org, '--org'),
        skill: v.skill?.[0],
        limit: integer(v.limit, '--limit', 1, 500),
      });
      const profiles = await s.assistance.matching.profiles(CLI, q);
      if (v.json) printJson(profiles);
      else printProfiles(profiles);
      return 0;
    }
  }
}

/** The board: one page, or every page with --all (a progress line on a terminal). */
async function board(s: Services, v: AssistValues): Promise<number> {
  const requests = s.assistance.requests;
  await requests.catchUp();
  const column = oneOf(v.column, '--column', BOARD_COLUMNS);
  const limit = integer(v.limit, '--limit', 1, 200) ?? 50;
  const progress = v.all ? new Progress('listing requests') : undefined;
  let page = await requests.board(CLI, { limit, ...(column ? { column } : {}) });
  const items = [...page.items];
  while (v.all && page.next !== null) {
    page = await requests.board(CLI, { limit, after: page.next, ...(column ? { column } : {}) });
    items.push(...page.items);
    progress?.share(items.length, undefined);
  }
  progress?.done();
  if (!v.all && page.next !== null && !v.json) console.error('more requests follow: --all lists every page');
  const all = { ...page, items };
  if (v.json) printJson(all);
  else printBoard(all);
  return 0;
}

/** Offers experts of --org's roster, each by roster id or name, for the given window or the request's. */
async function offer(s: Services, requestId: string, v: AssistValues): Promise<number> {
  const org = await orgId(s, v.org, '--org');
  const roster = await s.assistance.roster.list(CLI, org);
  const refs = list(v.expert) ?? [];
  const window = windowOf(v.from, v.until);
  const experts = refs.map((ref) => {
    // By id, or by name when exactly one expert has it (names are the operator's words for them).
    const named = roster.filter((e) => e.name.toLowerCase() === ref.toLowerCase());
    const found = roster.find((e) => e.id === ref) ?? (named.length === 1 ? named[0] : undefined);
    if (found === undefined) {
      const why = named.length > 1 ? 'is the name of several experts; use the id' : 'is not in the roster';
      throw new InvalidInputError(`expert "${ref}" ${why}`, { field: '--expert' });
    }
    return given<NewOffer['experts'][number]>({ expertId: found.id, window, note: v.note });
  });
  const input: NewOffer = { experts, ...(v.message === undefined ? {} : { message: v.message }) };
  return offered(await s.assistance.requests.offer(CLI, requestId, input, org), 'offer made', v.json);
}
