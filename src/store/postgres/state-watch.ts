// PostgreSQL's StateWatch (store/repositories.ts): one connection per process LISTENs on
// `concord_state`, where migration 0025's triggers NOTIFY the kind of every commit, whichever
// process made it (DESIGN.md, Scale-out: change notifications use LISTEN/NOTIFY). Versions are
// then answered from memory, with no round trip per request. A notification arrives a moment
// after its commit (within milliseconds on one server); a read in that moment may still use what
// was cached before. While not listening (before the first use, after the connection was lost)
// every version is new, so no cache is used; the connection is opened on first use and again
// after a loss (at most once a second), and every kind counts as changed once it listens again.
import pg from 'pg';
import { isStateKind, STATE_KINDS, type StateKind, type StateVersions } from '../../domain/state-changes/types.ts';

const CHANNEL = 'concord_state';
const RETRY_MS = 1000;

/** Listens for the commits of every process on the database at `url`. */
export class PostgresStateWatch {
  private readonly url: string;
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private lastAttempt = 0;
  private closed = false;
  private counts: Record<StateKind, number> = { markings: 0, directory: 0, users: 0, sessions: 0, peers: 0 };
  private current: StateVersions = Object.freeze({ ...this.counts });
  private unknown = 0;

  constructor(url: string) {
    this.url = url;
  }

  async versions(): Promise<StateVersions> {
    if (this.client !== undefined) return this.current;
    this.start();
    const v = -++this.unknown;
    return { markings: v, directory: v, users: v, sessions: v, peers: v };
  }

  /** Stops listening; for the store's close. */
  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private start(): void {
    if (this.closed || this.connecting !== undefined || Date.now() - this.lastAttempt < RETRY_MS) return;
    this.lastAttempt = Date.now();
    this.connecting = this.connect()
      .catch(() => {})
      .finally(() => {
        this.connecting = undefined;
      });
  }

  private async connect(): Promise<void> {
    // A bounded connect, so that closing the store never waits on an unreachable server.
    const client = new pg.Client({ connectionString: this.url, application_name: 'concord-state', connectionTimeoutMillis: 5000 });
    // A failed or ended connection stops the answers from memory until another listens.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload !== undefined && isStateKind(n.payload)) this.changed([n.payload]);
    });
    try {
      await client.connect();
      if (this.closed) throw new Error('closed');
      await client.query(`listen ${CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
    // What was committed before LISTEN took effect was not announced: everything counts as changed.
    this.changed(STATE_KINDS);
    this.client = client;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => {});
  }

  private changed(kinds: readonly StateKind[]): void {
    const next = { ...this.counts };
    for (const k of kinds) next[k]++;
    this.counts = next;
    this.current = Object.freeze({ ...next });
  }
}
