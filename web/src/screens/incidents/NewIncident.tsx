// Opening an incident (issue 16, must 1 and 9): what NIS2 asks the entity to say from the start —
// when it became aware (every Article 23 clock starts there, so never in the future), the sector
// per Annex I/II (prefilled from the organisation's), the member states affected, whether it is
// significant, suspected malicious or cross-border — and the RSIT class, severity and TLP. The
// server's refusals are shown at the field they name.
import { useState } from 'react';
import { openIncident, useInvalidateIncident, type OpenIncidentRequest } from '../../api/incidents.ts';
import type { Me } from '../../api/session.ts';
import { navigate } from '../../router.ts';
import { localError } from '../admin/form-state.tsx';
import { CheckField, CheckList, SelectField, TextArea, TextField } from '../admin/fields.tsx';
import { Form } from '../admin/forms.tsx';
import {
  DETERMINATION_OPTIONS,
  MEMBER_STATE_OPTIONS,
  RSIT_OPTIONS,
  rsitTypeOptions,
  SECTOR_OPTIONS,
  SEVERITY_OPTIONS,
  subsectorOptions,
  TLP_OPTIONS,
} from './choices.ts';
import { DateTimeField } from './fields.tsx';
import { problemFields } from './problem.ts';
import '../write/write.css';
import './incidents-page.css';

type Draft = Required<Pick<OpenIncidentRequest, 'name' | 'awareAt' | 'memberStates'>> &
  Omit<OpenIncidentRequest, 'name' | 'awareAt' | 'memberStates'> & { description: string };

/** The organisation's first sector, and the member state it is in, start the form. */
function start(me: Me): Draft {
  const [sector = '', subsector = ''] = (me.org.sectors?.[0] ?? '').split('/');
  return {
    name: '',
    description: '',
    awareAt: '',
    determination: 'suspected',
    sector,
    subsector,
    memberStates: me.org.country ? [me.org.country] : [],
    significant: true,
    tlp: 'amber+strict',
  };
}

/** The request: empty choices left out, so the server applies its defaults. */
function requestOf(d: Draft): OpenIncidentRequest {
  const out: Partial<Draft> = { ...d };
  for (const k of Object.keys(out) as (keyof Draft)[]) {
    const v = out[k];
    if (v === '' || v === undefined || (Array.isArray(v) && v.length === 0)) delete out[k];
  }
  return out as OpenIncidentRequest;
}

type SetField = <K extends keyof Draft>(k: K, v: Draft[K]) => void;

/** What the browser refuses before sending: the name, and a time of becoming aware that is a
 *  time and not in the future (every Article 23 clock starts there). */
function localCheck(d: Draft): Error | null {
  if (d.name.trim() === '') return localError('name', 'Name the incident.');
  if (d.awareAt === '') return localError('awareAt', 'Say when you became aware of the incident: every NIS2 clock starts there.');
  if (Number.isNaN(Date.parse(d.awareAt))) return localError('awareAt', 'Not a time: write yyyy-mm-dd HH:MM, in UTC.');
  if (Date.parse(d.awareAt) > Date.now()) return localError('awareAt', 'The time of becoming aware cannot be in the future.');
  return null;
}

/** Where the incident hits: the Annex I/II sector and subsector, the member states affected. */
function SectorFields({ d, set }: { d: Draft; set: SetField }) {
  return (
    <>
      <SelectField
        label="Sector (NIS2 Annex I/II)"
        name="sector"
        value={d.sector ?? ''}
        onChange={(v) => {
          set('sector', v);
          set('subsector', '');
        }}
        options={SECTOR_OPTIONS}
      />
      <SelectField
        label="Subsector"
        name="subsector"
        value={d.subsector ?? ''}
        onChange={(v) => set('subsector', v)}
        options={subsectorOptions(d.sector ?? '')}
        disabled={subsectorOptions(d.sector ?? '').length < 2}
      />
      <CheckList
        legend="Member states affected"
        name="memberStates"
        options={MEMBER_STATE_OPTIONS}
        selected={d.memberStates}
        onChange={(v) => set('memberStates', v)}
      />
    </>
  );
}

