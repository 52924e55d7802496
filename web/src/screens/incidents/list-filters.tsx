// The incidents list's filters (issue 16, must 9): words and country in a search form; sector,
// RSIT class, order, "due within 24 h" and "cross-border" applied as soon as they change; status,
// severity, determination and stage standing as groups of boxes beside the list. Every control
// has a label; every change goes to the URL (list-query.ts).
import { useEffect, useState, type FormEvent } from 'react';
import { NIS2_SEVERITIES } from '../../../../src/domain/incidents/types.ts';
import { STATUS_WORDS } from './clock.tsx';
import { DETERMINATIONS, type ListKey, type ListState, SORTS, STANDINGS, STATUSES, toggle } from './list-query.ts';
import { NIS2_SECTORS, RSIT, words } from './names.ts';

type Go = (s: ListState) => void;

const one = (v: string): string[] | undefined => (v === '' ? undefined : [v]);

export function FilterForm({ state, go }: { state: ListState; go: Go }) {
  const { filter, sort } = state;
  const [text, setText] = useState(filter.text ?? '');
  const [country, setCountry] = useState((filter.country ?? []).join(', '));
  useEffect(() => setText(filter.text ?? ''), [filter.text]);
  useEffect(() => setCountry((filter.country ?? []).join(', ')), [filter.country]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const codes = country
      .split(/[\s,]+/)
      .map((c) => c.trim().toUpperCase())
      .filter((c) => c !== '');
    go({ sort, filter: { ...filter, text: text.trim() || undefined, country: codes.length > 0 ? codes : undefined } });
  };
  const sector = filter.sector?.length === 1 ? (filter.sector[0] ?? '') : '';
  const rsit = filter.rsitClass?.length === 1 ? (filter.rsitClass[0] ?? '') : '';
  return (
    // biome-ignore lint/a11y/useSemanticElements: the search landmark is the form itself (ARIA's documented use of role="search"), as on the Explorer
    <form className="filters incident-filters" onSubmit={submit} role="search" aria-label="Filter incidents">
      <label>
        Words
        <input name="q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="name or description" />
      </label>
      <label>
        Country
        <input
          name="country"
          size={8}
          value={country}
          onChange={(e) => setCountry(e.target.value)}
          placeholder="DE, FR"
          title="ISO 3166-1 alpha-2 codes of the owner's country or a member state affected, separated by commas"
        />
      </label>
      <label>
        Sector
        <select name="sector" value={sector} onChange={(e) => go({ sort, filter: { ...filter, sector: one(e.target.value) } })}>
          <option value="">{(filter.sector?.length ?? 0) > 1 ? `${filter.sector?.length} sectors` : 'any'}</option>
          {(['I', 'II'] as const).map((annex) => (
            <optgroup key={annex} label={`NIS2 Annex ${annex}`}>
              {NIS2_SECTORS.filter((s) => s.annex === annex).map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        RSIT class
        <select name="rsitClass" value={rsit} onChange={(e) => go({ sort, filter: { ...filter, rsitClass: one(e.target.value) } })}>
          <option value="">{(filter.rsitClass?.length ?? 0) > 1 ? `${filter.rsitClass?.length} classes` : 'any'}</option>
          {RSIT.map((r) => (
            <option key={r.classification} value={r.classification}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Order
        <select name="sort" value={sort} onChange={(e) => go({ filter, sort: e.target.value as ListState['sort'] })}>
          {SORTS.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="dueWithinHours"
          checked={filter.dueWithinHours === 24}
          onChange={(e) => go({ sort, filter: { ...filter, dueWithinHours: e.target.checked ? 24 : undefined } })}
        />
        Due within 24 h
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="crossBorder"
          checked={filter.crossBorder === true}
          onChange={(e) => go({ sort, filter: { ...filter, crossBorder: e.target.checked ? true : undefined } })}
        />
        Cross-border
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}

const GROUPS: { key: ListKey; title: string; values: readonly string[]; label: (v: string) => string }[] = [
  { key: 'stageStatus', title: 'Stage standing', values: STANDINGS, label: (v) => STATUS_WORDS[v as keyof typeof STATUS_WORDS] ?? v },
  { key: 'status', title: 'Status', values: STATUSES, label: words },
  { key: 'severity', title: 'Severity', values: NIS2_SEVERITIES, label: words },
  { key: 'determination', title: 'Determination', values: DETERMINATIONS, label: words },
];

/** The boxes beside the list: several values of one group are OR'd, as the API reads them. */
export function FilterGroups({ state, go }: { state: ListState; go: Go }) {
  const { filter, sort } = state;
  return (
    <div className="incident-groups">
      {GROUPS.map((g) => {
        const on = new Set<string>(filter[g.key] ?? []);
        return (
          <fieldset key={g.key} data-group={g.key}>
            <legend>{g.title}</legend>
            {g.values.map((v) => (
              <label key={v} className="check">
                <input
                  type="checkbox"
                  name={g.key}
                  value={v}
                  checked={on.has(v)}
                  onChange={() => go({ sort, filter: { ...filter, [g.key]: toggle(filter[g.key], v) } })}
                />
                {g.label(v)}
              </label>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}
