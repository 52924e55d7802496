// `concord object create|revise|revoke|relate|sight|mark` (issue 15, must 4): the write API from
// the command line. The node writes (the system principal) for its operating organisation, or
// the one named with --org; every write passes the same checks and ingest path as the REST API.
import { readFile } from 'node:fs/promises';
import { CLI } from '../domain/identity/principal.ts';
import { isTlp } from '../domain/markings/tlp.ts';
import type { MarkingInput, WriteResult } from '../domain/writing/types.ts';
import { ConcordError, InvalidInputError } from '../errors.ts';
import { configFrom, parseCommand, withServices } from './context.ts';

export const usage = `concord object create --file F [--tlp T] [--distribution D] [--org O]
concord object revise <id> --file changes.json [--base MODIFIED] [--tlp T] [--distribution D]
concord object revoke <id>
concord object relate <source-id> <relationship-type> <target-id> [--description TEXT] [--tlp T] [--distribution D] [--org O]
concord object sight <id> [--where <identity-or-location-id>]... [--count N] [--first-seen T] [--last-seen T] [--org O]
concord object mark <id> [--tlp T] [--distribution D]

create   stores the object in F (JSON; id, spec_version, created, modified and created_by_ref are filled in)
revise   publishes a new version: the properties in changes.json set, those set to null removed
revoke   publishes the final, revoked version (STIX 2.1 §3.6)
relate   adds a relationship (STIX 2.1 §5.1) between two objects held here
sight    adds a sighting (STIX 2.1 §5.2) of an object held here
mark     publishes a new version with another TLP or distribution
--tlp           clear|green|amber|amber+strict|red (default: the organisation's, or the object's current one)
--distribution  organization | sharing-group:<id> | community:<id> | federation
--org           the writing organisation, by id or name (default: the node's operating organisation)
Prints the stored id and version; on refusal, the error and the JSON path at fault (exit code 1).`;

const OPTIONS = {
  file: { type: 'string' },
  tlp: { type: 'string' },
  distribution: { type: 'string' },
  org: { type: 'string' },
  base: { type: 'string' },
  description: { type: 'string' },
  where: { type: 'string', multiple: true },
  count: { type: 'string' },
  'first-seen': { type: 'string' },
  'last-seen': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const ARITY: Record<string, number> = { create: 0, revise: 1, revoke: 1, relate: 3, sight: 1, mark: 1 };

/** Reads a JSON object from a file, naming the file when it is not one. */
async function jsonFile(path: string | undefined, what: string): Promise<Record<string, unknown>> {
  if (path === undefined) throw new InvalidInputError(`--file is required: the ${what} as JSON`, { field: '--file' });
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new InvalidInputError(`${path}: ${(e as Error).message}`, { field: '--file' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidInputError(`${path} must hold one JSON object`, { field: '--file' });
  return value as Record<string, unknown>;
}

/** The failure, with each issue's JSON path, on stderr. */
function report(e: ConcordError): void {
  console.error(`error ${e.code}: ${e.message}`);
  const issues = e.details['issues'];
  if (Array.isArray(issues)) for (const i of issues as { path: string; message: string }[]) console.error(`  ${i.path}: ${i.message}`);
  else if (typeof e.details['field'] === 'string') console.error(`  at ${e.details['field']}`);
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  const [action = '', ...rest] = positionals;
  if (values.help || ARITY[action] !== rest.length) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const tlp = values.tlp;
  if (tlp !== undefined && !isTlp(tlp)) {
    console.error(`error INVALID_INPUT: --tlp must be one of clear, green, amber, amber+strict, red\n  at --tlp`);
    return 1;
  }
  const markings: MarkingInput = { ...(tlp ? { tlp } : {}), ...(values.distribution ? { distribution: values.distribution } : {}) };
  const org = values.org;
  const [first = '', second = '', third = ''] = rest;
  try {
    const result = await withServices(configFrom(values), async (s): Promise<WriteResult> => {
      const w = s.write;
      switch (action) {
        case 'create': {
          const object = await jsonFile(values.file, 'object');
          if (typeof object['type'] !== 'string') throw new InvalidInputError('the object has no type', { field: '$.type' });
          return w.create(CLI, { object: { ...object, type: object['type'] }, ...markings }, org);
        }
        case 'revise':
          return w.revise(CLI, first, {
            changes: await jsonFile(values.file, 'changes'),
            ...(values.base ? { base: values.base } : {}),
            ...markings,
          });
        case 'revoke':
          return w.revoke(CLI, first);
        case 'relate':
          return w.relate(
            CLI,
            {
              source_ref: first,
              relationship_type: second,
              target_ref: third,
              ...(values.description ? { description: values.description } : {}),
              ...markings,
            },
            org,
          );
        case 'sight': {
          const count = values.count === undefined ? undefined : Number(values.count);
          return w.sight(
            CLI,
            {
              sighting_of_ref: first,
              ...(values.where ? { where_sighted_refs: values.where } : {}),
              ...(count === undefined ? {} : { count }),
              ...(values['first-seen'] ? { first_seen: values['first-seen'] } : {}),
              ...(values['last-seen'] ? { last_seen: values['last-seen'] } : {}),
              ...(values.description ? { description: values.description } : {}),
              ...markings,
            },
            org,
          );
        }
        default:
          return w.mark(CLI, first, markings);
      }
    });
    if (values.json) console.log(JSON.stringify(result));
    else
      console.log(
        `${result.object.id} version ${result.object.modified ?? '(observable, unversioned)'} TLP:${result.marking.tlp.toUpperCase()}`,
      );
    return 0;
  } catch (e) {
    if (!(e instanceof ConcordError)) throw e;
    report(e);
    return 1;
  }
}
