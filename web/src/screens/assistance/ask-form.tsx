// "Ask for assistance" (issue 18, must 1): what happened (and the incident, when there is one),
// the affected entity and impact, what is needed (skills, languages, on site or remote, where,
// when, the clearance), what has been done and what other support there is, the urgency, to whom
// the request goes, its marking and its response targets. Checked in the browser by the domain's
// own rules (check.ts requestIssues, the API's) and each issue shown at its field; the server's
// refusals are shown the same way.
import { useState } from 'react';
import { useCommunities, useSchemes } from '../../api/admin.ts';
import {
  askAssistance,
  MODES,
  type NewRequest,
  type RequestAudience,
  type RequestView,
  URGENCIES,
  updateRequest,
  useInvalidateAssistance,
  useRequest,
} from '../../api/assistance.ts';
import { useOrgOptions } from '../../api/names.ts';
import type { Me } from '../../api/session.ts';
import { navigate } from '../../router.ts';
import { Status } from '../../components/Panel.tsx';
import { requestIssues } from '../../../../src/domain/assistance/check.ts';
import { CheckList, SelectField, TextArea, TextField } from '../admin/fields.tsx';
import { Form } from '../admin/forms.tsx';
import { TLP_OPTIONS } from '../incidents/choices.ts';
import { problemFields } from '../incidents/problem.ts';
import { collapseFields, issueFields, issuesError } from './action.ts';
import { ClearanceField, LanguagesField, levelsOf, numberOf, SkillsField, WindowFields } from './form-parts.tsx';
import { boardPath, mayAsk, requestPath } from './parts.tsx';

interface Draft {
  title: string;
  description: string;
  incidentId: string;
  affectedEntity: string;
  impact: string;
  actionsTaken: string;
  otherSupport: string;
  needs: NewRequest['needs'];
  teamSize: string;
  urgency: NewRequest['urgency'];
  audienceKind: RequestAudience['kind'];
  community: string;
  orgs: string[];
  coordinatorOrg: string;
  tlp: string;
  firstOfferHours: string;
  teamReadyHours: string;
}

const start = (me: Me): Draft => ({
  title: '',
  description: '',
  incidentId: '',
  affectedEntity: '',
  impact: '',
  actionsTaken: '',
  otherSupport: '',
  needs: { skills: [], languages: ['en'], mode: 'remote', window: { from: '', until: '' } },
  teamSize: '',
  urgency: 'high',
  audienceKind: 'federation',
  community: me.org.communities[0] ?? '',
  orgs: [],
  coordinatorOrg: '',
  tlp: 'green',
  firstOfferHours: '24',
  teamReadyHours: '72',
});

/** The hours from the request's creation to a clock's deadline: the response target it was given. */
const targetHours = (v: RequestView, name: 'first-offer' | 'team-ready'): string => {
  const due = v.clocks.find((c) => c.name === name)?.dueAt;
  return due ? String(Math.round((Date.parse(due) - Date.parse(v.created)) / 3_600_000)) : '';
};

/** A request as it stands, to change it (must 1: the requester publishes a new version). */
const draftOf = (v: RequestView): Draft => ({
  title: v.title,
  description: v.description,
  incidentId: v.incidentId ?? '',
  affectedEntity: v.affectedEntity ?? '',
  impact: v.impact ?? '',
  actionsTaken: v.actionsTaken ?? '',
  otherSupport: v.otherSupport ?? '',
  needs: v.needs,
  teamSize: v.needs.teamSize === undefined ? '' : String(v.needs.teamSize),
  urgency: v.urgency,
  audienceKind: v.audience.kind,
  community: v.audience.kind === 'community' ? v.audience.id : '',
  orgs: v.audience.kind === 'organizations' ? v.audience.ids : [],
  coordinatorOrg: v.coordinator.id === v.requester.id ? '' : v.coordinator.id,
  tlp: v.marking?.tlp ?? 'green',
  firstOfferHours: targetHours(v, 'first-offer'),
  teamReadyHours: targetHours(v, 'team-ready'),
});

const optional = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

function audienceOf(d: Draft): RequestAudience {
  if (d.audienceKind === 'community') return { kind: 'community', id: d.community };
  if (d.audienceKind === 'organizations') return { kind: 'organizations', ids: d.orgs };
  return { kind: 'federation' };
}

