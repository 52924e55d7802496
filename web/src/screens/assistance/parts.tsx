// What every rapid-response screen shows the same way (issue 18, must 7): skills by their ECSF
// titles, urgency, the response clocks in the incident reports' words (issue 16's clock-words,
// so a late first offer reads "deadline exceeded" as a late report does), the screens' own
// navigation and who may do what (paths.ts: the server's permission table, asked with the user's roles).
import { countdown, STATUS_WORDS } from '../../../../src/domain/incidents/clock-words.ts';
import type { ResponseClock, Urgency, Window } from '../../api/assistance.ts';
import { useMe } from '../../api/session.ts';
import type { ReactNode } from 'react';
import type { BannerMarks } from '../../api/objects.ts';
import { Link } from '../../components/Link.tsx';
import { MarkingBanner } from '../../components/MarkingBanner.tsx';
import { Status } from '../../components/Panel.tsx';
import { formatDate, formatDateTime } from '../../format/dates.ts';
import { useLocation } from '../../router.ts';
// The write forms' and the incident pages' layout (dialog forms, facts, actions, small buttons,
// report fields) serve here too.
import '../write/write.css';
import '../incidents/incidents-page.css';
import './assistance.css';
import { skillTitle } from '../../../../src/domain/assistance/skills.ts';
import { FREE_TAG_PREFIX } from '../../api/assistance.ts';

import { askPath, boardPath, mayAsk, mayReadRoster, rosterPath } from './paths.ts';

export {
  boardPath,
  askPath,
  rosterPath,
  requestPath,
  offerPath,
  editPath,
  deploymentPath,
  afterActionPath,
  mayAsk,
  mayRespond,
  mayReadRoster,
  mayManageRoster,
} from './paths.ts';

/** An ECSF role profile by its title; a free tag by its text ("tag:volatility" → "volatility"). */
export const skillName = skillTitle;

export function SkillChips({ skills, label = 'Skills' }: { skills: readonly string[]; label?: string }) {
  if (skills.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="chips" aria-label={label}>
      {skills.map((s) => (
        <li key={s} className={`chip skill${s.startsWith(FREE_TAG_PREFIX) ? ' tag' : ''}`} title={s}>
          {skillName(s)}
        </li>
      ))}
    </ul>
  );
}

export function UrgencyChip({ urgency }: { urgency: Urgency }) {
  return (
    <span className={`urgency urgency-${urgency}`} data-urgency={urgency}>
      {urgency}
    </span>
  );
}

export const CLOCK_NAMES: Readonly<Record<ResponseClock['name'], string>> = {
  'first-offer': 'First offer',
  'team-ready': 'Team ready',
  'after-action': 'After-action report',
};

/** A response clock as a chip (must 5): its name, its standing and, while it runs, the countdown. */
export function ResponseClockChip({ clock, now = Date.now(), short = false }: { clock: ResponseClock; now?: number; short?: boolean }) {
  const name = CLOCK_NAMES[clock.name];
  const left = countdown(clock, now);
  const title = [name, STATUS_WORDS[clock.status], clock.dueAt ? `deadline ${formatDateTime(clock.dueAt)}` : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className={`clock clock-${clock.status}`} title={title} data-clock={clock.name} data-status={clock.status}>
      {short ? null : <span className="clock-stage">{name}: </span>}
      <span className="clock-status">{STATUS_WORDS[clock.status]}</span>
      {left === null ? null : <span className="clock-left"> · {left}</span>}
    </span>
  );
}

/** Every clock of a request or deployment, as chips (the board) or with its deadline (a page). */
export function ClockList({ clocks, now, facts = false }: { clocks: readonly ResponseClock[]; now: number; facts?: boolean }) {
  return (
    <ul className={facts ? 'response-clocks' : 'clocks'} aria-label="Response clocks">
      {clocks.map((c) => (
        <li key={c.name}>
          <ResponseClockChip clock={c} now={now} />
          {facts && (
            <span className="clock-facts">
              {c.dueAt ? `deadline ${formatDateTime(c.dueAt)}` : 'not started'}
              {c.metAt ? ` · met ${formatDateTime(c.metAt)}` : ''}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** "2026-12-01 → 2026-12-14" */
export const windowText = (w: Window): string => `${formatDate(w.from)} → ${formatDate(w.until)}`;

/** The rapid-response screens' navigation: the board, the roster, and asking for help. */
export function AssistanceNav() {
  const { path } = useLocation();
  const me = useMe().data;
  const tabs = [
    { to: boardPath, label: 'Requests', show: true },
    { to: rosterPath, label: 'Roster', show: mayReadRoster(me) },
  ].filter((t) => t.show);
  return (
    <div className="assistance-nav">
      {tabs.length > 1 && (
        <nav aria-label="Rapid response" className="subnav row-nav">
          {tabs.map((t) => (
            <Link key={t.to} to={t.to} className={path === t.to ? 'active' : ''} aria-current={path === t.to ? 'page' : undefined}>
              {t.label}
            </Link>
          ))}
        </nav>
      )}
      {mayAsk(me) && (
        <Link to={askPath} className="button" data-testid="ask-assistance">
          Ask for assistance
        </Link>
      )}
    </div>
  );
}

/** "Live", or "Connecting…" while the stream is down (the screen polls meanwhile). */
export function LiveBadge({ connected }: { connected: boolean }) {
  return (
    <span className={`live ${connected ? 'on' : ''}`} data-testid="assistance-live">
      {connected ? 'Live' : 'Connecting…'}
    </span>
  );
}

/** Facts as a definition list; empty values read "—". */
export function Facts({ facts, label }: { facts: [string, string | null | undefined][]; label: string }) {
  return (
    <dl className="request-facts" aria-label={label}>
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '—' : v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A rapid-response page: the marking banner of what it shows top and bottom, its title and the
 *  screens' navigation, and its content once loaded (or why it is not). */
export function PageFrame({
  className,
  banner,
  title,
  loading,
  error,
  children,
}: {
  className: string;
  banner: BannerMarks | null | undefined;
  title?: string;
  loading: boolean;
  error: unknown;
  children: ReactNode;
}) {
  return (
    <div className={`page ${className}`}>
      <MarkingBanner banner={banner ?? undefined} position="top" />
      <div className="page-head">
        {title && <h1>{title}</h1>}
        <AssistanceNav />
      </div>
      <Status loading={loading} error={error}>
        {children}
      </Status>
      <MarkingBanner banner={banner ?? undefined} position="bottom" />
    </div>
  );
}