/** How it is classified and marked: RSIT class and type, severity, TLP. */
function ClassFields({ d, set }: { d: Draft; set: SetField }) {
  return (
    <>
      <SelectField
        label="RSIT class"
        name="rsitClass"
        value={d.rsitClass ?? ''}
        onChange={(v) => {
          set('rsitClass', v);
          set('rsitType', '');
        }}
        options={RSIT_OPTIONS}
      />
      <SelectField
        label="RSIT type"
        name="rsitType"
        value={d.rsitType ?? ''}
        onChange={(v) => set('rsitType', v)}
        options={rsitTypeOptions(d.rsitClass ?? '')}
        disabled={!d.rsitClass}
      />
      <SelectField
        label="Severity"
        name="severity"
        value={d.severity ?? ''}
        onChange={(v) => set('severity', v as Draft['severity'])}
        options={SEVERITY_OPTIONS}
      />
      <SelectField label="TLP" name="tlp" value={d.tlp ?? ''} onChange={(v) => set('tlp', v)} options={TLP_OPTIONS} />
    </>
  );
}

export function NewIncident({ me }: { me: Me }) {
  const [d, setD] = useState<Draft>(() => start(me));
  const [error, setError] = useState<Error | null>(null);
  const [fields, setFields] = useState(new Map<string, string>());
  const [pending, setPending] = useState(false);
  const invalidate = useInvalidateIncident();
  const set: SetField = (k, v) => {
    setD((old) => ({ ...old, [k]: v }));
    setFields((old) => new Map([...old].filter(([f]) => f !== k)));
    setError(null);
  };

  const send = async (): Promise<void> => {
    const refused = localCheck(d);
    if (refused) return setError(refused);
    setPending(true);
    try {
      const made = await openIncident(requestOf(d));
      await invalidate(made.row.id);
      navigate(`/incidents/${encodeURIComponent(made.row.id)}`);
    } catch (e) {
      setFields(problemFields(e));
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="page incident-new">
      <h1>Open an incident</h1>
      <Form
        title="Open an incident"
        submit="Open the incident"
        onSubmit={() => void send()}
        onCancel={() => navigate('/incidents')}
        error={error}
        pending={pending}
        className="write-form"
        fieldErrors={fields}
      >
        <TextField label="Name" name="name" value={d.name} onChange={(v) => set('name', v)} wide />
        <TextArea label="Description" name="description" value={d.description} onChange={(v) => set('description', v)} />
        <DateTimeField
          label="Became aware at"
          name="awareAt"
          value={d.awareAt}
          onChange={(v) => set('awareAt', v)}
          hint="NIS2 Art. 23(4): every reporting deadline runs from this moment."
        />
        <SelectField
          label="Determination"
          name="determination"
          value={d.determination ?? ''}
          onChange={(v) => set('determination', v as Draft['determination'])}
          options={DETERMINATION_OPTIONS}
        />
        <SectorFields d={d} set={set} />
        <CheckField
          label="Significant (NIS2 Art. 23(3))"
          name="significant"
          checked={d.significant === true}
          onChange={(v) => set('significant', v)}
        />
        <CheckField
          label="Suspected unlawful or malicious (Art. 23(4)(a))"
          name="suspectedMalicious"
          checked={d.suspectedMalicious === true}
          onChange={(v) => set('suspectedMalicious', v)}
        />
        <CheckField
          label="May have a cross-border impact (Art. 23(4)(a))"
          name="crossBorder"
          checked={d.crossBorder === true}
          onChange={(v) => set('crossBorder', v)}
        />
        <ClassFields d={d} set={set} />
      </Form>
    </div>
  );
}
