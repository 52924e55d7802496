// The alert rules of the reader's communities (issue 17, musts 4 and 7): what each one asks for
// (N organisations in K countries within W hours, of the same indicator, value or malware family),
// its alerts' TLP and whether it is on. Coordinators of a rule's community (and node
// administrators) add, edit, disable and delete rules; everyone else reads them.
import { useMemo, useState } from 'react';
import { type AlertRule, useDeleteRule, useRules, useSaveRule } from '../../api/alerts.ts';
import { useMe } from '../../api/session.ts';
import { isTlp } from '../../../../src/domain/markings/tlp.ts';
import { bannerOf } from '../../api/objects.ts';
import { MarkingBanner, TlpChip } from '../../components/MarkingBanner.tsx';
import { Panel, Status } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { ActionError, ConfirmButton } from '../admin/row-actions.tsx';
import { mayManageRules } from './may.ts';
import { AlertsNav, useCommunityNames } from './parts.tsx';
import { RuleForm } from './rule-form.tsx';
import { ruleText, SUBJECT_LABELS } from './rule-draft.ts';
import '../admin/admin.css';
import './alerts.css';

function Actions({ rule, onEdit }: { rule: AlertRule; onEdit: () => void }) {
  const save = useSaveRule();
  const remove = useDeleteRule();
  return (
    <>
      <span className="actions">
        <button type="button" className="ghost" aria-label={`Edit ${rule.name}`} onClick={onEdit}>
          Edit
        </button>
        {rule.enabled ? (
          <ConfirmButton
            label={`Disable ${rule.name}`}
            text="Disable"
            confirm="Disable"
            onConfirm={() => save.mutate({ id: rule.id, input: { enabled: false } })}
          />
        ) : (
          <button
            type="button"
            className="ghost"
            aria-label={`Enable ${rule.name}`}
            onClick={() => save.mutate({ id: rule.id, input: { enabled: true } })}
          >
            Enable
          </button>
        )}
        <ConfirmButton label={`Delete ${rule.name}`} text="Delete" confirm="Delete" onConfirm={() => remove.mutate(rule.id)} />
      </span>
      <ActionError error={save.error} what="Not changed" />
      <ActionError error={remove.error} what="Not deleted" />
    </>
  );
}

function RuleTable({ rules, manage, onEdit }: { rules: AlertRule[]; manage: boolean; onEdit: (r: AlertRule) => void }) {
  const communities = useCommunityNames();
  return (
    <table className="grid rule-table" aria-label="Alert rules" data-testid="alert-rules">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Community</th>
          <th scope="col">Fires on</th>
          <th scope="col">TLP (rule and alerts)</th>
          <th scope="col">State</th>
          <th scope="col">Changed</th>
          {manage && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.id} data-rule={r.id} data-testid="rule-row" className={r.enabled ? undefined : 'disabled'}>
            <td>
              <strong>{r.name}</strong>
              {r.description ? <div className="muted small">{r.description}</div> : null}
            </td>
            <td>{communities.get(r.community) ?? r.community}</td>
            <td>
              {ruleText(r)}
              <div className="muted small">{r.subjects.map((s) => SUBJECT_LABELS[s]).join('; ')}</div>
            </td>
            <td>
              <TlpChip tlp={r.tlp} />
            </td>
            <td data-testid="rule-state">{r.enabled ? 'enabled' : 'disabled'}</td>
            <td className="nowrap">{formatDateTime(r.modified)}</td>
            {manage && (
              <td>{r.editable ? <Actions rule={r} onEdit={() => onEdit(r)} /> : <span className="muted">another community's</span>}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AlertRules() {
  const me = useMe().data;
  const manage = mayManageRules(me);
  const rules = useRules();
  // null: no form; 'new': the add form; a rule: its edit form.
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const list = rules.data ?? [];
  // A rule travels to its community under its TLP (the TLP its alerts carry), unclassified.
  const banner = useMemo(
    () =>
      rules.data && rules.data.length > 0
        ? bannerOf(rules.data.flatMap((r) => (isTlp(r.tlp) ? [{ tlp: r.tlp, classification: null, releasableTo: null }] : [])))
        : undefined,
    [rules.data],
  );
  return (
    <div className="page alerts alert-rules">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Alert rules</h1>
        <AlertsNav />
        {manage && editing === null && (
          <button type="button" className="push-right" onClick={() => setEditing('new')} data-testid="add-rule">
            Add a rule
          </button>
        )}
      </div>
      <p className="muted small alerts-about">
        {manage
          ? 'Rules are set per community by its coordinators. A rule fires once per thing sighted and updates its alert as more sightings arrive; sightings on warninglists and exercise-marked sightings outside their exercise never count.'
          : "Rules are set per community by its coordinators; you may read the rules of your organisation's communities."}
      </p>
      {editing !== null && (
        <div className="admin rule-editor">
          <RuleForm
            key={editing === 'new' ? 'new' : editing.id}
            rule={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        </div>
      )}
      <Panel title={`Rules of your communities (${list.length})`} testId="rules-panel" className="admin">
        <Status loading={rules.isPending} error={rules.error} empty={list.length === 0 ? 'No rule yet.' : false}>
          <RuleTable rules={list} manage={manage} onEdit={setEditing} />
        </Status>
      </Panel>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
