// SQLite's StateWatch (store/repositories.ts): the counters of migration 0025, which
// triggers move in the transaction of every write, whichever connection or process made it.
//
// They are read at every call: one small statement (~2 µs on a quiet machine; its cost is the
// read transaction, the same as that of `PRAGMA data_version`, which would only tell that
// something changed). Sharing a read across the calls of one event-loop turn was tried and
// dropped: better-sqlite3 answers synchronously, so a turn can run many requests one after
// another, and a later one would have used counters older than a commit made before it began.
import type Database from 'better-sqlite3';
import { isStateKind, STATE_KINDS, type StateKind, type StateVersions } from '../../domain/state-changes/types.ts';

/** Reads the counters of `raw`'s database. */
export class SqliteStateWatch {
  private readonly raw: Database.Database;
  private counters: Database.Statement<[], { kind: string; generation: number }> | undefined;
  private current: StateVersions | undefined;
  /** Versions handed out while the connection is inside a transaction, unique each time. */
  private unknown = 0;

  constructor(raw: Database.Database) {
    this.raw = raw;
  }

  async versions(): Promise<StateVersions> {
    // Inside a transaction (an async one of another caller on this connection) the counters
    // are those of its snapshot, maybe older than a commit that ended before this call: such a
    // version must match no cache.
    if (this.raw.inTransaction) {
      const v = -++this.unknown;
      return { markings: v, directory: v, users: v, sessions: v, peers: v };
    }
    // Prepared on first use: the table exists only once the migrations ran.
    this.counters ??= this.raw.prepare('select kind, generation from state_changes');
    const next: Record<StateKind, number> = { markings: 0, directory: 0, users: 0, sessions: 0, peers: 0 };
    for (const row of this.counters.all()) if (isStateKind(row.kind)) next[row.kind] = row.generation;
    // The same object while nothing changed, so that callers may compare it by identity too.
    const held = this.current;
    if (held && STATE_KINDS.every((k) => held[k] === next[k])) return held;
    this.current = Object.freeze(next);
    return this.current;
  }
}
