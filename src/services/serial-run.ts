// One run at a time of a catch-up (a projection, an evaluation), per process: a call during a
// run waits for a run that starts after it, so it sees what was stored before it was called, and
// calls during one run share the next.

/** Runs `work` serially; see the module comment. */
export class SerialRun {
  private readonly work: () => Promise<void>;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private closed = false;

  constructor(work: () => Promise<void>) {
    this.work = work;
  }

  /** Starts a run, or waits for the one after the run under way. */
  run(): Promise<void> {
    // After close() the store is going away: nothing new starts (a commit event may still come).
    if (this.closed) return Promise.resolve();
    if (this.running === null) {
      this.running = this.work().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    if (this.queued === null) {
      const after = this.running;
      this.queued = after
        .catch(() => {})
        .then(() => {
          this.queued = null;
          return this.run();
        });
    }
    return this.queued;
  }

  /** Resolves when no run is under way or waiting (whatever their outcome). */
  async idle(): Promise<void> {
    while (this.running !== null || this.queued !== null) await (this.queued ?? this.running)?.catch(() => {});
  }

  /** Starts no run from now on, and waits for the one under way. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }
}

/** A projection's place in the store: its cursor, and the versions stored after a sequence. */
export interface ChangeFeed {
  cursor(): Promise<number>;
  setCursor(seq: number): Promise<void>;
  changes(after: number, limit: number): Promise<readonly { seq: number; id: string }[]>;
}

/**
 * Hands `project` the distinct ids of every version stored after the feed's cursor, `step` at a
 * time, moving the cursor after each batch so that a run cut off resumes where it stopped (the
 * incident, sighting and assistance projections). With `head`, versions after it wait for the
 * next run. Answers the cursor reached.
 */
export async function followChanges(
  feed: ChangeFeed,
  step: number,
  project: (ids: string[]) => Promise<void>,
  head?: number,
): Promise<number> {
  let cursor = await feed.cursor();
  for (;;) {
    const all = await feed.changes(cursor, step);
    const changed = head === undefined ? all : all.filter((c) => c.seq <= head);
    if (changed.length === 0) break;
    await project([...new Set(changed.map((c) => c.id))]);
    cursor = changed.at(-1)?.seq ?? cursor;
    await feed.setCursor(cursor);
    if (changed.length < step) break;
  }
  return cursor;
}
