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
