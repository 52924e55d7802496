// `concord alert-rule add|list|update|disable|remove`: a community's collective-threat rules
// (issue 17, musts 4 and 8), run as the node's command line (a node administrator's rights).
// Bad input names its flag (`--min-orgs` for a rule with N below 2).
import type { AlertRule, AlertRuleInput } from '../domain/alerts/api.ts';
import { CLI } from '../domain/identity/principal.ts';
import { listText, oneRef, printFields, printJson, printTable, requireChanges, runAdmin, usageExit } from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord alert-rule add --name NAME --community ID --subjects object,value,malware
                      --min-orgs N --min-countries K --window-hours W [--tlp LEVEL] [--description TEXT] [--disabled] [--json]
concord alert-rule list [--community ID] [--json]
concord alert-rule update <rule-id> [--name NAME] [--subjects …] [--min-orgs N] [--min-countries K]
                      [--window-hours W] [--tlp LEVEL] [--description TEXT] [--enable] [--json]
concord alert-rule disable <rule-id> [--json]
concord alert-rule remove <rule-id>

A rule holds when the same object, observable value or malware family is sighted by at least N
organisations (N ≥ 2) in at least K countries within W hours; its alerts go to the community.`;

const OPTIONS = {
  name: { type: 'string' },
  community: { type: 'string' },
  subjects: { type: 'string' },
  'min-orgs': { type: 'string' },
  'min-countries': { type: 'string' },
  'window-hours': { type: 'string' },
  tlp: { type: 'string' },
  description: { type: 'string' },
  disabled: { type: 'boolean' },
  enable: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const FLAGS: Record<keyof AlertRuleInput, string> = {
  name: '--name',
  community: '--community',
  subjects: '--subjects',
  minOrganisations: '--min-orgs',
  minCountries: '--min-countries',
  windowHours: '--window-hours',
  tlp: '--tlp',
  enabled: '--enable',
  description: '--description',
};

type Values = ReturnType<typeof parseCommand<typeof OPTIONS>>['values'];

/** A number flag as given (NaN for text, so the rule check names the flag). */
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : v.trim() === '' ? Number.NaN : Number(v));

function input(v: Values): Partial<Record<keyof AlertRuleInput, unknown>> {
  const out: Partial<Record<keyof AlertRuleInput, unknown>> = {};
  if (v.name !== undefined) out.name = v.name;
  if (v.community !== undefined) out.community = v.community;
  if (v.subjects !== undefined)
    out.subjects = v.subjects
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (v['min-orgs'] !== undefined) out.minOrganisations = num(v['min-orgs']);
  if (v['min-countries'] !== undefined) out.minCountries = num(v['min-countries']);
  if (v['window-hours'] !== undefined) out.windowHours = num(v['window-hours']);
  if (v.tlp !== undefined) out.tlp = v.tlp;
  if (v.description !== undefined) out.description = v.description;
  if (v.disabled) out.enabled = false;
  if (v.enable) out.enabled = true;
  return out;
}

function print(r: AlertRule, json: boolean | undefined): void {
  if (json) return printJson(r);
  printFields([
    ['id', r.id],
    ['name', r.name],
    ['community', r.community],
    ['subjects', listText(r.subjects)],
    ['rule', `${r.minOrganisations} organisations in ${r.minCountries} countries within ${r.windowHours} h`],
    ['tlp', r.tlp],
    ['state', r.enabled ? 'enabled' : 'disabled'],
    ['description', r.description ?? '-'],
    ['modified', r.modified],
  ]);
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  const [action] = positionals;
  const id = oneRef(positionals);
  const needsId = action === 'update' || action === 'disable' || action === 'remove';
  if (
    values.help ||
    !action ||
    !['add', 'list', 'update', 'disable', 'remove'].includes(action) ||
    (needsId ? id === undefined : positionals.length > 1)
  ) {
    return usageExit(usage, values.help);
  }
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'list') {
      const rules = await s.alertRules.list(CLI, values.community ? { community: values.community } : {});
      if (values.json) printJson(rules);
      else
        printTable(
          ['ID', 'NAME', 'COMMUNITY', 'SUBJECTS', 'N', 'K', 'W (h)', 'TLP', 'STATE'],
          rules.map((r) => [
            r.id,
            r.name,
            r.community,
            listText(r.subjects),
            String(r.minOrganisations),
            String(r.minCountries),
            String(r.windowHours),
            r.tlp,
            r.enabled ? 'enabled' : 'disabled',
          ]),
          'no alert rules',
        );
      return 0;
    }
    if (action === 'add') print(await s.alertRules.create(CLI, input(values)), values.json);
    else if (action === 'remove') {
      await s.alertRules.remove(CLI, id ?? '');
      console.log(`removed ${id}`);
    } else {
      const changes = action === 'disable' ? { enabled: false } : input(values);
      requireChanges(changes, 'alert-rule update');
      print(await s.alertRules.update(CLI, id ?? '', changes), values.json);
    }
    return 0;
  });
}
