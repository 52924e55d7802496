// `concord export`: stream the latest versions as a STIX 2.1 bundle to a file or stdout.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { toFilter } from '../domain/objects/filter.ts';
import { CLI } from '../domain/identity/principal.ts';
import { configFrom, parseCommand, withServices } from './context.ts';
import { Progress } from './progress.ts';

export const usage = `concord export [--type T[,T...]] [--since TIME] [--out FILE]
  Writes a STIX 2.1 bundle of the latest version of every matching object.
  --type    only these STIX types
  --since   only objects stored at or after this time (ISO 8601)
  --out     write to FILE instead of stdout`;

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { type: { type: 'string' }, since: { type: 'string' }, out: { type: 'string' } });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const config = configFrom(values);
  const filter = toFilter({ ...(values.type ? { type: values.type } : {}), ...(values.since ? { since: values.since } : {}) });
  const progress = new Progress('exporting');
  let count = 0;
  let bytes = 0;
  await withServices(config, async (s) => {
    const chunks = s.objects.exportBundle(CLI, filter, (n) => {
      count = n;
      progress.update(bytes, n);
    });
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
