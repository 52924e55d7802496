// Adding or changing an expert of the roster (issue 18, must 2): the personal details that never
// leave the organisation (name, e-mail, phone), and what partners see of the expert under a
// pseudonym (skills, certifications, languages, clearances per scheme, country, time zone, on
// site or not, availability windows). Checked by the domain's rules (check.ts expertIssues, the
// API's) in the browser, each issue shown at its field.
import { useState } from 'react';
import { useSchemes } from '../../api/admin.ts';
import { addExpert, type ExpertInput, type ExpertView, updateExpert, type Window } from '../../api/assistance.ts';
import { expertIssues } from '../../../../src/domain/assistance/check.ts';
import { CheckField, LevelsField, TextField } from '../admin/fields.tsx';
import { FieldError, useField } from '../admin/form-state.tsx';
import { splitList } from '../admin/forms.tsx';
import { ActionDialog } from '../incidents/page/AddDialog.tsx';
import { issuesError, useAssistAction } from './action.ts';
import { LanguagesField, levelsOf, numberOf, SkillsField, WindowFields } from './form-parts.tsx';

interface Draft extends Omit<ExpertInput, 'certifications' | 'clearances' | 'utcOffsetMinutes'> {
  certifications: string;
  clearances: Record<string, string>;
  /** Hours, as typed ("1", "-5", "5.5"). */
  utcOffset: string;
}

const draftOf = (e: ExpertView | undefined): Draft => ({
  name: e?.name ?? '',
  email: e?.email ?? '',
  phone: e?.phone ?? '',
  skills: e?.skills ?? [],
  certifications: (e?.certifications ?? []).join(', '),
  languages: e?.languages ?? ['en'],
  clearances: Object.fromEntries((e?.clearances ?? []).map((c) => [c.scheme, c.level])),
  country: e?.country ?? '',
  utcOffset: e?.utcOffsetMinutes === undefined ? '' : String(e.utcOffsetMinutes / 60),
  onSite: e?.onSite ?? true,
  availability: e?.availability ?? [],
  published: e?.published ?? true,
});

/** The expert as the API takes it: empty optional fields left out. */
export function expertOf(d: Draft): ExpertInput {
  const hours = numberOf(d.utcOffset);
  return {
    name: d.name.trim(),
    ...(d.email?.trim() ? { email: d.email.trim() } : {}),
    ...(d.phone?.trim() ? { phone: d.phone.trim() } : {}),
    skills: d.skills,
    certifications: splitList(d.certifications),
    languages: d.languages,
    clearances: Object.entries(d.clearances).map(([scheme, level]) => ({ scheme, level })),
    country: d.country.trim().toUpperCase(),
    ...(hours === undefined ? {} : { utcOffsetMinutes: Math.round(hours * 60) }),
    onSite: d.onSite,
    availability: d.availability,
    published: d.published !== false,
  };
}

/** The availability windows, one row each, named `availability[i]` as the checks name them. */
function AvailabilityFields({ value, onChange }: { value: readonly Window[]; onChange: (w: Window[]) => void }) {
  const f = useField('availability', 'Availability');
  return (
    <fieldset className="field wide windows" aria-describedby={f.describedBy}>
      <legend>Availability (outside these windows the expert is not available)</legend>
      {value.map((w, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the rows are the windows by position, as the checks name them (availability[i])
        <div className="window-row" key={i}>
          <WindowFields name={`availability[${i}]`} value={w} onChange={(nw) => onChange(value.map((x, j) => (j === i ? nw : x)))} />
          <button type="button" className="ghost small" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            Remove window {i + 1}
          </button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => onChange([...value, { from: '', until: '' }])}>
        Add a window
      </button>
      <FieldError id={f.id} error={f.error} />
    </fieldset>
  );
}

/** The button that opens the expert's form in a dialog: "Add an expert", or "Edit" on a row. */
export function ExpertDialog({ expert }: { expert?: ExpertView }) {
  const action = useAssistAction(true);
  const schemes = useSchemes().data ?? [];
  const [d, setD] = useState<Draft>(() => draftOf(expert));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]): void => setD((old) => ({ ...old, [k]: v }));
  const title = expert ? `Edit ${expert.name}` : 'Add an expert';
  const submit = async (): Promise<boolean> => {
    const input = expertOf(d);
    const issues = expertIssues(input, levelsOf(schemes));
    if (issues.length > 0) {
      action.fail(issuesError(issues));
      return false;
    }
    return action.run(() => (expert ? updateExpert(expert.id, input) : addExpert(input)));
  };
  return (
    <ActionDialog
      open={expert ? 'Edit' : 'Add an expert'}
      openLabel={expert ? `Edit ${expert.name}` : undefined}
      small={expert !== undefined}
      title={title}
      submit={expert ? 'Save' : 'Add the expert'}
      action={action}
      onOpen={() => {
        setD(draftOf(expert));
        action.reset();
      }}
      onSubmit={submit}
    >
      <TextField label="Name (never shared)" name="name" value={d.name} onChange={(v) => set('name', v)} />
      <TextField label="E-mail (never shared)" name="email" value={d.email ?? ''} onChange={(v) => set('email', v)} />
      <TextField label="Phone (never shared)" name="phone" value={d.phone ?? ''} onChange={(v) => set('phone', v)} />
      <SkillsField name="skills" legend="Skills (ECSF role profiles)" value={d.skills} onChange={(v) => set('skills', v)} />
      <TextField label="Certifications" name="certifications" value={d.certifications} onChange={(v) => set('certifications', v)} />
      <LanguagesField name="languages" value={d.languages} onChange={(v) => set('languages', v)} />
      <LevelsField legend="Clearances" name="clearances" schemes={schemes} value={d.clearances} onChange={(v) => set('clearances', v)} />
      <TextField label="Home country (ISO 3166-1)" name="country" value={d.country} onChange={(v) => set('country', v)} />
      <TextField label="UTC offset (hours)" name="utcOffsetMinutes" value={d.utcOffset} onChange={(v) => set('utcOffset', v)} />
      <CheckField label="Deployable on site" name="onSite" checked={d.onSite} onChange={(v) => set('onSite', v)} />
      <CheckField
        label="Publish a pseudonymous profile to partners"
        name="published"
        checked={d.published !== false}
        onChange={(v) => set('published', v)}
      />
      <AvailabilityFields value={d.availability} onChange={(v) => set('availability', v)} />
    </ActionDialog>
  );
}
