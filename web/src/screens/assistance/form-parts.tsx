// Fields the rapid-response forms share (issue 18): skills as ENISA's ECSF role profiles plus
// free tags, a window of two UTC times, languages and a clearance; and the domain's checks
// (src/domain/assistance/check.ts, the API's own) run in the browser, each issue shown at its field.
import { useState } from 'react';
import { ECSF_PROFILES, FREE_TAG_PREFIX, type Window } from '../../api/assistance.ts';
import type { ClassificationScheme } from '../../api/admin.ts';
import { CheckList, SelectField, TextField } from '../admin/fields.tsx';
import { splitList } from '../admin/forms.tsx';
import { DateTimeField } from '../incidents/fields.tsx';

type Options = readonly (readonly [string, string])[];

export const ECSF_OPTIONS: Options = ECSF_PROFILES.map((p) => [p.id, p.title] as const);

/** The free tags of a skill list, as typed: `tag:volatility` → `volatility`. */
const tagsOf = (skills: readonly string[]): string =>
  skills
    .filter((s) => !ECSF_PROFILES.some((p) => p.id === s))
    .map((s) => (s.startsWith(FREE_TAG_PREFIX) ? s.slice(FREE_TAG_PREFIX.length) : s))
    .join(', ');

/** Skills: the ECSF profiles ticked, then free tags typed comma-separated (each sent as `tag:<text>`). */
export function SkillsField({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: readonly string[];
  onChange: (skills: string[]) => void;
}) {
  const [tags, setTags] = useState(() => tagsOf(value));
  const profiles = value.filter((s) => ECSF_PROFILES.some((p) => p.id === s));
  const send = (p: readonly string[], t: string): void => onChange([...p, ...splitList(t).map((x) => `${FREE_TAG_PREFIX}${x}`)]);
  return (
    <div className="skill-picker">
      <CheckList legend={legend} name={name} options={ECSF_OPTIONS} selected={profiles} onChange={(p) => send(p, tags)} />
      <TextField
        label="Other skills (free tags: tools, sectors, techniques)"
        name={`${name}.tags`}
        value={tags}
        onChange={(t) => {
          setTags(t);
          send(profiles, t);
        }}
        placeholder="volatility, sector:energy"
        wide
      />
    </div>
  );
}

/** A window as two UTC times, named `${name}.from` and `${name}.until` as the checks name them. */
export function WindowFields({
  name,
  value,
  onChange,
  labels = ['From', 'Until'],
}: {
  name: string;
  value: Window;
  onChange: (w: Window) => void;
  labels?: readonly [string, string];
}) {
  return (
    <>
      <DateTimeField label={labels[0]} name={`${name}.from`} value={value.from} onChange={(from) => onChange({ ...value, from })} />
      <DateTimeField label={labels[1]} name={`${name}.until`} value={value.until} onChange={(until) => onChange({ ...value, until })} />
    </>
  );
}

/** ISO 639-1 codes typed comma-separated ("en, fr"). */
export function LanguagesField({ name, value, onChange }: { name: string; value: readonly string[]; onChange: (v: string[]) => void }) {
  const [text, setText] = useState(() => value.join(', '));
  return (
    <TextField
      label="Languages (ISO 639-1)"
      name={name}
      value={text}
      onChange={(t) => {
        setText(t);
        onChange(splitList(t).map((x) => x.toLowerCase()));
      }}
      placeholder="en, fr"
    />
  );
}

/** A clearance: a scheme of the node and one of its levels, or none. */
export function ClearanceField({
  name,
  label,
  schemes,
  value,
  onChange,
}: {
  name: string;
  label: string;
  schemes: readonly ClassificationScheme[];
  value: { scheme: string; level: string } | undefined;
  onChange: (v: { scheme: string; level: string } | undefined) => void;
}) {
  const options: Options = [
    ['', 'none'],
    ...schemes.flatMap((s) => s.levels.map((l) => [`${s.id}\u0000${l}`, `${s.name}: ${l}`] as const)),
  ];
  return (
    <SelectField
      label={label}
      name={name}
      value={value ? `${value.scheme}\u0000${value.level}` : ''}
      onChange={(v) => {
        const [scheme = '', level = ''] = v.split('\u0000');
        onChange(v === '' ? undefined : { scheme, level });
      }}
      options={options}
    />
  );
}

/** The levels of a scheme of the node, as the checks ask for them. */
export const levelsOf =
  (schemes: readonly ClassificationScheme[]) =>
  (scheme: string): readonly string[] | undefined =>
    schemes.find((s) => s.id === scheme)?.levels;

/** A whole number typed in a text field; undefined when empty, NaN when not a number (the check names it). */
export const numberOf = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));
