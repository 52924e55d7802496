// The intelligence linked to the incident (issue 16, must 5): indicators, observables, sightings,
// malware and attack patterns it is related to, and its attribution to intrusion sets or threat
// actors with a confidence (STIX 2.1 §3.5 confidence scale 0–100). Objects are linked by
// searching them by name (the write forms' ObjectPicker), never by typing ids.
import { useState } from 'react';
import { linkObject, type IncidentDetail, type LinkedObject, type LinkRequest } from '../../../api/incidents.ts';
import { Link } from '../../../components/Link.tsx';
import { SimpleTable } from '../../../components/SimpleTable.tsx';
import { objectPath } from '../../../router.ts';
import { SelectField, TextField } from '../../admin/fields.tsx';
import { localError } from '../../admin/form-state.tsx';
import { ObjectPicker } from '../../write/ObjectPicker.tsx';
import { ActionDialog } from './AddDialog.tsx';
import { useAction } from './action.ts';

const ATTRIBUTABLE = new Set(['intrusion-set', 'threat-actor', 'campaign']);
const REL_TYPES = ['related-to', 'attributed-to', 'uses', 'targets', 'indicates', 'derived-from'].map((t) => [t, t] as const);

function LinkForm({ id }: { id: string }) {
  const action = useAction(id);
  const initial = (): Partial<LinkRequest> => ({ relationshipType: 'related-to' });
  const [r, setR] = useState<Partial<LinkRequest>>(initial);
  const submit = async (): Promise<boolean> => {
    if (!r.target) {
      action.fail(localError('target', 'Search the object to link and choose it.'));
      return false;
    }
    return action.run(() => linkObject(id, r as LinkRequest));
  };
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Link an object"
      title="Link an object to the incident"
      submit="Link"
      action={action}
      onSubmit={submit}
    >
      <ObjectPicker
        label="Object"
        name="target"
        single
        value={r.target ? [r.target] : []}
        onChange={(ids, picked) =>
          setR((o) => ({
            ...o,
            target: ids[0],
            ...(picked ? { relationshipType: ATTRIBUTABLE.has(picked.type) ? 'attributed-to' : 'related-to' } : {}),
          }))
        }
        hint="Indicators, observables, sightings, malware, attack patterns; intrusion sets and threat actors for attribution."
      />
      <SelectField
        label="Relationship"
        name="relationshipType"
        value={r.relationshipType ?? 'related-to'}
        onChange={(v) => setR((o) => ({ ...o, relationshipType: v }))}
        options={REL_TYPES}
      />
      <TextField
        label="Confidence (0–100)"
        name="confidence"
        value={r.confidence === undefined ? '' : String(r.confidence)}
        onChange={(v) => setR((o) => ({ ...o, confidence: v === '' ? undefined : Number(v) }))}
        hint="STIX 2.1 §3.5: how sure you are of the link, for attributions above all."
      />
    </ActionDialog>
  );
}

function LinkTable({ label, rows }: { label: string; rows: LinkedObject[] }) {
  return (
    <SimpleTable
      label={label}
      rows={rows}
      rowKey={(l) => l.relationshipId}
      cols={[
        { header: 'Object', cell: (l) => <Link to={objectPath(l.objectId)}>{l.name || l.objectId}</Link> },
        { header: 'Type', cell: (l) => l.objectType },
        { header: 'Relationship', cell: (l) => l.relationshipType },
        { header: 'Confidence', cell: (l) => (l.confidence === null ? '—' : String(l.confidence)) },
      ]}
    />
  );
}

export function Linked({ detail }: { detail: IncidentDetail }) {
  const attribution = detail.links.filter((l) => l.relationshipType === 'attributed-to' || ATTRIBUTABLE.has(l.objectType));
  const other = detail.links.filter((l) => !attribution.includes(l));
  return (
    <div className="incident-tab">
      {detail.can.work && (
        <div className="tab-actions">
          <LinkForm id={detail.row.id} />
        </div>
      )}
      <h3>Attribution</h3>
      <LinkTable label="Attribution" rows={attribution} />
      <h3>Indicators, observables, sightings, malware, attack patterns</h3>
      <LinkTable label="Linked intelligence" rows={other} />
    </div>
  );
}