/** The request as the API takes it: empty optional fields left out, so the server's defaults apply. */
export function requestOf(d: Draft): NewRequest {
  const n = d.needs;
  const needs: NewRequest['needs'] = {
    skills: n.skills,
    languages: n.languages,
    mode: n.mode,
    window: n.window,
    ...(optional(n.location ?? '') ? { location: optional(n.location ?? '') } : {}),
    ...(optional(n.country ?? '') ? { country: optional(n.country ?? '')?.toUpperCase() } : {}),
    ...(n.clearance ? { clearance: n.clearance } : {}),
    ...(numberOf(d.teamSize) !== undefined ? { teamSize: numberOf(d.teamSize) } : {}),
  };
  const texts = {
    incidentId: d.incidentId,
    affectedEntity: d.affectedEntity,
    impact: d.impact,
    actionsTaken: d.actionsTaken,
    otherSupport: d.otherSupport,
  };
  const out: NewRequest = {
    title: d.title.trim(),
    description: d.description,
    needs,
    urgency: d.urgency,
    audience: audienceOf(d),
    tlp: d.tlp,
  };
  for (const [k, v] of Object.entries(texts)) if (optional(v)) Object.assign(out, { [k]: optional(v) });
  if (d.coordinatorOrg) out.coordinatorOrg = d.coordinatorOrg;
  const first = numberOf(d.firstOfferHours);
  const ready = numberOf(d.teamReadyHours);
  if (first !== undefined) out.firstOfferHours = first;
  if (ready !== undefined) out.teamReadyHours = ready;
  return out;
}

type Set = <K extends keyof Draft>(k: K, v: Draft[K]) => void;

function NeedsFields({ d, set }: { d: Draft; set: Set }) {
  const schemes = useSchemes().data ?? [];
  const needs = (patch: Partial<NewRequest['needs']>): void => set('needs', { ...d.needs, ...patch });
  return (
    <>
      <h2 className="wide">What is needed</h2>
      <SkillsField
        name="needs.skills"
        legend="Skills needed (ECSF role profiles)"
        value={d.needs.skills}
        onChange={(skills) => needs({ skills })}
      />
      <LanguagesField name="needs.languages" value={d.needs.languages} onChange={(languages) => needs({ languages })} />
      <SelectField
        label="On site or remote"
        name="needs.mode"
        value={d.needs.mode}
        onChange={(v) => needs({ mode: v as NewRequest['needs']['mode'] })}
        options={MODES.map((m) => [m, m] as const)}
      />
      <TextField label="Where (place)" name="needs.location" value={d.needs.location ?? ''} onChange={(location) => needs({ location })} />
      <TextField
        label="Country (ISO 3166-1)"
        name="needs.country"
        value={d.needs.country ?? ''}
        onChange={(country) => needs({ country })}
      />
      <WindowFields
        name="needs.window"
        value={d.needs.window}
        onChange={(window) => needs({ window })}
        labels={['Needed from', 'Needed until']}
      />
      <ClearanceField
        name="needs.clearance"
        label="Clearance needed"
        schemes={schemes}
        value={d.needs.clearance}
        onChange={(clearance) => set('needs', { ...d.needs, clearance })}
      />
      <TextField label="Experts wanted" name="needs.teamSize" value={d.teamSize} onChange={(v) => set('teamSize', v)} />
    </>
  );
}

/** The organisations the node knows, by name and country, as choices. */
function useOrgChoices(): (readonly [string, string])[] {
  return useOrgOptions().map((o) => [o.value, o.country ? `${o.name} (${o.country})` : o.name] as const);
}

function AudienceFields({ d, set, fixed }: { d: Draft; set: Set; fixed: boolean }) {
  const communities = useCommunities().data ?? [];
  const orgOptions = useOrgChoices();
  return (
    <>
      <h2 className="wide">To whom, and how urgent</h2>
      <SelectField
        label="Urgency"
        name="urgency"
        value={d.urgency}
        onChange={(v) => set('urgency', v as Draft['urgency'])}
        options={URGENCIES.map((u) => [u, u] as const)}
      />
      <SelectField
        label="Goes to"
        disabled={fixed}
        name="audience.kind"
        value={d.audienceKind}
        onChange={(v) => {
          set('audienceKind', v as Draft['audienceKind']);
          // TLP bounds the distribution (DESIGN.md): named organisations share through a sharing
          // group (AMBER at most), a community or the federation take GREEN.
          set('tlp', v === 'organizations' ? 'amber' : 'green');
        }}
        options={[
          ['federation', 'The whole federation'],
          ['community', 'A community'],
          ['organizations', 'Named organisations'],
        ]}
      />
      {d.audienceKind === 'community' && (
        <SelectField
          disabled={fixed}
          label="Community"
          name="audience.id"
          value={d.community}
          onChange={(v) => set('community', v)}
          options={[['', '—'], ...communities.map((c) => [c.id, c.name] as const)]}
        />
      )}
      {d.audienceKind === 'organizations' && !fixed && (
        <CheckList legend="Organisations" name="audience.ids" options={orgOptions} selected={d.orgs} onChange={(v) => set('orgs', v)} />
      )}
    </>
  );
}

