// What tells a process that local state it keeps in memory has changed in the store, whoever
// committed the change: this process, a `concord import` beside it, or another `serve` process
// on the same PostgreSQL (issue 14). The store counts the commits of each kind of state (a
// trigger on its tables, migrations/0025_state_changes.ts); caches stamp what they hold with
// the count they built it at and build again when it moved.

/** The kinds of local state that processes keep in memory. */
export type StateKind =
  /** marking-definition objects (services/markings.service.ts). */
  | 'markings'
  /** Organisations, communities and sharing groups. */
  | 'directory'
  /** Users and API tokens (the store's user repository). */
  | 'users'
  /** Browser sessions. */
  | 'sessions'
  /** Peer nodes. */
  | 'peers';

export const STATE_KINDS: readonly StateKind[] = ['markings', 'directory', 'users', 'sessions', 'peers'];

/** Whether `s` names a kind of state (a counter row, a notification's payload). */
export function isStateKind(s: string): s is StateKind {
  return (STATE_KINDS as readonly string[]).includes(s);
}

/** A count per kind; only equality means anything (the same count: nothing of that kind changed). */
export type StateVersions = Readonly<Record<StateKind, number>>;
