// `concord import <file|->`: stream a bundle into the store with a progress line and a summary.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportSummary } from '../domain/imports/types.ts';
import { actorName, CLI } from '../domain/identity/principal.ts';
import { auditImport } from '../services/import-audit.ts';
import { configFrom, parseCommand, withServices } from './context.ts';
import { Progress } from './progress.ts';

export const usage = `concord import <file|-> [--json] [--source NAME] [--org ORG] [--tlp TLP] [--distribution D]
  Imports a STIX 2.1 (or 2.0) bundle, an array of objects or one object, of any size.
  --json          print the summary as one JSON object
  --source        where the data came from (kept with quarantined objects)
  --org           the owning organisation, by id or name (default: the node's operating organisation)
  --tlp           TLP of objects without a TLP marking: clear|green|amber|amber+strict|red (default: the organisation's)
  --distribution  audience of objects without one: organization | sharing-group:<id> | community:<id> | federation`;

/** Prints the summary for people. */
function printSummary(s: ImportSummary): void {
  const lines = [
    `accepted     ${s.accepted}`,
    `unchanged    ${s.unchanged}`,
    `upgraded     ${s.upgraded}`,
    `quarantined  ${s.quarantined}`,
  ];
  for (const [reason, n] of Object.entries(s.reasons)) lines.push(`  ${reason}: ${n}`);
  for (const [change, n] of Object.entries(s.upgrades)) lines.push(`  upgrade: ${change}: ${n}`);
  if (s.restricted) lines.push(`restricted   ${s.restricted} (markings not known here: visible to the owning organisation only)`);
  if (s.quarantined > 0) lines.push('see them with: npx concord quarantine list');
  if (s.error) lines.push(`stopped early: ${s.error.message}`);
  console.log(lines.join('\n'));
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    json: { type: 'boolean' },
    source: { type: 'string' },
    org: { type: 'string' },
    tlp: { type: 'string' },
    distribution: { type: 'string' },
  });
  const file = positionals[0];
  if (values.help || file === undefined) {
    console.log(usage);
    return file === undefined && !values.help ? 2 : 0;
  }
  const config = configFrom(values);
  const total = file === '-' ? undefined : (await stat(file)).size;
  const input = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  const progress = new Progress(`importing ${file === '-' ? 'stdin' : basename(file)}`, total);
  const summary = await withServices(config, async (s) => {
    const owner = await s.importOwner(CLI, { orgId: values.org, tlp: values.tlp, distribution: values.distribution });
    const source = values.source ?? (file === '-' ? 'stdin' : `file:${basename(file)}`);
    let objectsRead = 0;
    const result = await s.ingest.importStream(input, {
      source,
      from: { kind: 'cli', label: file === '-' ? 'stdin' : basename(file) },
      owner,
      onProgress: (p) => {
        objectsRead = p.objectsRead;
        progress.update(p.bytesRead, p.objectsRead);
      },
    });
    // One audit entry per run, as for uploads (issue 15, must 9).
    const fileName = file === '-' ? null : basename(file);
    await auditImport(s.audit, { actor: actorName(CLI), jobId: null, fileName, source, objectsRead, summary: result });
    return result;
  });
  progress.done();
  if (values.json) console.log(JSON.stringify(summary));
  else printSummary(summary);
  return summary.error ? 1 : 0;
}
