// The offers on a request's page (issue 18, must 4): each organisation's experts by pseudonym
// (names come only with a deployment, must 2), what each covers of the request and when they are
// free, and the requester's decision. The requester accepts or declines an offer still standing;
// the offering organisation may withdraw its own.
import { useState } from 'react';
import { decideOffer, type OfferView, type RequestView, withdrawOffer } from '../../api/assistance.ts';
import { useMe } from '../../api/session.ts';
import { Panel } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { CheckList, TextField } from '../admin/fields.tsx';
import { localError } from '../admin/form-state.tsx';
import { ActionDialog } from '../incidents/page/AddDialog.tsx';
import { useAssistAction } from './action.ts';
import { SkillChips, skillName, windowText } from './parts.tsx';

function Decision({ o }: { o: OfferView }) {
  const d = o.decision;
  if (d === null) return <span className="muted">awaiting the requester’s decision</span>;
  return (
    <span className={`decision decision-${d.decision}`} data-testid="offer-decision">
      {d.decision} {formatDateTime(d.at)}
      {d.decision === 'accepted' && d.profileIds.length < o.experts.length
        ? ` (${d.profileIds.length} of ${o.experts.length} experts)`
        : ''}
      {d.reason ? ` — ${d.reason}` : ''}
    </span>
  );
}

/** Accepting some of an offer's experts (DecisionInput.profileIds): the others are not deployed. */
function AcceptSome({ o }: { o: OfferView }) {
  const action = useAssistAction();
  const [picked, setPicked] = useState<string[]>([]);
  const submit = async (): Promise<boolean> => {
    if (picked.length === 0) {
      action.fail(localError('profileIds', 'Choose at least one expert, or decline the offer.'));
      return false;
    }
    return action.run(() => decideOffer(o.id, { decision: 'accepted', profileIds: picked }));
  };
  return (
    <ActionDialog
      open="Accept some…"
      openLabel={`Accept some experts of ${o.org.name}`}
      title={`Accept some experts of ${o.org.name}`}
      submit="Accept these"
      action={action}
      small
      onOpen={() => setPicked([])}
      onSubmit={submit}
    >
      <CheckList
        legend="Experts to accept"
        name="profileIds"
        options={o.experts.map(
          (e) => [e.profileId, `${e.pseudonym} (${e.covers.map(skillName).join(', ') || 'no skill needed'})`] as const,
        )}
        selected={picked}
        onChange={setPicked}
      />
    </ActionDialog>
  );
}

/** Accept every expert of the offer (or some of them) or decline with a reason. */
function Decide({ o }: { o: OfferView }) {
  const accept = useAssistAction();
  const decline = useAssistAction();
  const [reason, setReason] = useState('');
  return (
    <span className="tab-actions">
      <button
        type="button"
        disabled={accept.pending}
        onClick={() => void accept.run(() => decideOffer(o.id, { decision: 'accepted' }))}
        aria-label={`Accept the offer of ${o.org.name}`}
      >
        Accept
      </button>
      {o.experts.length > 1 && <AcceptSome o={o} />}
      <ActionDialog
        open="Decline"
        openLabel={`Decline the offer of ${o.org.name}`}
        title={`Decline the offer of ${o.org.name}`}
        submit="Decline"
        action={decline}
        small
        onOpen={() => setReason('')}
        onSubmit={() => decline.run(() => decideOffer(o.id, { decision: 'declined', ...(reason.trim() ? { reason: reason.trim() } : {}) }))}
      >
        <TextField label="Reason (shared with the organisation)" name="reason" value={reason} onChange={setReason} wide />
      </ActionDialog>
      {accept.error && (
        <span className="error" role="alert">
          {accept.error.message}
        </span>
      )}
    </span>
  );
}

function Withdraw({ o }: { o: OfferView }) {
  const action = useAssistAction();
  return (
    <span className="tab-actions">
      <button type="button" className="ghost small" disabled={action.pending} onClick={() => void action.run(() => withdrawOffer(o.id))}>
        Withdraw our offer
      </button>
      {action.error && (
        <span className="error" role="alert">
          {action.error.message}
        </span>
      )}
    </span>
  );
}

function Offer({ o, v, ownOrg }: { o: OfferView; v: RequestView; ownOrg: string | undefined }) {
  const standing = o.status === 'offered' && o.decision === null && v.status === 'open';
  return (
    <li className={`offer offer-${o.status}`} data-testid="offer" data-org={o.org.name}>
      <div className="offer-head">
        <strong>{o.org.name}</strong>
        <span className="muted small">
          {o.status === 'withdrawn' ? 'withdrawn' : 'offered'} {formatDateTime(o.created)}
        </span>
        <Decision o={o} />
      </div>
      {o.message && <p className="prewrap">{o.message}</p>}
      <table className="grid offer-experts" aria-label={`Experts offered by ${o.org.name}`}>
        <thead>
          <tr>
            <th scope="col">Expert</th>
            <th scope="col">Covers</th>
            <th scope="col">Available</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {o.experts.map((e) => (
            <tr key={e.profileId}>
              <td>{e.pseudonym}</td>
              <td>
                <SkillChips skills={e.covers} label={`What ${e.pseudonym} covers`} />
              </td>
              <td>{windowText(e.window)}</td>
              <td>{e.note ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {standing && v.can.decide && <Decide o={o} />}
      {o.status === 'offered' && o.org.id === ownOrg && o.decision === null && <Withdraw o={o} />}
    </li>
  );
}

export function Offers({ v }: { v: RequestView }) {
  const me = useMe().data;
  return (
    <Panel title={`Offers (${v.offers.length})`} testId="request-offers" className="request-offers">
      {v.offers.length === 0 ? (
        <p className="muted">No offer you may read yet.</p>
      ) : (
        <ul className="offers">
          {v.offers.map((o) => (
            <Offer key={o.id} o={o} v={v} ownOrg={me?.org.id} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