/** Asking (a new request) or, with `edit`, changing a request (its audience stays as asked). */
/** Who coordinates, the marking, and the response targets (must 5: by default 24 and 72 hours). */
function ResponseFields({ d, set }: { d: Draft; set: Set }) {
  const orgOptions = useOrgChoices();
  return (
    <>
      <SelectField
        label="Coordinator"
        name="coordinatorOrg"
        value={d.coordinatorOrg}
        onChange={(v) => set('coordinatorOrg', v)}
        options={[['', 'Our organisation'], ...orgOptions]}
      />
      <SelectField label="TLP" name="tlp" value={d.tlp} onChange={(v) => set('tlp', v)} options={TLP_OPTIONS} />
      <TextField
        label="First offer within (hours)"
        name="firstOfferHours"
        value={d.firstOfferHours}
        onChange={(v) => set('firstOfferHours', v)}
      />
      <TextField
        label="Team ready within (hours)"
        name="teamReadyHours"
        value={d.teamReadyHours}
        onChange={(v) => set('teamReadyHours', v)}
      />
    </>
  );
}

export function AskForm({ me, edit }: { me: Me; edit?: RequestView }) {
  const [d, setD] = useState<Draft>(() => (edit ? draftOf(edit) : start(me)));
  const [error, setError] = useState<Error | null>(null);
  const [fields, setFields] = useState<ReadonlyMap<string, string>>(new Map());
  const [pending, setPending] = useState(false);
  const schemes = useSchemes().data ?? [];
  const invalidate = useInvalidateAssistance();
  const set: Set = (k, v) => {
    setD((old) => ({ ...old, [k]: v }));
    setError(null);
  };

  const send = async (): Promise<void> => {
    const request = requestOf(d);
    const issues = requestIssues(request, levelsOf(schemes));
    setFields(issueFields(issues));
    if (issues.length > 0) return setError(issuesError(issues));
    setPending(true);
    try {
      const { audience: _fixed, ...update } = request;
      const made = edit ? await updateRequest(edit.id, update) : await askAssistance(request);
      await invalidate();
      navigate(requestPath(made.id));
    } catch (e) {
      setFields(collapseFields(problemFields(e)));
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setPending(false);
    }
  };

  // The server refuses the others; the form says so rather than offering what would be refused.
  if (!mayAsk(me))
    return (
      <div className="page assist-new">
        <h1>Ask for assistance</h1>
        <p className="muted">Only your organisation's coordinators and administrators ask for assistance.</p>
      </div>
    );
  const title = edit ? 'Change the request' : 'Ask for assistance';
  return (
    <div className="page assist-new">
      <h1>{title}</h1>
      <Form
        title={title}
        submit={edit ? 'Publish the new version' : 'Send the request'}
        onSubmit={() => void send()}
        onCancel={() => navigate(edit ? requestPath(edit.id) : boardPath)}
        error={error}
        pending={pending}
        className="write-form assist-form"
        fieldErrors={fields}
      >
        <TextField label="Title" name="title" value={d.title} onChange={(v) => set('title', v)} wide />
        <TextArea label="What happened" name="description" value={d.description} onChange={(v) => set('description', v)} />
        <TextField label="Incident (id, if there is one)" name="incidentId" value={d.incidentId} onChange={(v) => set('incidentId', v)} />
        <TextField label="Affected entity" name="affectedEntity" value={d.affectedEntity} onChange={(v) => set('affectedEntity', v)} />
        <TextArea label="Impact" name="impact" value={d.impact} onChange={(v) => set('impact', v)} />
        <TextArea label="What has been done already" name="actionsTaken" value={d.actionsTaken} onChange={(v) => set('actionsTaken', v)} />
        <TextArea label="Other support in place" name="otherSupport" value={d.otherSupport} onChange={(v) => set('otherSupport', v)} />
        <NeedsFields d={d} set={set} />
        <AudienceFields d={d} set={set} fixed={edit !== undefined} />
        <ResponseFields d={d} set={set} />
      </Form>
    </div>
  );
}

/** Changing request `id`: its requester's coordinators and administrators, while it is open. */
export function EditRequest({ me, id }: { me: Me; id: string }) {
  const q = useRequest(id, false);
  const v = q.data;
  return (
    <Status loading={q.isPending} error={q.error}>
      {v && !v.can.update && <p className="muted page">Only the requester changes a request.</p>}
      {v?.can.update && <AskForm me={me} edit={v} />}
    </Status>
  );
}
