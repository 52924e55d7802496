// `concord <command>`: one file per command; each exports `run(args)` and `usage`.
import { ConcordError } from '../errors.ts';

type Command = { run(args: string[]): Promise<number>; usage: string };

const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: () => import('./serve.ts'),
  import: () => import('./import.ts'),
  export: () => import('./export.ts'),
  quarantine: () => import('./quarantine.ts'),
  audit: () => import('./audit.ts'),
  org: () => import('./org.ts'),
  user: () => import('./user.ts'),
  token: () => import('./token.ts'),
  community: () => import('./community.ts'),
  'sharing-group': () => import('./sharing-group.ts'),
  collection: () => import('./collection.ts'),
  feed: () => import('./feed.ts'),
  node: () => import('./node.ts'),
  peer: () => import('./peer.ts'),
  verify: () => import('./verify.ts'),
  object: () => import('./object.ts'),
  incident: () => import('./incident.ts'),
  sighting: () => import('./sighting.ts'),
  correlation: () => import('./correlation.ts'),
  warninglist: () => import('./warninglist.ts'),
  decay: () => import('./decay.ts'),
  alert: () => import('./alert.ts'),
  'alert-rule': () => import('./alert-rule.ts'),
  assist: () => import('./assist.ts'),
  roster: () => import('./roster.ts'),
  deployment: () => import('./deployment.ts'),
};

const HELP = `usage: concord <command> [options]

commands:
  serve        run a node (http://127.0.0.1:8080 by default)
  import       import a STIX bundle from a file or stdin
  export       export a STIX 2.1 bundle
  quarantine   list, show and retry what was not stored
  audit        verify the hash-chained audit log, list its entries
  org          add, list, show, update and disable organisations
  user         add, list, show, update and disable users; one-time passwords
  token        create, list, show and revoke API tokens (the secret is shown once)
  community    add, list, show, update and disable communities
  sharing-group  add, list, show, update and disable sharing groups
  collection   add, list, show, update and remove TAXII collections
  feed         add, list, pull and remove TAXII 2.1 feeds this node pulls from
  node         this node's federation identity and key; retract objects it shared
  peer         add, list, show, update, remove peer nodes; their sync status
  verify       check the provenance signatures of a bundle offline
  object       create, revise, revoke, relate, sight and re-mark objects
  incident     NIS2 incidents: list, show, open, work on, report, answer, share, hand over; summary
  sighting     record sightings, report a file of observed values, read an object's sightings
  correlation  the objects sharing an observable value with an object ("also seen in")
  warninglist  the MISP warninglists loaded, and which of them a value is on
  decay        indicator decay models per kind; an indicator's score and why
  alert        collective-threat alerts: list, show, watch
  alert-rule   a community's alert rules: add, list, update, disable, remove
  assist       assistance requests: ask, list, show, update, withdraw, close, propose a team; offers, decisions
  roster       an organisation's experts: add, list, show, update, remove
  deployment   a request's team: create, show, start, end; status notes, tasks, after-action report

global options:
  --data-dir DIR        data directory (CONCORD_DATA_DIR, default ./data)
  --database-url URL    PostgreSQL instead of SQLite (CONCORD_DATABASE_URL)
  --log-level LEVEL     fatal|error|warn|info|debug|trace|silent (CONCORD_LOG_LEVEL)
  --warninglists DIR    folder of MISP warninglists (CONCORD_WARNINGLISTS_DIR, default none)
  --correlation-limit N values in more objects are not expanded (CONCORD_CORRELATION_LIMIT, default 20)

concord <command> --help shows a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  return (await load()).run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof ConcordError) console.error(`error ${e.code}: ${e.message}`);
  else if (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) console.error(`error: ${e.message}`);
  else if (e instanceof Error && 'code' in e && e.code === 'ENOENT') console.error(`error: ${e.message}`);
  else throw e;
  process.exitCode = 2;
}
