// `concord decay models|set|reset|score`: the decay models of indicator kinds and one
// indicator's score (issue 17, musts 6 and 8), as the node's command line.
import { DECAY_KINDS, type DecayModel, type DecayScore } from '../domain/decay/api.ts';
import type { DecayModelPatch } from '../domain/decay/validate.ts';
import { CLI } from '../domain/identity/principal.ts';
import type { DecayModels } from '../services/decay.service.ts';
import { oneRef, printFields, printJson, printTable, runAdmin, usageExit } from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord decay models [--json]
concord decay set <kind> [--lifetime-days N] [--decay-speed N] [--base-score N] [--threshold N]
                         [--sighting-boost N] [--false-positive-penalty N] [--json]
concord decay reset <kind> [--json]
concord decay score <indicator-id> [--json]

An indicator's score falls from the base score to 0 over the lifetime of its kind's model
(MISP's polynomial: base · (1 − (t/lifetime)^(1/decay speed))); each true sighting within the
lifetime adds the sighting boost (up to 100) and restarts the clock, each false positive removes
the penalty. Below the threshold it counts as expired. Kinds: ${DECAY_KINDS.join(', ')}.
set changes only the options given; reset puts the kind back on its default model.`;

const OPTIONS = {
  'lifetime-days': { type: 'string' },
  'decay-speed': { type: 'string' },
  'base-score': { type: 'string' },
  threshold: { type: 'string' },
  'sighting-boost': { type: 'string' },
  'false-positive-penalty': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Each model field and the option that sets it. */
const FIELD_FLAGS = [
  ['lifetimeDays', 'lifetime-days'],
  ['decaySpeed', 'decay-speed'],
  ['baseScore', 'base-score'],
  ['threshold', 'threshold'],
  ['sightingBoost', 'sighting-boost'],
  ['falsePositivePenalty', 'false-positive-penalty'],
] as const;

// `set` sends one model: the service names its fields `models[0].<field>`.
const FLAGS: Record<string, string> = Object.fromEntries([
  ['models[0].kind', '<kind>'],
  ...FIELD_FLAGS.map(([field, flag]) => [`models[0].${field}`, `--${flag}`]),
]);

function printModels(m: DecayModels, json: boolean | undefined): void {
  if (json) return printJson(m);
  const isDefault = (x: DecayModel) => JSON.stringify(m.defaults.find((d) => d.kind === x.kind)) === JSON.stringify(x);
  printTable(
    ['KIND', 'LIFETIME', 'SPEED', 'BASE', 'THRESHOLD', 'BOOST', 'FP PENALTY', ''],
    m.models.map((x) => [
      x.kind,
      `${x.lifetimeDays} d`,
      String(x.decaySpeed),
      String(x.baseScore),
      String(x.threshold),
      `+${x.sightingBoost}`,
      `-${x.falsePositivePenalty}`,
      isDefault(x) ? 'default' : 'set',
    ]),
    'no models',
  );
}

function printScore(s: DecayScore, json: boolean | undefined): void {
  if (json) return printJson(s);
  printFields([
    ['score', `${s.score}${s.expired ? ' (expired)' : ''}`],
    ['kind', s.kind],
    ['age', `${s.ageDays} days`],
    ['decayed base', String(s.base)],
    ['sightings', `+${s.sightingPoints}`],
    ['false positives', `-${s.falsePositivePoints}`],
  ]);
  for (const r of s.reasons) console.log(`  ${r}`);
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  const [action] = positionals;
  const ref = oneRef(positionals);
  const needsRef = action === 'set' || action === 'reset' || action === 'score';
  if (
    values.help ||
    !action ||
    !['models', 'set', 'reset', 'score'].includes(action) ||
    (needsRef ? ref === undefined : positionals.length > 1)
  )
    return usageExit(usage, values.help);
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'models') printModels(await s.decay.models(CLI), values.json);
    else if (action === 'reset') printModels(await s.decay.resetModels(CLI, [ref ?? '']), values.json);
    else if (action === 'score') printScore(await s.decay.score(CLI, ref ?? ''), values.json);
    else {
      const patch: DecayModelPatch = { kind: ref ?? '' };
      // An unreadable number goes to the service as NaN, which names the option at fault.
      for (const [field, flag] of FIELD_FLAGS) {
        const v = values[flag];
        if (v !== undefined) patch[field] = v.trim() === '' ? Number.NaN : Number(v);
      }
      printModels(await s.decay.setModels(CLI, [patch]), values.json);
    }
    return 0;
  });
}
