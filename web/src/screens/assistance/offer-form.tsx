// Offering experts for a request (issue 18, must 4): the organisation's own roster ranked for the
// request by the matching (GET proposal?own=true, must 3) — what each covers and why it ranks
// there, and who a hard constraint leaves out and why — to tick the experts to offer, with a
// message. The requester sees them by pseudonym only (must 2). The server refuses an expert who is
// not available; its refusal is shown at the experts.
import { useState } from 'react';
import { type Candidate, type ExpertView, makeOffer, type Proposal, useProposal, useRequest, useRoster } from '../../api/assistance.ts';
import { useMe } from '../../api/session.ts';
import { navigate } from '../../router.ts';
import { TextArea } from '../admin/fields.tsx';
import { FieldError, useField } from '../admin/form-state.tsx';
import { Form } from '../admin/forms.tsx';
import { useAssistAction } from './action.ts';
import { mayReadRoster, PageFrame, mayRespond, requestPath, SkillChips, windowText } from './parts.tsx';
import { exclusionText } from './proposal.tsx';

interface Row {
  expert: ExpertView;
  candidate: Candidate | undefined;
  why: string | null;
  team: boolean;
}

/** The roster in the proposal's order: the proposed team, the other candidates, then those left out. */
export function rankRoster(roster: readonly ExpertView[], p: Proposal | undefined): Row[] {
  const byProfile = new Map(roster.map((e) => [e.profileId, e]));
  const team = new Set(p?.team.map((t) => t.profileId) ?? []);
  const rows: Row[] = [];
  const seen = new Set<string>();
  const push = (profileId: string, r: Omit<Row, 'expert'>): void => {
    const expert = byProfile.get(profileId);
    if (!expert || seen.has(profileId)) return;
    seen.add(profileId);
    rows.push({ expert, ...r });
  };
  const ranked = [...(p?.ranked ?? [])].sort((a, b) => Number(team.has(b.profileId)) - Number(team.has(a.profileId)));
  for (const c of ranked) push(c.profileId, { candidate: c, why: null, team: team.has(c.profileId) });
  for (const x of p?.excluded ?? []) push(x.profileId, { candidate: undefined, why: x.why.map(exclusionText).join('; '), team: false });
  for (const e of roster)
    push(e.profileId, { candidate: undefined, why: e.published === false ? 'profile not published' : null, team: false });
  return rows;
}

function ExpertPicker({ rows, picked, onChange }: { rows: Row[]; picked: readonly string[]; onChange: (ids: string[]) => void }) {
  const f = useField('experts', 'Experts to offer');
  const toggle = (id: string, on: boolean): void => onChange(on ? [...picked, id] : picked.filter((p) => p !== id));
  return (
    <fieldset className="field wide" aria-invalid={f.error ? true : undefined} aria-describedby={f.describedBy}>
      <legend>Experts to offer</legend>
      {rows.length === 0 && <p className="muted">Your roster has no expert yet.</p>}
      <ul className="expert-pick">
        {rows.map(({ expert: e, candidate: c, why, team }) => (
          <li key={e.id} data-testid="offer-expert">
            <label className="check">
              <input type="checkbox" checked={picked.includes(e.id)} onChange={(ev) => toggle(e.id, ev.target.checked)} />
              <strong>{e.name}</strong> <span className="muted">({e.pseudonym})</span>
              {team && <span className="chip team-chip">proposed</span>}
              {c && <span className="muted small"> score {c.score}</span>}
            </label>
            {c ? <SkillChips skills={c.covers} label={`What ${e.name} covers`} /> : null}
            {c && <span className="muted small">{c.reasons.map((r) => r.text).join(' · ')}</span>}
            {why && <span className="warning small">Left out: {why}</span>}
          </li>
        ))}
      </ul>
      <FieldError id={f.id} error={f.error} />
    </fieldset>
  );
}

export function OfferForm({ id }: { id: string }) {
  const me = useMe().data;
  // Only those who may offer read the ranking and their roster (the server would refuse the rest).
  const may = mayRespond(me) && mayReadRoster(me);
  const request = useRequest(id, false);
  const roster = useRoster(may);
  const proposal = useProposal(id, true, may);
  const action = useAssistAction();
  const [picked, setPicked] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const v = request.data;
  const rows = rankRoster(roster.data ?? [], proposal.data);
  // Every refusal about an offered expert (`experts[2].expertId`) is shown at the experts.
  const fields = new Map([...action.fields].map(([k, m]) => [k.startsWith('experts') ? 'experts' : k, m]));
  const send = (): void =>
    void action.run(async () => {
      await makeOffer(id, { experts: picked.map((expertId) => ({ expertId })), ...(message.trim() ? { message: message.trim() } : {}) });
      navigate(requestPath(id));
    });
  return (
    <PageFrame
      className="offer-new"
      title="Offer experts"
      banner={v?.marking}
      loading={request.isPending || (may && roster.isPending)}
      error={request.error ?? roster.error}
    >
      {v && !may && <p className="muted">Only your organisation's coordinators and administrators offer its experts.</p>}
      {v && may && (
        <>
          <p>
            For <strong>{v.title}</strong> ({v.requester.name}), {v.needs.mode}, {windowText(v.needs.window)}.
          </p>
          <SkillChips skills={v.needs.skills} label="Skills needed" />
          {proposal.error && <p className="muted small">No ranking: {proposal.error.message}</p>}
          <Form
            title="Offer experts"
            submit="Send the offer"
            onSubmit={send}
            onCancel={() => navigate(requestPath(id))}
            error={action.error}
            pending={action.pending}
            className="write-form"
            fieldErrors={fields}
          >
            <ExpertPicker rows={rows} picked={picked} onChange={setPicked} />
            <TextArea label="Message to the requester" name="message" value={message} onChange={setMessage} />
          </Form>
        </>
      )}
    </PageFrame>
  );
}
