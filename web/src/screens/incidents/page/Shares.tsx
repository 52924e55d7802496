// Cross-border shares and handovers (issue 16, must 6): the CSIRT shares the incident, whole or a
// summary it writes, with the CSIRTs of the member states affected (under the access policy and
// the TLP it chooses), or hands it to another organisation as coordinator. Every share is listed.
import { useState } from 'react';
import { handOver, shareIncident, type HandoverRequest, type IncidentDetail, type ShareRequest } from '../../../api/incidents.ts';
import { useOrgOptions } from '../../../api/names.ts';
import { SimpleTable } from '../../../components/SimpleTable.tsx';
import { formatDateTime } from '../../../format/dates.ts';
import { CheckList, SelectField, TextArea } from '../../admin/fields.tsx';
import { localError } from '../../admin/form-state.tsx';
import { PickerField } from '../../admin/picker.tsx';
import { MEMBER_STATE_OPTIONS, TLP_OPTIONS } from '../choices.ts';
import { ActionDialog } from './AddDialog.tsx';
import { useAction } from './action.ts';

function ShareAcross({ detail }: { detail: IncidentDetail }) {
  const id = detail.row.id;
  const action = useAction(id);
  const initial = (): ShareRequest => ({ mode: 'whole', memberStates: detail.row.memberStates, tlp: 'amber' });
  const [r, setR] = useState<ShareRequest>(initial);
  const submit = async (): Promise<boolean> => {
    if (!r.memberStates?.length) {
      action.fail(localError('memberStates', 'Choose the member states whose CSIRTs receive it.'));
      return false;
    }
    if (r.mode === 'summary' && !r.summary?.trim()) {
      action.fail(localError('summary', 'Write the summary the other CSIRTs receive.'));
      return false;
    }
    return action.run(() => shareIncident(id, r));
  };
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Share across borders"
      title="Share across borders"
      submit="Share"
      action={action}
      onSubmit={submit}
    >
      <CheckList
        legend="Member states"
        name="memberStates"
        options={MEMBER_STATE_OPTIONS}
        selected={r.memberStates ?? []}
        onChange={(v) => setR((o) => ({ ...o, memberStates: v }))}
      />
      <SelectField
        label="What they receive"
        name="mode"
        value={r.mode}
        onChange={(v) => setR((o) => ({ ...o, mode: v as ShareRequest['mode'] }))}
        options={[
          ['whole', 'The whole incident and its work'],
          ['summary', 'A summary I write'],
        ]}
      />
      {r.mode === 'summary' && (
        <TextArea label="Summary" name="summary" value={r.summary ?? ''} onChange={(v) => setR((o) => ({ ...o, summary: v }))} />
      )}
      <SelectField label="TLP" name="tlp" value={r.tlp ?? ''} onChange={(v) => setR((o) => ({ ...o, tlp: v }))} options={TLP_OPTIONS} />
    </ActionDialog>
  );
}

function HandOver({ id }: { id: string }) {
  const action = useAction(id);
  const orgs = useOrgOptions();
  const initial = (): Partial<HandoverRequest> => ({});
  const [r, setR] = useState<Partial<HandoverRequest>>(initial);
  const submit = async (): Promise<boolean> => {
    if (!r.org) {
      action.fail(localError('org', 'Choose the organisation that coordinates the incident from now on.'));
      return false;
    }
    return action.run(() => handOver(id, r as HandoverRequest));
  };
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Hand over to…"
      title="Hand the incident over"
      submit="Hand over"
      action={action}
      onSubmit={submit}
    >
      <PickerField
        label="Organisation"
        name="org"
        single
        options={orgs}
        value={r.org ? [r.org] : []}
        onChange={(v) => setR((o) => ({ ...o, org: v[0] }))}
      />
      <TextArea label="Note" name="note" value={r.note ?? ''} onChange={(v) => setR((o) => ({ ...o, note: v || undefined }))} />
    </ActionDialog>
  );
}

export function Shares({ detail }: { detail: IncidentDetail }) {
  return (
    <div className="incident-tab">
      {detail.can.share && (
        <div className="tab-actions">
          <ShareAcross detail={detail} />
          <HandOver id={detail.row.id} />
        </div>
      )}
      <SimpleTable
        label="Shares and handovers"
        rows={detail.shares}
        rowKey={(s) => s.id}
        cols={[
          { header: 'When', cell: (s) => formatDateTime(s.at) },
          { header: 'Kind', cell: (s) => (s.kind === 'share' ? `Cross-border share (${s.mode})` : 'Handover') },
          { header: 'To', cell: (s) => s.recipients.map((x) => x.name + (x.node ? ` @ ${x.node}` : '')).join(', ') || '—' },
          { header: 'By', cell: (s) => s.by },
        ]}
      />
    </div>
  );
}
