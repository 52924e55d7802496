// The forms of the common object types an analyst writes in the UI (issue 15, must 4): which
// properties each form asks for, in which order, with which vocabulary (STIX 2.1 §10). The UI
// renders these; draft.ts turns the values into the object the API receives. Pure.
import { INDICATOR_TYPE, MALWARE_TYPE, OPINION, PATTERN_TYPE, REPORT_TYPE, THREAT_ACTOR_TYPE, type Vocab } from '../stix/vocab.ts';

/** How a field is entered. `list`: comma- or line-separated strings; `time`: an ISO 8601 time;
 *  `refs`: objects chosen by searching; `kill-chain`: one `chain:phase` per line. */
export type FieldKind = 'text' | 'textarea' | 'list' | 'vocab' | 'enum' | 'bool' | 'time' | 'number' | 'refs' | 'kill-chain';

export interface FieldSpec {
  /** The STIX property the field sets (observable forms: `kind`, `value`, `hash`). */
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  readonly options?: readonly string[];
  readonly hint?: string;
}

/** A form id: the STIX type it writes, or `observable` for the SCOs below. */
export type FormId =
  | 'indicator'
  | 'observable'
  | 'malware'
  | 'intrusion-set'
  | 'threat-actor'
  | 'campaign'
  | 'vulnerability'
  | 'report'
  | 'note'
  | 'opinion';

export interface FormSpec {
  readonly id: FormId;
  readonly label: string;
  readonly fields: readonly FieldSpec[];
  /** Notes and opinions are annotations (coordinators write them: permissions.ts object.annotate). */
  readonly annotation?: true;
}

/** The observable kinds the form writes (STIX 2.1 §6: the SCOs an analyst pastes most). */
export const OBSERVABLE_KINDS = ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr', 'file'] as const;
/** Hash algorithms offered for a file (hash-algorithm-ov, §10.7). */
export const FILE_HASHES = ['SHA-256', 'MD5', 'SHA-1', 'SHA-512'] as const;

const values = (v: Vocab): string[] => [...v.values];
const text = (name: string, label: string, more: Partial<FieldSpec> = {}): FieldSpec => ({ name, label, kind: 'text', ...more });
const description: FieldSpec = { name: 'description', label: 'Description', kind: 'textarea', hint: 'Markdown.' };
const aliases: FieldSpec = { name: 'aliases', label: 'Aliases', kind: 'list', hint: 'Comma-separated.' };
const time = (name: string, label: string, more: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  label,
  kind: 'time',
  hint: 'ISO 8601 in UTC, e.g. 2026-12-07T14:00:00Z (a day alone means its midnight).',
  ...more,
});
const refs = (label: string): FieldSpec => ({ name: 'object_refs', label, kind: 'refs', required: true });

/** Labels and confidence: common properties of every SDO (STIX 2.1 §3.2). */
const COMMON: readonly FieldSpec[] = [
  { name: 'labels', label: 'Labels', kind: 'list', hint: 'Comma-separated.' },
  { name: 'confidence', label: 'Confidence', kind: 'number', hint: '0 to 100 (STIX 2.1 §3.2).' },
];

const sdo = (id: FormId, label: string, fields: FieldSpec[], annotation?: true): FormSpec => ({
  id,
  label,
  fields: [...fields, ...COMMON],
  ...(annotation ? { annotation } : {}),
});

/** Every form, in the order the type chooser lists them. */
export const FORMS: readonly FormSpec[] = [
  sdo('indicator', 'Indicator', [
    text('name', 'Name'),
    description,
    {
      name: 'pattern',
      label: 'Pattern',
      kind: 'textarea',
      required: true,
      hint: "A STIX pattern, e.g. [ipv4-addr:value = '192.0.2.0/24'] (STIX 2.1 §9).",
    },
    { name: 'pattern_type', label: 'Pattern type', kind: 'enum', required: true, options: values(PATTERN_TYPE) },
    { name: 'indicator_types', label: 'Indicator types', kind: 'vocab', options: values(INDICATOR_TYPE) },
    time('valid_from', 'Valid from', { required: true }),
    time('valid_until', 'Valid until'),
    {
      name: 'kill_chain_phases',
      label: 'Kill-chain phases',
      kind: 'kill-chain',
      hint: 'One per line as chain:phase, e.g. mitre-attack:initial-access.',
    },
  ]),
  {
    id: 'observable',
    label: 'Observable',
    fields: [
      { name: 'kind', label: 'Kind', kind: 'enum', required: true, options: [...OBSERVABLE_KINDS] },
      { name: 'hash', label: 'Hash algorithm', kind: 'enum', options: [...FILE_HASHES], hint: 'For a file: the hash given as its value.' },
      text('value', 'Value', { required: true, hint: 'An address, domain, URL, e-mail address, or a file’s hash.' }),
    ],
  },
  sdo('malware', 'Malware', [
    text('name', 'Name'),
    description,
    { name: 'malware_types', label: 'Malware types', kind: 'vocab', options: values(MALWARE_TYPE) },
    { name: 'is_family', label: 'A family (not one instance)', kind: 'bool', required: true },
    aliases,
  ]),
  sdo('intrusion-set', 'Intrusion set', [text('name', 'Name', { required: true }), aliases, description]),
  sdo('threat-actor', 'Threat actor', [
    text('name', 'Name', { required: true }),
    { name: 'threat_actor_types', label: 'Threat actor types', kind: 'vocab', options: values(THREAT_ACTOR_TYPE) },
    aliases,
    description,
  ]),
  sdo('campaign', 'Campaign', [
    text('name', 'Name', { required: true }),
    aliases,
    description,
    text('objective', 'Objective'),
    time('first_seen', 'First seen'),
    time('last_seen', 'Last seen'),
  ]),
  sdo('vulnerability', 'Vulnerability', [
    text('name', 'Name', { required: true, hint: 'A CVE id (CVE-2024-1234) becomes an external reference to cve.' }),
    description,
  ]),
  sdo('report', 'Report', [
    text('name', 'Name', { required: true }),
    description,
    time('published', 'Published', { required: true }),
    { name: 'report_types', label: 'Report types', kind: 'vocab', options: values(REPORT_TYPE) },
    refs('Objects in the report'),
  ]),
  sdo(
    'note',
    'Note',
    [
      text('abstract', 'Abstract'),
      { name: 'content', label: 'Content', kind: 'textarea', required: true, hint: 'Markdown.' },
      refs('About'),
    ],
    true,
  ),
  sdo(
    'opinion',
    'Opinion',
    [
      { name: 'opinion', label: 'Opinion', kind: 'enum', required: true, options: values(OPINION) },
      { name: 'explanation', label: 'Explanation', kind: 'textarea' },
      refs('About'),
    ],
    true,
  ),
];

/** The form of `id`. */
export function formSpec(id: FormId): FormSpec {
  const spec = FORMS.find((f) => f.id === id);
  if (spec === undefined) throw new Error(`no form ${id}`);
  return spec;
}

/** The form that edits an object of `type`, or undefined when the UI has none for it. */
export function formFor(type: string): FormId | undefined {
  if ((OBSERVABLE_KINDS as readonly string[]).includes(type)) return 'observable';
  return FORMS.find((f) => f.id === type)?.id;
}
