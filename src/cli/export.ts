// `concord export`: stream the latest versions as a STIX 2.1 bundle to a file or stdout.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { toFilter } from '../domain/objects/filter.ts';
import { CLI } from '../domain/identity/principal.ts';
import { InvalidInputError } from '../errors.ts';
import { configFrom, parseCommand, withServices } from './context.ts';
import { Progress } from './progress.ts';

export const usage = `concord export [--type T[,T...]] [--since TIME] [--q TEXT] [--label L[,L...]] [--tlp T[,T...]]
               [--include deprecated,revoked,system|all|none] [--min-score N] [--format stix|csv] [--out FILE]
  Writes a STIX 2.1 bundle (or CSV) of the latest version of every matching object: the
  Explorer's filters (issue 15). Everything is exported unless --include says otherwise.
  --type     only these STIX types
  --since    only objects stored at or after this time (ISO 8601)
  --q        full-text search (every word must occur)
  --label    objects with any of these labels
  --tlp      objects of these TLP levels
  --include  what the Explorer hides to keep: deprecated, revoked, system; all (default) or none
  --min-score  leave out indicators whose decay score is below N (0-100); other objects pass
  --format   stix (default) or csv (id,type,name,created,modified,owner,tlp,labels,confidence)
  --out      write to FILE instead of stdout`;

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommand(args, {
    type: { type: 'string' },
    since: { type: 'string' },
    out: { type: 'string' },
    q: { type: 'string' },
    label: { type: 'string' },
    tlp: { type: 'string' },
    include: { type: 'string' },
    format: { type: 'string' },
    'min-score': { type: 'string' },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const config = configFrom(values);
  const format = values.format ?? 'stix';
  if (format !== 'stix' && format !== 'csv')
    throw new InvalidInputError(`--format takes stix or csv, got "${format}"`, { parameter: 'format' });
  const given = (k: 'type' | 'since' | 'q' | 'label' | 'tlp') => (values[k] ? { [k]: values[k] } : {});
  const filter = toFilter({
    ...given('type'),
    ...given('since'),
    ...given('q'),
    ...given('label'),
    ...given('tlp'),
    include: values.include ?? 'all',
  });
  const minScore = scoreOption(values['min-score']);
  const progress = new Progress('exporting');
  let count = 0;
  let bytes = 0;
  await withServices(config, async (s) => {
    const refine = minScore === undefined ? undefined : s.decay.refinement(CLI, minScore);
    const chunks =
      format === 'csv'
        ? s.search.csv(CLI, filter, refine)
        : s.objects.exportBundle(
            CLI,
            filter,
            (n) => {
              count = n;
              progress.update(bytes, n);
            },
            refine,
          );
    async function* counted(): AsyncGenerator<string> {
      for await (const chunk of chunks) {
        bytes += Buffer.byteLength(chunk);
        yield chunk;
      }
    }
    await pipeline(Readable.from(counted()), values.out ? createWriteStream(values.out) : process.stdout);
  });
  progress.done();
  if (values.out) console.error(`exported ${count} objects to ${values.out}`);
  return 0;
}

/** `--min-score`: a score from 0 to 100 (issue 17, must 6). */
function scoreOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidInputError(`--min-score takes a score from 0 to 100, got "${v}"`, { parameter: 'min-score' });
  return n;
}
