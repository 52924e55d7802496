// The proposed team for a request (issue 18, must 3): the fewest experts that cover the skills
// needed, each with what it covers and why it ranks where it does, the skills no available expert
// covers, and every expert a hard constraint left out with the constraint that did. Pseudonyms
// only: the proposal is made from partners' pseudonymous profiles (must 2).
import type { Candidate, Exclusion, Proposal } from '../../api/assistance.ts';
import { useProposal } from '../../api/assistance.ts';
import { useOrgOptions } from '../../api/names.ts';
import { Panel, Status } from '../../components/Panel.tsx';
import { SkillChips, skillName, windowText } from './parts.tsx';

/** Why an expert cannot serve, in words. */
export function exclusionText(x: Exclusion): string {
  switch (x.constraint) {
    case 'clearance':
      return `needs ${x.needed.scheme} ${x.needed.level}, holds ${x.held ? `${x.held.scheme} ${x.held.level}` : 'no clearance in that scheme'}`;
    case 'availability':
      return `not available over ${windowText(x.window)}${x.gaps.length ? ` (away ${x.gaps.map(windowText).join(', ')})` : ''}`;
    case 'language':
      return `speaks ${x.spoken.join(', ') || 'no listed language'}, needs one of ${x.needed.join(', ')}`;
    case 'on-site':
      return `not on site: ${x.reason}`;
  }
}

function Reasons({ c }: { c: Candidate }) {
  return (
    <ul className="reasons">
      {c.reasons.map((r) => (
        <li key={r.criterion}>
          {r.text} <span className="muted">(+{r.points})</span>
        </li>
      ))}
    </ul>
  );
}

/** The proposed team, then the ranked candidates not in it. */
export function ProposalTable({ proposal, orgName }: { proposal: Proposal; orgName: (id: string) => string }) {
  const inTeam = new Set(proposal.team.map((t) => t.profileId));
  const byId = new Map(proposal.ranked.map((c) => [c.profileId, c]));
  const rows = [...proposal.team.map((t) => byId.get(t.profileId)), ...proposal.ranked.filter((c) => !inTeam.has(c.profileId))].filter(
    (c): c is Candidate => c !== undefined,
  );
  return (
    <table className="grid proposal" aria-label="Proposed team and candidates">
      <thead>
        <tr>
          <th scope="col">Expert</th>
          <th scope="col">Organisation</th>
          <th scope="col">Covers</th>
          <th scope="col" className="num">
            Score
          </th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr
            key={c.profileId}
            className={inTeam.has(c.profileId) ? 'in-team' : ''}
            data-testid={inTeam.has(c.profileId) ? 'team-member' : 'candidate'}
          >
            <td>
              {c.pseudonym}
              {inTeam.has(c.profileId) && <span className="chip team-chip">proposed</span>}
            </td>
            <td>{orgName(c.orgId)}</td>
            <td>
              <SkillChips
                skills={proposal.team.find((t) => t.profileId === c.profileId)?.covers ?? c.covers}
                label={`What ${c.pseudonym} covers`}
              />
            </td>
            <td className="num">{c.score}</td>
            <td>
              <Reasons c={c} />
            </td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              No available expert matches.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function Exclusions({ proposal, orgName }: { proposal: Proposal; orgName: (id: string) => string }) {
  if (proposal.excluded.length === 0) return null;
  return (
    <details className="exclusions" data-testid="exclusions">
      <summary>
        {proposal.excluded.length} expert{proposal.excluded.length === 1 ? '' : 's'} left out by a hard constraint
      </summary>
      <ul>
        {proposal.excluded.map((x) => (
          <li key={x.profileId}>
            <strong>{x.pseudonym}</strong> ({orgName(x.orgId)}): {x.why.map(exclusionText).join('; ')}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Organisations' names as the node knows them (hosted here or at a peer), else their ids: never a
 *  fetch per id, which would fail for an organisation this node does not know. */
export function useOrgName(): (id: string) => string {
  const orgs = useOrgOptions();
  return (id) => orgs.find((o) => o.value === id)?.name ?? id;
}

export function ProposalPanel({ requestId }: { requestId: string }) {
  const q = useProposal(requestId, false);
  const p = q.data;
  const orgName = useOrgName();
  return (
    <Panel title="Proposed team" testId="request-proposal" className="request-proposal">
      <Status loading={q.isPending} error={q.error}>
        {p && (
          <>
            <p className="muted small">
              The fewest available experts that cover the skills needed, from {p.considered} profile{p.considered === 1 ? '' : 's'} of the
              organisations that may answer.
            </p>
            {p.uncovered.length > 0 && (
              <p className="warning" data-testid="uncovered">
                No available expert covers: {p.uncovered.map(skillName).join(', ')}.
              </p>
            )}
            <ProposalTable proposal={p} orgName={orgName} />
            <Exclusions proposal={p} orgName={orgName} />
          </>
        )}
      </Status>
    </Panel>
  );
}
