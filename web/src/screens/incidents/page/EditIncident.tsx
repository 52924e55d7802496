// Changing what the incident says (issue 16, must 6 and 3): its status, determination, severity,
// the member states affected (the CSIRT marks them before sharing across borders) and when it was
// handled (Art. 23(4)(e): the final report of an ongoing incident is due a month after). Sent
// with the version it was made on, so that a change made meanwhile is not overwritten.
import { useState } from 'react';
import { updateIncident, type IncidentDetail, type UpdateIncidentRequest } from '../../../api/incidents.ts';
import { CheckField, CheckList, SelectField } from '../../admin/fields.tsx';
import { DETERMINATION_OPTIONS, MEMBER_STATE_OPTIONS, SEVERITY_OPTIONS } from '../choices.ts';
import { DateTimeField } from '../fields.tsx';
import { ActionDialog } from './AddDialog.tsx';
import { useAction } from './action.ts';

const STATUSES = ['new', 'open', 'closed'].map((s) => [s, s] as const);

export function EditIncident({ detail }: { detail: IncidentDetail }) {
  const r0 = detail.row;
  const action = useAction(r0.id);
  const initial = (): UpdateIncidentRequest => ({
    status: r0.status,
    determination: r0.determination,
    ...(r0.severity ? { severity: r0.severity } : {}),
    memberStates: r0.memberStates,
    crossBorder: r0.crossBorder,
    ...(r0.handledAt ? { handledAt: r0.handledAt } : {}),
  });
  const [r, setR] = useState<UpdateIncidentRequest>(initial);
  const set = <K extends keyof UpdateIncidentRequest>(k: K, v: UpdateIncidentRequest[K]): void => setR((o) => ({ ...o, [k]: v }));
  /** Only what changed is sent. */
  const changes = (): UpdateIncidentRequest => {
    const out: Record<string, unknown> = { base: r0.modified };
    const before: Record<string, unknown> = { ...r0, handledAt: r0.handledAt ?? undefined, severity: r0.severity ?? undefined };
    for (const [k, v] of Object.entries(r)) if (JSON.stringify(v) !== JSON.stringify(before[k]) && v !== undefined && v !== '') out[k] = v;
    return out as UpdateIncidentRequest;
  };
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Edit the incident"
      title="Edit the incident"
      submit="Save"
      action={action}
      onSubmit={() => action.run(() => updateIncident(r0.id, changes()))}
    >
      <SelectField
        label="Status"
        name="status"
        value={r.status ?? ''}
        onChange={(v) => set('status', v as UpdateIncidentRequest['status'])}
        options={STATUSES}
      />
      <SelectField
        label="Determination"
        name="determination"
        value={r.determination ?? ''}
        onChange={(v) => set('determination', v as UpdateIncidentRequest['determination'])}
        options={DETERMINATION_OPTIONS}
      />
      <SelectField
        label="Severity"
        name="severity"
        value={r.severity ?? ''}
        onChange={(v) => set('severity', (v || undefined) as UpdateIncidentRequest['severity'])}
        options={SEVERITY_OPTIONS}
      />
      <CheckList
        legend="Member states affected"
        name="memberStates"
        options={MEMBER_STATE_OPTIONS}
        selected={r.memberStates ?? []}
        onChange={(v) => set('memberStates', v)}
      />
      <CheckField label="Cross-border impact" name="crossBorder" checked={r.crossBorder === true} onChange={(v) => set('crossBorder', v)} />
      <DateTimeField
        label="Handled at"
        name="handledAt"
        value={r.handledAt ?? ''}
        onChange={(v) => set('handledAt', v || undefined)}
        hint="NIS2 Art. 23(4)(e): when the incident was handled."
      />
    </ActionDialog>
  );
}
