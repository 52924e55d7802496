// The audit log's filters (issue 15, must 9): who, what, when (ISO days), target and words. Their
// state lives in the URL query, so a filtered view can be bookmarked, shared and gone back to;
// the form is a draft until "Filter" writes it to the URL.
import { useId, useState, type FormEvent } from 'react';
import { useUsers } from '../../api/admin.ts';
import { AUDIT_FILTERS, type AuditFilters } from '../../api/audit.ts';
import { DayInput } from '../../components/DayInput.tsx';
import { navigate } from '../../router.ts';

/** The actors of the node's own jobs and command line (services and jobs name them so). */
const SYSTEM_ACTORS = ['system:cli', 'system:feed-scheduler', 'system:peer-sync'];

/** The URL of the audit screen showing `filters`. */
export function auditPath(filters: AuditFilters): string {
  const u = new URLSearchParams();
  for (const k of AUDIT_FILTERS) {
    const v = filters[k]?.trim();
    if (v) u.set(k, v);
  }
  return `/admin/audit${u.size ? `?${u}` : ''}`;
}

export function AuditFilterForm({ filters, actions }: { filters: AuditFilters; actions: readonly string[] }) {
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const users = useUsers().data ?? [];
  const ids = { who: useId(), what: useId(), target: useId(), q: useId(), actors: useId() };
  const set =
    (k: keyof AuditFilters) =>
    (v: string): void =>
      setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    navigate(auditPath(draft));
  };
  const known = new Set(actions);
  const actionChoices = draft.action && !known.has(draft.action) ? [...actions, draft.action] : actions;
  return (
    <search>
      <form className="filters" aria-label="Audit filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.who}>Who</label>
          <input
            id={ids.who}
            type="search"
            list={ids.actors}
            value={draft.actor ?? ''}
            onChange={(e) => set('actor')(e.target.value)}
            placeholder="user:alice, system:…"
            autoComplete="off"
          />
          <datalist id={ids.actors}>
            {[...users.map((u) => `user:${u.username}`), ...SYSTEM_ACTORS].map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={ids.what}>What</label>
          <select id={ids.what} value={draft.action ?? ''} onChange={(e) => set('action')(e.target.value)}>
            <option value="">any action</option>
            {actionChoices.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field day">
          <DayInput label="From" name="since" value={draft.since ?? ''} onChange={set('since')} />
        </div>
        <div className="field day">
          <DayInput label="To" name="until" value={draft.until ?? ''} onChange={set('until')} />
        </div>
        <div className="field">
          <label htmlFor={ids.target}>Target</label>
          <input
            id={ids.target}
            type="search"
            value={draft.target ?? ''}
            onChange={(e) => set('target')(e.target.value)}
            placeholder="object, feed, peer or job id"
            autoComplete="off"
          />
        </div>
        <div className="field grow">
          <label htmlFor={ids.q}>Search details</label>
          <input
            id={ids.q}
            type="search"
            value={draft.q ?? ''}
            onChange={(e) => set('q')(e.target.value)}
            placeholder="file name, feed name, error…"
            autoComplete="off"
          />
        </div>
        <div className="form-actions inline">
          <button type="submit">Filter</button>
          <button type="button" className="ghost" onClick={() => navigate(auditPath({}))}>
            Clear
          </button>
        </div>
      </form>
    </search>
  );
}
