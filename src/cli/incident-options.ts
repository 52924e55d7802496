// The options of `concord incident …` (one table for every subcommand; each reads those its
// usage names) and how a service's field is named back as the option that gave it.
import { parseArgs } from 'node:util';
import { GLOBAL_OPTIONS } from './context.ts';

const str = { type: 'string' } as const;
const many = { type: 'string', multiple: true } as const;
const flag = { type: 'boolean' } as const;

/** Every option of every subcommand; each subcommand reads those its usage names. */
export const OPTIONS = {
  ...GLOBAL_OPTIONS,
  json: flag,
  org: str,
  // list
  status: many,
  sector: many,
  country: many,
  'rsit-class': many,
  severity: many,
  determination: many,
  'stage-status': many,
  'due-within': str,
  'cross-border': flag,
  owner: str,
  q: str,
  sort: str,
  limit: str,
  all: flag,
  // open, update
  name: str,
  description: str,
  'aware-at': str,
  subsector: str,
  'member-state': many,
  significant: flag,
  'suspected-malicious': flag,
  'rsit-type': str,
  tlp: str,
  'handled-at': str,
  base: str,
  // event, task, impact
  start: str,
  end: str,
  assignee: str,
  due: str,
  priority: str,
  outcome: str,
  category: str,
  criticality: str,
  recoverability: str,
  // link, note
  type: str,
  confidence: str,
  content: str,
  abstract: str,
  // report, prefill
  stage: str,
  request: str,
  revise: flag,
  file: str,
  summary: str,
  'cross-border-impact': flag,
  'cross-border-description': str,
  'initial-assessment': str,
  impact: str,
  indicator: many,
  'status-update': str,
  'detailed-description': str,
  'root-cause': str,
  'mitigation-applied': str,
  'mitigation-ongoing': str,
  // answer, share, handover, summary
  feedback: str,
  report: str,
  'request-intermediate': flag,
  whole: flag,
  note: str,
  from: str,
  to: str,
  csv: flag,
} as const;

/** Parses the arguments; booleans take `--no-` to say false (`--no-suspected-malicious`). */
export function parse(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: true, allowNegative: true, strict: true });
}

export type Values = ReturnType<typeof parse>['values'];

// Service field names whose option is not simply the field in kebab case.
const FLAG_EXCEPTIONS: Record<string, string> = {
  memberStates: '--member-state',
  indicatorRefs: '--indicator',
  dueDate: '--due',
  dueAt: '--due',
  startTime: '--start',
  endTime: '--end',
  relationshipType: '--type',
  target: '<object-id>',
  reportId: '--report',
  text: '--q',
  crossBorderImpact: '--cross-border-impact',
  org: '--org',
};

/**
 * The option that gave a service field: `awareAt` → `--aware-at`, `content.summary` →
 * `--summary`, `memberStates[1]` → `--member-state`. Accepts JSON paths (`$.content.summary`,
 * `/content/summary`) as the services name them in issues.
 */
export function flagOf(field: string): string {
  if (field.startsWith('--') || field.startsWith('<')) return field;
  const last =
    field
      .replace(/^\$\.?/, '')
      .split(/[./]/)
      .filter(Boolean)
      .pop() ?? field;
  const name = last.replace(/\[\d+\]$/, '');
  return FLAG_EXCEPTIONS[name] ?? `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
