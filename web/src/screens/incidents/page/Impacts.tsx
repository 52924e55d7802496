// The incident's impacts (Incident Extension Suite §2.3 `impact`): each changes over time, so
// each shows its latest version and, unfolded, the earlier ones. Those who work on the incident
// add impacts and update them (a new version).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import type { Version as StoredVersion } from '../../../api/objects.ts';
import { addImpact, updateImpact, type AddImpactRequest, type IncidentDetail, type WorkItem } from '../../../api/incidents.ts';
import { formatDateTime } from '../../../format/dates.ts';
import { SelectField, TextArea, TextField } from '../../admin/fields.tsx';
import { DateTimeField } from '../fields.tsx';
import { ActionDialog } from './AddDialog.tsx';
import { prop, useAction, versionsById } from './action.ts';

/** impact_category values of the suite (§2.3; src/domain/stix/defs-incident-impact.ts IMPACT_CATEGORIES, not imported: it carries the validator). */
const CATEGORIES = ['availability', 'confidentiality', 'external', 'integrity', 'economic', 'physical', 'traceability'].map(
  (c) => [c, c] as const,
);
/** recoverability-enum (§5.6). */
const RECOVERABILITY = [
  ['', '—'],
  ...['extended', 'not-applicable', 'not-recoverable', 'regular', 'supplemented'].map((c) => [c, c] as const),
] as const;

function ImpactFields({
  r,
  set,
  category,
}: {
  r: Partial<AddImpactRequest>;
  set: (k: keyof AddImpactRequest, v: string | number | undefined) => void;
  category: boolean;
}) {
  return (
    <>
      {category && (
        <SelectField label="Category" name="category" value={r.category ?? ''} onChange={(v) => set('category', v)} options={CATEGORIES} />
      )}
      <TextArea label="Description" name="description" value={r.description ?? ''} onChange={(v) => set('description', v)} />
      <TextField
        label="Criticality (0–100)"
        name="criticality"
        value={r.criticality === undefined ? '' : String(r.criticality)}
        onChange={(v) => set('criticality', v === '' ? undefined : Number(v))}
      />
      <SelectField
        label="Recoverability"
        name="recoverability"
        value={r.recoverability ?? ''}
        onChange={(v) => set('recoverability', v)}
        options={RECOVERABILITY}
      />
      <DateTimeField label="Started" name="startTime" value={r.startTime ?? ''} onChange={(v) => set('startTime', v)} />
      <DateTimeField label="Ended" name="endTime" value={r.endTime ?? ''} onChange={(v) => set('endTime', v)} />
    </>
  );
}

function ImpactForm({ id, impact }: { id: string; impact?: WorkItem }) {
  const action = useAction(id);
  const o = impact?.object ?? {};
  const crit = prop(o, 'criticality');
  const initial = (): Partial<AddImpactRequest> =>
    impact
      ? { description: prop(o, 'description'), ...(crit ? { criticality: Number(crit) } : {}), recoverability: prop(o, 'recoverability') }
      : { category: 'availability' };
  const [r, setR] = useState<Partial<AddImpactRequest>>(initial);
  const set = (k: keyof AddImpactRequest, v: string | number | undefined): void =>
    setR((old) => ({ ...old, [k]: v === '' ? undefined : v }));
  const send = (): Promise<boolean> => action.run(() => (impact ? updateImpact(id, impact.id, r) : addImpact(id, r as AddImpactRequest)));
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open={impact ? 'Update' : 'Add an impact'}
      small={impact !== undefined}
      {...(impact ? { openLabel: `Update the ${prop(impact.object, 'impact_category') ?? 'impact'} impact` } : {})}
      title={impact ? 'Update the impact' : 'Add an impact'}
      submit={impact ? 'Save a new version' : 'Add the impact'}
      action={action}
      onSubmit={send}
    >
      <ImpactFields r={r} set={set} category={!impact} />
    </ActionDialog>
  );
}

function Version({ w }: { w: WorkItem }) {
  const o = w.object;
  return (
    <>
      <span className="muted">{formatDateTime(prop(o, 'modified'))} · </span>
      {prop(o, 'criticality') && <span>criticality {prop(o, 'criticality')} · </span>}
      {prop(o, 'recoverability') && <span>{prop(o, 'recoverability')} · </span>}
      {prop(o, 'description') ?? <span className="muted">no description</span>}
    </>
  );
}

/** Every stored version of an impact, newest first (the object API's versions; keyed by the
 *  latest version's time, so that an update shows at once). */
function ImpactHistory({ impact }: { impact: WorkItem }) {
  const modified = prop(impact.object, 'modified') ?? '';
  const q = useQuery({
    queryKey: ['versions', impact.id, modified],
    queryFn: () => api<{ versions: StoredVersion[] }>(`/objects/${encodeURIComponent(impact.id)}/versions`),
  });
  const versions = [...(q.data?.versions ?? [])].sort((a, b) => String(b.object['modified']).localeCompare(String(a.object['modified'])));
  if (versions.length < 2) return null;
  return (
    <details>
      <summary>{versions.length} versions</summary>
      <ol aria-label="Versions of the impact">
        {versions.map((v) => (
          <li key={String(v.object['modified'])}>
            <Version w={{ ...impact, object: v.object }} />
          </li>
        ))}
      </ol>
    </details>
  );
}

export function Impacts({ detail }: { detail: IncidentDetail }) {
  const id = detail.row.id;
  const impacts = [...versionsById(detail.impacts).values()].map((v) => v[v.length - 1] as WorkItem);
  return (
    <div className="incident-tab">
      {detail.can.work && (
        <div className="tab-actions">
          <ImpactForm id={id} />
        </div>
      )}
      {impacts.length === 0 && <p className="muted">No impact yet.</p>}
      <ul className="impacts">
        {impacts.map((latest) => (
          <li key={latest.id}>
            <strong>{prop(latest.object, 'impact_category') ?? latest.type}</strong> <Version w={latest} />
            {detail.can.work && <ImpactForm id={id} impact={latest} />}
            <ImpactHistory impact={latest} />
          </li>
        ))}
      </ul>
    </div>
  );
}
