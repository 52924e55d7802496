// The form that adds or changes an alert rule (issue 17, must 4): name, the community chosen by
// name, what must be the same (indicator or observable, observable value, malware family), N
// organisations, K countries, the window in hours, the alerts' TLP and a description. It checks
// the rule as the API does before sending (rule-draft.ts) and shows each fault next to its field;
// the API's own refusals are shown the same way (admin/form-state.tsx).
import { useEffect, useMemo, useState } from 'react';
import { useCommunities } from '../../api/admin.ts';
import type { AlertRule, AlertRuleInput } from '../../api/alerts.ts';
import { RULE_SUBJECTS, useSaveRule } from '../../api/alerts.ts';
import type { NamedOption } from '../../api/names.ts';
import { isAdmin, useMe } from '../../api/session.ts';
import { tlpText } from '../../components/MarkingBanner.tsx';
import { CheckField, CheckList, SelectField, TextArea, TextField } from '../admin/fields.tsx';
import { localError } from '../admin/form-state.tsx';
import { Form } from '../admin/forms.tsx';
import { PickerField } from '../admin/picker.tsx';
import { draftOf, emptyDraft, inputOf, RULE_TLPS, type RuleDraft, ruleErrors, SUBJECT_LABELS } from './rule-draft.ts';

/** The communities a rule may be written for: the user's organisation's (node administrators: all). */
function useCommunityOptions(): NamedOption[] {
  const me = useMe().data;
  const all = useCommunities().data ?? [];
  const mine = new Set(me?.org.communities ?? []);
  return all
    .filter((c) => !c.disabled && (isAdmin(me) || mine.has(c.id)))
    .map((c) => ({ value: c.id, name: c.name, detail: c.description || undefined }));
}

export function RuleForm({ rule, onDone }: { rule?: AlertRule; onDone: () => void }) {
  const options = useCommunityOptions();
  const first = options.length === 1 ? options[0]?.value : undefined;
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftOf(rule) : emptyDraft(first)));
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const save = useSaveRule();
  const set =
    <K extends keyof RuleDraft>(key: K) =>
    (v: RuleDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: v }));
  const names = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  // A coordinator of one community writes for it: chosen as soon as the directory has loaded.
  useEffect(() => {
    if (first !== undefined) setDraft((d) => (d.community === '' ? { ...d, community: first } : d));
  }, [first]);
  const submit = (): void => {
    const input: AlertRuleInput = inputOf(draft);
    const faults = ruleErrors(input);
    setErrors(faults);
    save.reset();
    if (faults.size > 0) return;
    save.mutate({ ...(rule ? { id: rule.id } : {}), input }, { onSuccess: onDone });
  };
  const [firstFault] = errors;
  const error = save.error ?? (firstFault ? localError(firstFault[0], firstFault[1]) : null);
  const title = rule ? `Edit rule ${rule.name}` : 'Add a rule';
  return (
    <Form
      title={title}
      submit={rule ? 'Save rule' : 'Add rule'}
      onSubmit={submit}
      onCancel={onDone}
      error={error}
      pending={save.isPending}
      fieldErrors={errors}
      className="editor rule-form"
    >
      <h3>{title}</h3>
      <TextField label="Name" name="name" value={draft.name} onChange={set('name')} autoFocus />
      <PickerField
        label="Community"
        name="community"
        single
        options={options}
        names={names}
        value={draft.community === '' ? [] : [draft.community]}
        onChange={(v) => set('community')(v[0] ?? '')}
        hint={
          options.length === 0
            ? 'Your organisation is in no community: an administrator adds it to one first.'
            : 'Its coordinators own the rule; its members receive the alerts.'
        }
      />
      <CheckList
        legend="Sighted: the same…"
        name="subjects"
        options={RULE_SUBJECTS.map((s) => [s, SUBJECT_LABELS[s]] as const)}
        selected={draft.subjects}
        onChange={(v) => set('subjects')(RULE_SUBJECTS.filter((s) => v.includes(s)))}
      />
      <TextField
        label="Organisations (N)"
        name="minOrganisations"
        value={draft.minOrganisations}
        onChange={set('minOrganisations')}
        hint="Distinct organisations that must sight it; at least 2."
      />
      <TextField
        label="Countries (K)"
        name="minCountries"
        value={draft.minCountries}
        onChange={set('minCountries')}
        hint="Distinct countries they are in; at least 1."
      />
      <TextField
        label="Window (hours)"
        name="windowHours"
        value={draft.windowHours}
        onChange={set('windowHours')}
        hint="The sightings must fall within this many hours."
      />
      <SelectField
        label="Alerts' TLP"
        name="tlp"
        value={draft.tlp}
        onChange={set('tlp')}
        options={RULE_TLPS.map((t) => [t, tlpText(t)] as const)}
      />
      <CheckField label="Enabled" name="enabled" checked={draft.enabled} onChange={set('enabled')} />
      <TextArea label="Description" name="description" value={draft.description} onChange={set('description')} />
    </Form>
  );
}
